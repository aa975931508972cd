-- The spa's logo (issue 7: the client's fill page shows the spa's name and logo; the CRM top bar
-- shows it too). Not PHI: served to anyone on the spa's host, so it is kept in plain here rather than
-- in the encrypted file store. The bytes are what Lumè re-encoded (PNG or WebP, at most 512×512, no
-- metadata), never the uploaded file. One row per spa; removing the logo deletes it.
CREATE TABLE tenant_logos (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id),
  image bytea NOT NULL CHECK (octet_length(image) BETWEEN 1 AND 2097152),
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/webp')),
  -- SHA-256 (hex) of image: its prefix versions the served address, so browsers may keep it for a year.
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid NOT NULL,
  FOREIGN KEY (tenant_id, updated_by) REFERENCES operators (tenant_id, id)
);

ALTER TABLE tenant_logos ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_logos FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_logos USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_logos TO lume_app;
