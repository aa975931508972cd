-- The PDF of a signed form (issue 7, PUB-2, SEC-8, checklist rows 4 and 7). Made once, the first
-- time someone opens it, and kept: the bytes encrypted in the file store under object_key, this
-- row saying which signature it shows, its size and its SHA-256. Written once, never changed or
-- deleted; it leaves only with the tenant's files.

-- The language the client signed in, so the PDF is drawn in it (older signatures: the client's
-- preferred language).
ALTER TABLE form_signatures ADD COLUMN lang text CHECK (lang IN ('en', 'es'));

CREATE TABLE form_pdfs (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  signature_id uuid NOT NULL,
  -- Derived from the id, so a row can never point at another PDF's object.
  object_key text GENERATED ALWAYS AS ('forms/' || id::text || '.pdf') STORED,
  byte_size integer NOT NULL CHECK (byte_size > 0),
  -- SHA-256 (hex) of the PDF's bytes: the stored object is checked against it on every read.
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  lang text NOT NULL CHECK (lang IN ('en', 'es')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  -- One PDF per signature: two first views at once make one row (the second finds the first's).
  UNIQUE (tenant_id, signature_id),
  FOREIGN KEY (tenant_id, signature_id) REFERENCES form_signatures (tenant_id, id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES operators (tenant_id, id)
);

-- Append-only, for every role, the owner included, like the signature it shows.
CREATE FUNCTION guard_form_pdf() RETURNS trigger LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  RAISE EXCEPTION 'a signed form''s PDF is never changed or deleted' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER form_pdfs_append_only BEFORE UPDATE OR DELETE ON form_pdfs FOR EACH ROW EXECUTE FUNCTION guard_form_pdf();
CREATE TRIGGER form_pdfs_no_truncate BEFORE TRUNCATE ON form_pdfs FOR EACH STATEMENT EXECUTE FUNCTION guard_form_pdf();

ALTER TABLE form_pdfs ENABLE ROW LEVEL SECURITY;
ALTER TABLE form_pdfs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON form_pdfs USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT ON form_pdfs TO lume_app;

-- The dev outbox notes each attachment of a PHI email (name, type, size and SHA-256), never its
-- bytes: a signed form's PDF is kept encrypted in the file store, not in plain in this table.
ALTER TABLE dev_outbox ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attachments) = 'array');
