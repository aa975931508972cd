-- Before/after clinical photos (CRM-5, checklist #31). The image itself lives in the encrypted
-- file store (SEC-8) under object_key, re-encoded without metadata; this row says whose it is,
-- which visit it belongs to and what it shows. Removing a photo hides it and keeps who, when and
-- why: the row and the file stay.

CREATE TABLE client_photos (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  client_id uuid NOT NULL,
  -- The visit the photo was taken at; that visit's chart shows it.
  appointment_id uuid,
  kind text NOT NULL CHECK (kind IN ('before', 'after', 'progress')),
  area text NOT NULL DEFAULT '' CHECK (length(area) <= 80),
  taken_at timestamptz NOT NULL,
  -- Where the files are in the file store, relative to the tenant: derived from the id, so a row
  -- can never point at another photo's file.
  object_key text GENERATED ALWAYS AS ('photos/' || id::text || '.jpg') STORED,
  thumb_key text GENERATED ALWAYS AS ('photos/' || id::text || '-thumb.jpg') STORED,
  width integer NOT NULL CHECK (width BETWEEN 1 AND 10000),
  height integer NOT NULL CHECK (height BETWEEN 1 AND 10000),
  byte_size integer NOT NULL CHECK (byte_size > 0),
  -- SHA-256 of the stored JPEG (after re-encoding), as 64 hex characters.
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  removed_by uuid,
  removal_reason text CHECK (length(removal_reason) BETWEEN 1 AND 300),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, id),
  FOREIGN KEY (tenant_id, appointment_id) REFERENCES appointments (tenant_id, id),
  CHECK ((removed_at IS NULL) = (removal_reason IS NULL))
);
CREATE INDEX client_photos_client ON client_photos (tenant_id, client_id, taken_at DESC);
CREATE INDEX client_photos_appointment ON client_photos (tenant_id, appointment_id) WHERE appointment_id IS NOT NULL;

ALTER TABLE client_photos ENABLE ROW LEVEL SECURITY;
ALTER TABLE client_photos FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON client_photos USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- Written once; what a photo is never changes. Only removal is recorded afterwards, and a merge
-- re-points the photo to the surviving record (merge_client_rows).
GRANT SELECT, INSERT ON client_photos TO lume_app;
GRANT UPDATE (client_id, removed_at, removed_by, removal_reason) ON client_photos TO lume_app;

-- Taking and uploading photos is its own permission: owners, managers and providers hold it.
UPDATE roles SET permissions = array_append(permissions, 'write:photo:any')
 WHERE builtin AND key IN ('owner', 'manager', 'provider') AND NOT ('write:photo:any' = ANY (permissions));
