-- The Lumè staff console (SPEC §1, §6a; DESIGN §3; issue 8): staff accounts with their own
-- sessions, recovery codes and a Lumè-wide append-only trail; the handling of demo requests and
-- of prospects' rights requests (MKT-5, MKT-6); and the narrow doors through which the console
-- changes a spa. None of these tables belongs to a tenant: no tenant_id, no row-level security,
-- and lume_app is granted nothing on them. lume_console reads no tenant table at all.

CREATE TABLE console_staff (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email citext NOT NULL UNIQUE CHECK (length(email) <= 254 AND email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 120),
  role text NOT NULL CHECK (role IN ('support', 'compliance', 'admin')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
  password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  -- A password handed out once (CLI, or an admin's reset) must be replaced at the next sign-in.
  password_must_change boolean NOT NULL DEFAULT false,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  -- Sealed with the master key (AES-256-GCM, bound to the staff id); never in clear here.
  totp_secret bytea,
  totp_enrolled_at timestamptz,
  -- The highest time step accepted: no code is accepted twice (RFC 6238 §5.2).
  totp_last_step bigint,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz,
  CHECK ((totp_secret IS NULL) = (totp_enrolled_at IS NULL))
);

-- One row per browser; only the SHA-256 of the cookie's token is kept.
-- stage: 'password' (a handed-out password to replace), 'enrol' (TOTP to set up), 'mfa' (code needed), 'active'.
CREATE TABLE console_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL REFERENCES console_staff (id),
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  stage text NOT NULL CHECK (stage IN ('password', 'enrol', 'mfa', 'active')),
  pending_totp_secret bytea,
  mfa_failures integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  last_active_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ip inet,
  user_agent text CHECK (length(user_agent) <= 256)
);
CREATE INDEX console_sessions_staff ON console_sessions (staff_id);

-- Recovery codes, kept as HMAC-SHA256 under the server secret (as for operators).
CREATE TABLE console_recovery_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL REFERENCES console_staff (id),
  code_hash text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (staff_id, code_hash)
);

-- Everything done in the console, Lumè-wide: who, what, on which target (a spa's id, a demo
-- request's id…), from where, with what outcome. Never a prospect's or a patient's details.
CREATE TABLE console_audit_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_kind text NOT NULL CHECK (actor_kind IN ('staff', 'anonymous', 'system')),
  staff_id uuid REFERENCES console_staff (id),
  staff_role text CHECK (length(staff_role) <= 40),
  action text NOT NULL CHECK (action ~ '^[a-z][a-z_]{1,39}$'),
  target_kind text NOT NULL CHECK (target_kind ~ '^[a-z][a-z_]{1,39}$'),
  target_id text CHECK (length(target_id) <= 80),
  detail text CHECK (length(detail) <= 200),
  ip inet,
  user_agent text CHECK (length(user_agent) <= 256),
  outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'not_found', 'failed')),
  request_id text CHECK (length(request_id) <= 64),
  CHECK (actor_kind <> 'staff' OR staff_id IS NOT NULL)
);
CREATE INDEX console_audit_events_target ON console_audit_events (target_kind, target_id, occurred_at);
CREATE TRIGGER console_audit_append_only BEFORE UPDATE OR DELETE ON console_audit_events
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER console_audit_no_truncate BEFORE TRUNCATE ON console_audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

-- Where Lumè is with a demo request (issue 8). Kept beside the submission rather than in it, and
-- removed with it (retention, or a prospect's deletion request). 'converted' mirrors
-- demo_requests.converted, which keeps a customer's submission past 24 months (MKT-5).
CREATE TABLE demo_request_handling (
  demo_request_id uuid PRIMARY KEY REFERENCES demo_requests (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('new', 'contacted', 'demo_scheduled', 'converted', 'closed')),
  updated_at timestamptz NOT NULL,
  updated_by uuid NOT NULL REFERENCES console_staff (id)
);

CREATE TABLE demo_request_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  demo_request_id uuid NOT NULL REFERENCES demo_requests (id) ON DELETE CASCADE,
  staff_id uuid NOT NULL REFERENCES console_staff (id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  created_at timestamptz NOT NULL
);
CREATE INDEX demo_request_notes_request ON demo_request_notes (demo_request_id, created_at);

-- A prospect's request about their own submission (MKT-6): due 30 days after it was received.
-- demo_request_id is deliberately not a foreign key: the record of a fulfilled deletion outlives
-- the submission it deleted.
CREATE TABLE prospect_rights_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  demo_request_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('access', 'correction', 'deletion', 'export')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fulfilled', 'declined')),
  received_on date NOT NULL,
  due_on date GENERATED ALWAYS AS (received_on + 30) STORED,
  details text NOT NULL DEFAULT '' CHECK (length(details) <= 2000),
  resolution text CHECK (length(resolution) BETWEEN 1 AND 2000),
  opened_by uuid NOT NULL REFERENCES console_staff (id),
  opened_at timestamptz NOT NULL,
  closed_by uuid REFERENCES console_staff (id),
  closed_at timestamptz,
  CHECK ((status = 'open') = (closed_at IS NULL)),
  CHECK ((closed_at IS NULL) = (closed_by IS NULL)),
  CHECK ((closed_at IS NULL) = (resolution IS NULL))
);
CREATE INDEX prospect_rights_requests_open ON prospect_rights_requests (status, due_on);
CREATE INDEX prospect_rights_requests_submission ON prospect_rights_requests (demo_request_id);

GRANT SELECT, INSERT, UPDATE ON console_staff TO lume_console;
GRANT SELECT, INSERT, UPDATE, DELETE ON console_sessions, console_recovery_codes TO lume_console;
GRANT SELECT, INSERT ON console_audit_events TO lume_console;
GRANT SELECT, INSERT, UPDATE ON demo_request_handling, prospect_rights_requests TO lume_console;
GRANT SELECT, INSERT ON demo_request_notes TO lume_console;
-- A prospect's deletion request is carried out from the console (MKT-5, MKT-6).
GRANT DELETE ON demo_requests TO lume_console;
-- The dev outbox holds the text of PHI email; the console sends through the app's adapter and reads none of it.
REVOKE SELECT ON dev_outbox FROM lume_console;

-- ---------------------------------------------------------------------------------------------
-- The console's only doors into spa data. Each is SECURITY DEFINER with an empty search_path,
-- executable by lume_console alone, and writes the spa's own audit row (actor: Lumè staff).
-- ---------------------------------------------------------------------------------------------

-- Creates a spa with its default roles (passed in from the application's catalogue, the one
-- source of truth) and its first owner, invited with a link whose hash is given. Records the
-- BAA version accepted, by the admin contact, now. Returns the new spa's id.
CREATE FUNCTION console_create_spa(
  p_slug text, p_legal_name text, p_display_name text, p_admin_name text, p_admin_email text,
  p_state_code text, p_baa_version text, p_roles jsonb, p_invitation_hash text,
  p_invitation_expires_at timestamptz, p_staff_id uuid, p_request_id text
) RETURNS uuid
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  v_tenant uuid;
  v_owner uuid;
  v_owner_role uuid;
BEGIN
  IF p_staff_id IS NULL THEN
    RAISE EXCEPTION 'console_create_spa: the acting staff member is required' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_roles IS NULL OR pg_catalog.jsonb_typeof(p_roles) <> 'array' OR pg_catalog.jsonb_array_length(p_roles) = 0 THEN
    RAISE EXCEPTION 'console_create_spa: the default roles are required' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_baa_version IS NULL OR p_baa_version !~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$' THEN
    RAISE EXCEPTION 'console_create_spa: a BAA version is required' USING ERRCODE = 'invalid_parameter_value';
  END IF;

  INSERT INTO public.tenants (slug, legal_name, display_name, admin_contact_name, admin_contact_email, state_code,
                              baa_version, baa_accepted_by, baa_accepted_at)
  VALUES (p_slug, p_legal_name, p_display_name, p_admin_name, p_admin_email, p_state_code,
          p_baa_version, p_admin_name, pg_catalog.now())
  RETURNING id INTO v_tenant;

  INSERT INTO public.roles (tenant_id, key, name, description, builtin, permissions)
  SELECT v_tenant, r.key, r.name, coalesce(r.description, ''), true, coalesce(r.permissions, '{}')
    FROM pg_catalog.jsonb_to_recordset(p_roles) AS r(key text, name text, description text, permissions text[]);

  SELECT id INTO v_owner_role FROM public.roles WHERE tenant_id = v_tenant AND key = 'owner';
  IF v_owner_role IS NULL THEN
    RAISE EXCEPTION 'console_create_spa: the default roles must include "owner"' USING ERRCODE = 'invalid_parameter_value';
  END IF;

  INSERT INTO public.operators (tenant_id, email, full_name, status)
  VALUES (v_tenant, p_admin_email, p_admin_name, 'invited')
  RETURNING id INTO v_owner;
  INSERT INTO public.operator_roles (tenant_id, operator_id, role_id) VALUES (v_tenant, v_owner, v_owner_role);
  INSERT INTO public.auth_tokens (tenant_id, operator_id, purpose, token_hash, expires_at)
  VALUES (v_tenant, v_owner, 'invitation', p_invitation_hash, p_invitation_expires_at);

  INSERT INTO public.audit_events (tenant_id, actor_kind, actor_id, actor_role, action, record_type, record_id, surface, outcome, request_id)
  VALUES (v_tenant, 'staff', p_staff_id, 'lume_staff', 'create', 'spa', v_tenant::text, 'console', 'success', p_request_id),
         (v_tenant, 'staff', p_staff_id, 'lume_staff', 'invite', 'operator', v_owner::text, 'console', 'success', p_request_id);
  RETURN v_tenant;
END
$$;

-- Every spa, newest first: who it is and how it stands. No operator names, nothing clinical.
CREATE FUNCTION console_list_spas()
  RETURNS TABLE (id uuid, slug text, display_name text, legal_name text, status text, state_code text,
                 created_at timestamptz, baa_version text, baa_accepted_at timestamptz,
                 active_operators integer, invited_operators integer)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT t.id, t.slug::text, t.display_name, t.legal_name, t.status, t.state_code::text,
           t.created_at, t.baa_version, t.baa_accepted_at,
           (SELECT count(*)::int FROM public.operators o WHERE o.tenant_id = t.id AND o.status = 'active'),
           (SELECT count(*)::int FROM public.operators o WHERE o.tenant_id = t.id AND o.status = 'invited')
      FROM public.tenants t
     ORDER BY t.created_at DESC, t.slug
  $$;

-- One spa's contract facts and counts, for its page in the console.
CREATE FUNCTION console_get_spa(p_id uuid)
  RETURNS TABLE (id uuid, slug text, display_name text, legal_name text, status text, state_code text,
                 admin_contact_name text, admin_contact_email text, created_at timestamptz,
                 baa_version text, baa_accepted_by text, baa_accepted_at timestamptz,
                 active_operators integer, invited_operators integer, owners_invited integer, locations integer)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT t.id, t.slug::text, t.display_name, t.legal_name, t.status, t.state_code::text,
           t.admin_contact_name, t.admin_contact_email::text, t.created_at,
           t.baa_version, t.baa_accepted_by, t.baa_accepted_at,
           (SELECT count(*)::int FROM public.operators o WHERE o.tenant_id = t.id AND o.status = 'active'),
           (SELECT count(*)::int FROM public.operators o WHERE o.tenant_id = t.id AND o.status = 'invited'),
           (SELECT count(*)::int FROM public.operators o
              JOIN public.operator_roles orl ON orl.tenant_id = o.tenant_id AND orl.operator_id = o.id
              JOIN public.roles r ON r.tenant_id = orl.tenant_id AND r.id = orl.role_id AND r.key = 'owner'
             WHERE o.tenant_id = t.id AND o.status = 'invited'),
           (SELECT count(*)::int FROM public.locations l WHERE l.tenant_id = t.id AND l.active)
      FROM public.tenants t
     WHERE t.id = p_id
  $$;

-- Suspends or reactivates a spa. Suspension also ends every session of its operators. Returns the
-- status before the call (unchanged when equal, or when the spa is terminated), NULL when no such spa.
CREATE FUNCTION console_set_spa_status(p_id uuid, p_status text, p_staff_id uuid, p_request_id text) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  v_old text;
BEGIN
  IF p_status IS NULL OR p_status NOT IN ('active', 'suspended') THEN
    RAISE EXCEPTION 'console_set_spa_status: status must be active or suspended' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_staff_id IS NULL THEN
    RAISE EXCEPTION 'console_set_spa_status: the acting staff member is required' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT t.status INTO v_old FROM public.tenants t WHERE t.id = p_id FOR UPDATE;
  IF v_old IS NULL OR v_old = 'terminated' OR v_old = p_status THEN
    RETURN v_old;
  END IF;
  UPDATE public.tenants SET status = p_status WHERE id = p_id;
  IF p_status = 'suspended' THEN
    DELETE FROM public.sessions WHERE tenant_id = p_id;
  END IF;
  INSERT INTO public.audit_events (tenant_id, actor_kind, actor_id, actor_role, action, record_type, record_id, surface, outcome, request_id)
  VALUES (p_id, 'staff', p_staff_id, 'lume_staff', CASE p_status WHEN 'suspended' THEN 'suspend' ELSE 'reactivate' END,
          'spa', p_id::text, 'console', 'success', p_request_id);
  RETURN v_old;
END
$$;

-- A new invitation link for a spa's first owner who has not accepted yet; earlier links stop
-- working. Returns the owner's name and email (for the email) and the spa's slug and name, or no
-- row when no owner is waiting.
CREATE FUNCTION console_resend_owner_invitation(
  p_id uuid, p_invitation_hash text, p_invitation_expires_at timestamptz, p_now timestamptz, p_staff_id uuid, p_request_id text
) RETURNS TABLE (email text, full_name text, slug text, display_name text)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  v_owner uuid;
BEGIN
  IF p_staff_id IS NULL THEN
    RAISE EXCEPTION 'console_resend_owner_invitation: the acting staff member is required' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT o.id INTO v_owner
    FROM public.operators o
    JOIN public.operator_roles orl ON orl.tenant_id = o.tenant_id AND orl.operator_id = o.id
    JOIN public.roles r ON r.tenant_id = orl.tenant_id AND r.id = orl.role_id AND r.key = 'owner'
    JOIN public.tenants t ON t.id = o.tenant_id AND t.status = 'active'
   WHERE o.tenant_id = p_id AND o.status = 'invited'
   ORDER BY o.created_at, o.id
   LIMIT 1;
  IF v_owner IS NULL THEN
    RETURN;
  END IF;
  UPDATE public.auth_tokens SET expires_at = p_now
   WHERE tenant_id = p_id AND operator_id = v_owner AND purpose = 'invitation' AND used_at IS NULL AND expires_at > p_now;
  INSERT INTO public.auth_tokens (tenant_id, operator_id, purpose, token_hash, expires_at)
  VALUES (p_id, v_owner, 'invitation', p_invitation_hash, p_invitation_expires_at);
  INSERT INTO public.audit_events (tenant_id, actor_kind, actor_id, actor_role, action, record_type, record_id, surface, outcome, request_id)
  VALUES (p_id, 'staff', p_staff_id, 'lume_staff', 'invite', 'operator', v_owner::text, 'console', 'success', p_request_id);
  RETURN QUERY
    SELECT o.email::text, o.full_name, t.slug::text, t.display_name
      FROM public.operators o JOIN public.tenants t ON t.id = o.tenant_id
     WHERE o.tenant_id = p_id AND o.id = v_owner;
END
$$;

REVOKE ALL ON FUNCTION console_create_spa(text, text, text, text, text, text, text, jsonb, text, timestamptz, uuid, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION console_list_spas() FROM PUBLIC;
REVOKE ALL ON FUNCTION console_get_spa(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION console_set_spa_status(uuid, text, uuid, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION console_resend_owner_invitation(uuid, text, timestamptz, timestamptz, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION console_create_spa(text, text, text, text, text, text, text, jsonb, text, timestamptz, uuid, text) TO lume_console;
GRANT EXECUTE ON FUNCTION console_list_spas() TO lume_console;
GRANT EXECUTE ON FUNCTION console_get_spa(uuid) TO lume_console;
GRANT EXECUTE ON FUNCTION console_set_spa_status(uuid, text, uuid, text) TO lume_console;
GRANT EXECUTE ON FUNCTION console_resend_owner_invitation(uuid, text, timestamptz, timestamptz, uuid, text) TO lume_console;
