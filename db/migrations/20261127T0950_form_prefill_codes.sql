-- One-time codes that let a returning client fill an intake form with their answers from last
-- time (issue 7: "pre-filled only after the client confirms a one-time code sent to the phone or
-- email on file"). A code is asked for from the fill page, sent by text or email, and checked
-- there; the old answers reach the page only once it matches.
--
-- The code itself is never stored: code_hash is an HMAC-SHA256 under a key derived from
-- LUME_SECRET (outside the database) over the row's id and the code, so a copy of this table
-- cannot be searched through a million candidates and a hash cannot be moved to another row.

CREATE TABLE form_prefill_codes (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  -- The link the client is using, and the pending form to fill.
  link_id uuid NOT NULL,
  client_form_id uuid NOT NULL,
  code_hash text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  -- Where it went, masked as the page shows it ("67", "j•••@g•••.com"): never the whole address.
  destination_hint text NOT NULL CHECK (length(destination_hint) BETWEEN 1 AND 80),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  -- Wrong codes entered; the code stops working at 5.
  attempts smallint NOT NULL DEFAULT 0 CHECK (attempts BETWEEN 0 AND 5),
  used_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, link_id) REFERENCES form_links (tenant_id, id),
  FOREIGN KEY (tenant_id, client_form_id) REFERENCES client_forms (tenant_id, id),
  CHECK (expires_at > created_at)
);
-- Sends per link in the last hour, and the latest code of a form.
CREATE INDEX form_prefill_codes_link ON form_prefill_codes (tenant_id, link_id, created_at DESC);
CREATE INDEX form_prefill_codes_form ON form_prefill_codes (tenant_id, client_form_id, created_at DESC);

-- A code keeps what it was made for: only wrong tries are counted (upwards) and its use recorded, once.
CREATE FUNCTION guard_form_prefill_code() RETURNS trigger LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'prefill codes are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (to_jsonb(NEW) - 'attempts' - 'used_at') IS DISTINCT FROM (to_jsonb(OLD) - 'attempts' - 'used_at')
     OR NEW.attempts < OLD.attempts
     OR (OLD.used_at IS NOT NULL AND NEW.used_at IS DISTINCT FROM OLD.used_at) THEN
    RAISE EXCEPTION 'a prefill code only counts tries and is used once' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER form_prefill_codes_guarded BEFORE UPDATE OR DELETE ON form_prefill_codes FOR EACH ROW EXECUTE FUNCTION guard_form_prefill_code();

ALTER TABLE form_prefill_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE form_prefill_codes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON form_prefill_codes USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT ON form_prefill_codes TO lume_app;
GRANT UPDATE (attempts, used_at) ON form_prefill_codes TO lume_app;
