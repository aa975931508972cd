-- Tenancy: spas, their locations and their resources (CRM-1).

CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug citext NOT NULL UNIQUE
    CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$'),
  legal_name text NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 200),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'terminated')),
  admin_contact_name text NOT NULL CHECK (length(admin_contact_name) BETWEEN 1 AND 200),
  admin_contact_email citext NOT NULL CHECK (admin_contact_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  state_code char(2) NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  age_of_majority smallint NOT NULL DEFAULT 18 CHECK (age_of_majority BETWEEN 16 AND 21),
  idle_timeout_minutes smallint NOT NULL DEFAULT 15 CHECK (idle_timeout_minutes BETWEEN 5 AND 30),
  baa_version text,
  baa_accepted_by text,
  baa_accepted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((baa_version IS NULL) = (baa_accepted_at IS NULL) AND (baa_version IS NULL) = (baa_accepted_by IS NULL))
);
-- A spa row is visible only to its own transactions.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants
  USING (id = current_tenant_id()) WITH CHECK (id = current_tenant_id());
GRANT SELECT, UPDATE (display_name, admin_contact_name, admin_contact_email, state_code, age_of_majority,
  idle_timeout_minutes, baa_version, baa_accepted_by, baa_accepted_at) ON tenants TO lume_app;

-- Before a tenant is known, the host's slug is resolved through this one narrow door.
CREATE FUNCTION resolve_tenant(p_slug text) RETURNS TABLE (id uuid, status text)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = ''
  AS $$ SELECT t.id, t.status FROM public.tenants t WHERE t.slug = p_slug::public.citext $$;
REVOKE ALL ON FUNCTION resolve_tenant(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION resolve_tenant(text) TO lume_app;

CREATE TABLE locations (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  timezone text NOT NULL CHECK (length(timezone) BETWEEN 1 AND 64),
  address_line1 text NOT NULL DEFAULT '',
  address_line2 text NOT NULL DEFAULT '',
  city text NOT NULL DEFAULT '',
  region text NOT NULL DEFAULT '',
  postal_code text NOT NULL DEFAULT '',
  country char(2) NOT NULL DEFAULT 'US',
  phone text NOT NULL DEFAULT '',
  -- {"mon": [["09:00","18:00"]], ...}; validated by the tenancy service's schema.
  business_hours jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(business_hours) = 'object'),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, name)
);

CREATE TABLE resources (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  location_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('room', 'device')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, location_id, name),
  FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id)
);

-- Per-tenant data keys for files, each wrapped by the master key from configuration (SEC-8).
CREATE TABLE tenant_keys (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  wrapped_key bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['locations', 'resources', 'tenant_keys'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id())', t);
  END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE ON locations, resources TO lume_app;
GRANT SELECT, INSERT ON tenant_keys TO lume_app;
