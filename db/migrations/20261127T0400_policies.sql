-- Policy changes (SPEC LIFE-6; issue 8, "Policies"): Lumè publishes a new version of a policy
-- with its effective date. For a material change each spa's admin contact is emailed and every
-- operator sees a notice in the CRM until they acknowledge it.
--
-- policies is Lumè-wide (no tenant_id): written by the console, read by the app for the notice.
-- policy_acknowledgements belongs to a spa: row-level security as every tenant table.

CREATE TABLE policies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('privacy', 'baa', 'terms')),
  version text NOT NULL CHECK (version ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$'),
  effective_on date NOT NULL,
  material boolean NOT NULL,
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 1000),
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by uuid NOT NULL REFERENCES console_staff (id),
  UNIQUE (kind, version)
);
CREATE INDEX policies_material ON policies (published_at) WHERE material;

GRANT SELECT, INSERT ON policies TO lume_console;
GRANT SELECT ON policies TO lume_app;

CREATE TABLE policy_acknowledgements (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  policy_id uuid NOT NULL REFERENCES policies (id),
  operator_id uuid NOT NULL,
  acknowledged_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, operator_id, policy_id),
  FOREIGN KEY (tenant_id, operator_id) REFERENCES operators (tenant_id, id)
);

ALTER TABLE policy_acknowledgements ENABLE ROW LEVEL SECURITY;
ALTER TABLE policy_acknowledgements FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON policy_acknowledgements
  USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT ON policy_acknowledgements TO lume_app;

-- The admin contact of every active spa, for the email announcing a material change. The
-- console's only door to these facts: no operator, nothing clinical.
CREATE FUNCTION console_spa_admin_contacts()
  RETURNS TABLE (slug text, admin_contact_email text, display_name text)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT t.slug::text, t.admin_contact_email::text, t.display_name
      FROM public.tenants t
     WHERE t.status = 'active'
     ORDER BY t.slug
  $$;

REVOKE ALL ON FUNCTION console_spa_admin_contacts() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION console_spa_admin_contacts() TO lume_console;
