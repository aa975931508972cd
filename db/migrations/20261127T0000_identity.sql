-- Identity: operators (spa staff), their roles and credentials, sessions and one-time tokens (SEC-2, SEC-4, SEC-5).

CREATE TABLE operators (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  email citext NOT NULL CHECK (length(email) <= 254 AND email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 120),
  status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'active', 'deactivated')),
  password_hash text CHECK (password_hash LIKE '$argon2id$%'),
  password_changed_at timestamptz,
  -- The TOTP secret, sealed with the master key (AES-256-GCM); the database never holds it in clear.
  totp_secret bytea,
  totp_enrolled_at timestamptz,
  -- The highest time step accepted: a code is never accepted twice (RFC 6238 §5.2).
  totp_last_step bigint,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_sign_in_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, email),
  CHECK (status = 'invited' OR password_hash IS NOT NULL),
  CHECK ((totp_secret IS NULL) = (totp_enrolled_at IS NULL))
);

-- Roles are data per spa; permissions are `action:entity[:own|any]` strings.
CREATE TABLE roles (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_-]{1,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 300),
  builtin boolean NOT NULL DEFAULT false,
  permissions text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, key),
  UNIQUE (tenant_id, name),
  CHECK (array_position(permissions, NULL) IS NULL)
);

CREATE TABLE operator_roles (
  tenant_id uuid NOT NULL,
  operator_id uuid NOT NULL,
  role_id uuid NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, operator_id, role_id),
  FOREIGN KEY (tenant_id, operator_id) REFERENCES operators (tenant_id, id),
  FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE
);

-- Provider credentials decide later who may perform which treatment.
CREATE TABLE credentials (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  operator_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('MD', 'DO', 'NP', 'PA', 'RN', 'LVN', 'esthetician', 'laser_technician', 'electrologist')),
  licence_number text NOT NULL CHECK (length(licence_number) BETWEEN 1 AND 40),
  licence_state char(2) NOT NULL CHECK (licence_state ~ '^[A-Z]{2}$'),
  expires_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, operator_id, kind, licence_state),
  FOREIGN KEY (tenant_id, operator_id) REFERENCES operators (tenant_id, id)
);

CREATE TABLE recovery_codes (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  operator_id uuid NOT NULL,
  code_hash text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, operator_id, code_hash),
  FOREIGN KEY (tenant_id, operator_id) REFERENCES operators (tenant_id, id)
);

-- A session row per browser. Only the SHA-256 of the cookie's token is stored.
-- stage: 'mfa' (password passed, code needed), 'enrol' (first sign-in, TOTP to set up), 'active'.
CREATE TABLE sessions (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  operator_id uuid NOT NULL,
  token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  stage text NOT NULL CHECK (stage IN ('mfa', 'enrol', 'active')),
  pending_totp_secret bytea,
  mfa_failures integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  last_active_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ip inet,
  user_agent text CHECK (length(user_agent) <= 256),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, operator_id) REFERENCES operators (tenant_id, id)
);
CREATE INDEX sessions_operator ON sessions (tenant_id, operator_id);

-- Single-use emailed links: password reset (30 minutes) and staff invitation.
CREATE TABLE auth_tokens (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  operator_id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('password_reset', 'invitation')),
  token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, operator_id) REFERENCES operators (tenant_id, id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['operators', 'roles', 'operator_roles', 'credentials', 'recovery_codes', 'sessions', 'auth_tokens'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE ON operators, roles, credentials, recovery_codes, auth_tokens TO lume_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, operator_roles, credentials, recovery_codes TO lume_app;
GRANT DELETE ON roles TO lume_app;
