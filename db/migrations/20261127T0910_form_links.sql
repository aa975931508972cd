-- Sending forms to a client and signing them (issue 7; PUB-1, §6a, checklist rows 7, 39–41).
-- A link covers one client's forms; it carries 256 random bits of which only the SHA-256 is kept.
-- A signature keeps the exact content signed (the version's definition and the answers), its
-- SHA-256, the drawn image, the typed name, who signed (the client or the guardian), when, from
-- where, and through which link. Signatures are never changed or deleted; a signed client form
-- can then only be voided, with a reason.

CREATE TABLE form_links (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  -- The client forms this link opens (all of the same client, checked when the link is made).
  client_form_ids uuid[] NOT NULL CHECK (cardinality(client_form_ids) BETWEEN 1 AND 20),
  -- SHA-256 of the token as 64 hex characters; the raw token is only ever in the message sent.
  -- Not unique by constraint: 256 random bits do not collide, and a merge proof copies rows.
  token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  channel text NOT NULL CHECK (channel IN ('sms', 'email', 'kiosk')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL DEFAULT now() + interval '7 days',
  -- Set when every form the link covers is signed: the link then shows only the date.
  used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES operators (tenant_id, id),
  FOREIGN KEY (tenant_id, revoked_by) REFERENCES operators (tenant_id, id),
  CHECK (expires_at > created_at),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX form_links_token ON form_links (token_hash);
CREATE INDEX form_links_client ON form_links (tenant_id, client_id, created_at DESC);

CREATE TABLE form_signatures (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_form_id uuid NOT NULL,
  -- {"definition": <the exact version's definition>, "answers": {...}}, as signed.
  content jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object' AND content ? 'definition' AND content ? 'answers'),
  -- SHA-256 (hex) of the canonical JSON of content (src/modules/forms/signature.ts).
  content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  -- The drawn signature as PNG bytes (checked by the app: PNG signature, IHDR, sane size).
  image_png bytea NOT NULL CHECK (octet_length(image_png) BETWEEN 67 AND 524288),
  typed_name text NOT NULL CHECK (length(typed_name) BETWEEN 2 AND 200),
  signer_kind text NOT NULL CHECK (signer_kind IN ('client', 'guardian')),
  signed_at timestamptz NOT NULL DEFAULT now(),
  ip inet,
  user_agent text CHECK (length(user_agent) <= 256),
  link_id uuid,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, client_form_id),
  FOREIGN KEY (tenant_id, client_form_id) REFERENCES client_forms (tenant_id, id),
  FOREIGN KEY (tenant_id, link_id) REFERENCES form_links (tenant_id, id)
);

-- A link keeps what it was made for; only its use and revocation are ever recorded, once each.
CREATE FUNCTION guard_form_link() RETURNS trigger LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'form links are never deleted: revoke them' USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- A merge re-points the link to the surviving client.
  IF (to_jsonb(NEW) - 'client_id') = (to_jsonb(OLD) - 'client_id') THEN
    RETURN NEW;
  END IF;
  IF (to_jsonb(NEW) - 'client_id' - 'used_at' - 'revoked_at' - 'revoked_by') IS DISTINCT FROM (to_jsonb(OLD) - 'client_id' - 'used_at' - 'revoked_at' - 'revoked_by') THEN
    RAISE EXCEPTION 'a form link keeps its client, forms, token and expiry' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (OLD.used_at IS NOT NULL AND NEW.used_at IS DISTINCT FROM OLD.used_at)
     OR (OLD.revoked_at IS NOT NULL AND (NEW.revoked_at, NEW.revoked_by) IS DISTINCT FROM (OLD.revoked_at, OLD.revoked_by)) THEN
    RAISE EXCEPTION 'a form link is used or revoked once' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER form_links_guarded BEFORE UPDATE OR DELETE ON form_links FOR EACH ROW EXECUTE FUNCTION guard_form_link();

-- Signatures are append-only, for every role, the owner included.
CREATE FUNCTION guard_form_signature() RETURNS trigger LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  RAISE EXCEPTION 'a signature is never changed or deleted' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER form_signatures_append_only BEFORE UPDATE OR DELETE ON form_signatures FOR EACH ROW EXECUTE FUNCTION guard_form_signature();
CREATE TRIGGER form_signatures_no_truncate BEFORE TRUNCATE ON form_signatures FOR EACH STATEMENT EXECUTE FUNCTION guard_form_signature();

-- The client form trigger, now that signing exists: a form becomes signed only with its signature
-- row already written (same transaction), and a signed form can then only be voided with a reason
-- (progress, signed_at and everything else stay as signed). Otherwise as before.
CREATE OR REPLACE FUNCTION guard_client_form() RETURNS trigger LANGUAGE plpgsql SET search_path = '' AS $$
DECLARE
  moved_only boolean;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'client forms are never deleted: void them' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.tenant_id, NEW.id, NEW.template_id, NEW.form_version_id, NEW.appointment_id, NEW.created_at, NEW.created_by)
     IS DISTINCT FROM (OLD.tenant_id, OLD.id, OLD.template_id, OLD.form_version_id, OLD.appointment_id, OLD.created_at, OLD.created_by) THEN
    RAISE EXCEPTION 'a client form keeps the form, version and visit it was asked on' USING ERRCODE = 'insufficient_privilege';
  END IF;
  moved_only := (to_jsonb(NEW) - 'client_id') = (to_jsonb(OLD) - 'client_id');
  IF moved_only THEN
    RETURN NEW;
  END IF;
  IF OLD.status IN ('voided', 'expired') THEN
    RAISE EXCEPTION 'a voided or expired form is final' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'signed' AND (NEW.status <> 'voided'
       OR (to_jsonb(NEW) - 'client_id' - 'status' - 'voided_at' - 'voided_by' - 'void_reason')
          IS DISTINCT FROM (to_jsonb(OLD) - 'client_id' - 'status' - 'voided_at' - 'voided_by' - 'void_reason')) THEN
    RAISE EXCEPTION 'a signed form cannot change: it can only be voided' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'pending' AND NEW.status = 'signed'
     AND NOT EXISTS (SELECT 1 FROM public.form_signatures s WHERE s.tenant_id = NEW.tenant_id AND s.client_form_id = NEW.id) THEN
    RAISE EXCEPTION 'a form is signed only with its signature' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['form_links', 'form_signatures'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id())', t);
  END LOOP;
END
$$;
GRANT SELECT, INSERT ON form_links, form_signatures TO lume_app;
-- client_id: a merge re-points the link (merge_client_rows runs as lume_app).
GRANT UPDATE (client_id, used_at, revoked_at, revoked_by) ON form_links TO lume_app;
