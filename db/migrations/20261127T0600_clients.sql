-- Client records (CRM-5, CRM-7): the profile, health history, guardians, the record's own
-- history and merges. Every table is tenant-owned: tenant_id leads every key, RLS forced.

CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE TABLE clients (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged')),
  merged_into uuid,
  first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 80),
  last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 80),
  preferred_name text NOT NULL DEFAULT '' CHECK (length(preferred_name) <= 80),
  pronouns text NOT NULL DEFAULT '' CHECK (length(pronouns) <= 40),
  date_of_birth date NOT NULL CHECK (date_of_birth >= DATE '1900-01-01'),
  sex text NOT NULL DEFAULT 'unknown' CHECK (sex IN ('female', 'male', 'intersex', 'unknown')),
  gender_identity text NOT NULL DEFAULT '' CHECK (length(gender_identity) <= 60),
  email citext CHECK (email IS NULL OR (length(email) <= 254 AND email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$')),
  -- E.164 (e.g. +13105550123): the service normalises what is typed.
  mobile_phone text CHECK (mobile_phone IS NULL OR mobile_phone ~ '^\+[1-9][0-9]{6,14}$'),
  other_phone text CHECK (other_phone IS NULL OR other_phone ~ '^\+[1-9][0-9]{6,14}$'),
  address_line1 text NOT NULL DEFAULT '' CHECK (length(address_line1) <= 120),
  address_line2 text NOT NULL DEFAULT '' CHECK (length(address_line2) <= 120),
  city text NOT NULL DEFAULT '' CHECK (length(city) <= 80),
  region text NOT NULL DEFAULT '' CHECK (length(region) <= 40),
  postal_code text NOT NULL DEFAULT '' CHECK (length(postal_code) <= 12),
  emergency_name text NOT NULL DEFAULT '' CHECK (length(emergency_name) <= 120),
  emergency_relationship text NOT NULL DEFAULT '' CHECK (length(emergency_relationship) <= 40),
  emergency_phone text CHECK (emergency_phone IS NULL OR emergency_phone ~ '^\+[1-9][0-9]{6,14}$'),
  preferred_language text NOT NULL DEFAULT 'en' CHECK (preferred_language IN ('en', 'es')),
  -- Consent to be contacted (MSG-4): when, how, and who recorded it. Messaging refuses without it.
  sms_consent boolean NOT NULL DEFAULT false,
  sms_consent_at timestamptz,
  sms_consent_method text,
  email_consent boolean NOT NULL DEFAULT false,
  email_consent_at timestamptz,
  email_consent_method text,
  tags text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
  referral_source text NOT NULL DEFAULT '' CHECK (length(referral_source) <= 80),
  front_desk_notes text NOT NULL DEFAULT '' CHECK (length(front_desk_notes) <= 2000),
  is_member boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- What search reads: the names lower-cased, and phone digits with the email.
  search_name text GENERATED ALWAYS AS (lower(first_name || ' ' || last_name || ' ' || preferred_name)) STORED,
  search_contact text GENERATED ALWAYS AS (
    regexp_replace(coalesce(mobile_phone, '') || ' ' || coalesce(other_phone, ''), '[^0-9 ]', '', 'g') || ' ' || lower(coalesce(email::text, ''))
  ) STORED,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, merged_into) REFERENCES clients (tenant_id, id),
  CHECK ((status = 'merged') = (merged_into IS NOT NULL)),
  CHECK (merged_into IS DISTINCT FROM id),
  CHECK (sms_consent = (sms_consent_at IS NOT NULL) AND sms_consent = (sms_consent_method IS NOT NULL)),
  CHECK (email_consent = (email_consent_at IS NOT NULL) AND email_consent = (email_consent_method IS NOT NULL))
);
CREATE INDEX clients_search_name ON clients USING gin (tenant_id, search_name gin_trgm_ops);
CREATE INDEX clients_search_contact ON clients USING gin (tenant_id, search_contact gin_trgm_ops);
CREATE INDEX clients_birth ON clients (tenant_id, date_of_birth);
CREATE INDEX clients_email ON clients (tenant_id, email) WHERE email IS NOT NULL;
CREATE INDEX clients_mobile ON clients (tenant_id, mobile_phone) WHERE mobile_phone IS NOT NULL;

CREATE TABLE client_allergies (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  substance text NOT NULL CHECK (length(substance) BETWEEN 1 AND 120),
  reaction text NOT NULL DEFAULT '' CHECK (length(reaction) <= 200),
  severity text NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe', 'unknown')),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid,
  -- Removing keeps the row (who, when): the history of what was known stays.
  removed_at timestamptz,
  removed_by uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, id)
);
CREATE INDEX client_allergies_client ON client_allergies (tenant_id, client_id);

-- Medications, conditions, contraindications (pregnancy, nursing…) and prior treatments.
CREATE TABLE client_health_items (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('medication', 'condition', 'contraindication', 'prior_treatment')),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 160),
  detail text NOT NULL DEFAULT '' CHECK (length(detail) <= 500),
  occurred_on date,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid,
  removed_at timestamptz,
  removed_by uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, id)
);
CREATE INDEX client_health_items_client ON client_health_items (tenant_id, client_id);

-- A minor's parents or guardians (CRM-7). Authorization comes from a signed form later;
-- until then a manager can record a paper one.
CREATE TABLE client_guardians (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 120),
  relationship text NOT NULL CHECK (length(relationship) BETWEEN 1 AND 40),
  phone text CHECK (phone IS NULL OR phone ~ '^\+[1-9][0-9]{6,14}$'),
  email citext CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  authorized_at timestamptz,
  authorized_by uuid,
  authorization_source text CHECK (authorization_source IN ('paper', 'form')),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid,
  removed_at timestamptz,
  removed_by uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, id),
  CHECK (phone IS NOT NULL OR email IS NOT NULL),
  CHECK ((authorized_at IS NULL) = (authorization_source IS NULL))
);
CREATE INDEX client_guardians_client ON client_guardians (tenant_id, client_id);

-- The record's history: every change with its previous value, who and when. The timeline reads it.
CREATE TABLE client_events (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{1,39}$'),
  -- {"field": {"from": …, "to": …}} for edits; the item for additions and removals.
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, id)
);
CREATE INDEX client_events_client ON client_events (tenant_id, client_id, occurred_at DESC);

-- Each merge, with the absorbed record's profile as it was, so it can be traced and nothing is lost.
CREATE TABLE client_merges (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  survivor_id uuid NOT NULL,
  merged_id uuid NOT NULL,
  merged_at timestamptz NOT NULL DEFAULT now(),
  merged_by uuid,
  snapshot jsonb NOT NULL,
  moved jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, merged_id),
  FOREIGN KEY (tenant_id, survivor_id) REFERENCES clients (tenant_id, id),
  FOREIGN KEY (tenant_id, merged_id) REFERENCES clients (tenant_id, id),
  CHECK (survivor_id <> merged_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['clients', 'client_allergies', 'client_health_items', 'client_guardians', 'client_events', 'client_merges'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id())', t);
  END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE ON clients, client_allergies, client_health_items, client_guardians TO lume_app;
-- History and merges are written once and never changed.
GRANT SELECT, INSERT ON client_events, client_merges TO lume_app;
-- …except that a merge re-points them to the surviving record.
GRANT UPDATE (client_id) ON client_events TO lume_app;

-- Merging moves every row that points at the absorbed client to the survivor. The tables are
-- found in the catalog, so a module added later (appointments, charts, forms) is moved too.
-- Runs as the caller (lume_app): row-level security keeps it inside the current spa.
CREATE FUNCTION merge_client_rows(p_survivor uuid, p_merged uuid) RETURNS jsonb
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
DECLARE
  fk record;
  moved jsonb := '{}'::jsonb;
  n bigint;
BEGIN
  FOR fk IN
    SELECT c.conrelid::regclass::text AS tbl, a.attname AS col
      FROM pg_catalog.pg_constraint c
     CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k (col, ref)
      JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
      JOIN pg_catalog.pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = k.ref
     WHERE c.contype = 'f' AND c.confrelid = 'public.clients'::regclass AND r.attname = 'id'
       AND c.conrelid NOT IN ('public.clients'::regclass, 'public.client_merges'::regclass)
     ORDER BY 1, 2
  LOOP
    EXECUTE format('UPDATE %s SET %I = $1 WHERE tenant_id = public.current_tenant_id() AND %I = $2', fk.tbl, fk.col, fk.col)
      USING p_survivor, p_merged;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n > 0 THEN
      moved := moved || jsonb_build_object(fk.tbl || '.' || fk.col, n);
    END IF;
  END LOOP;
  RETURN moved;
END
$$;
REVOKE ALL ON FUNCTION merge_client_rows(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION merge_client_rows(uuid, uuid) TO lume_app;

-- Owners and managers merge records: the built-in roles learn the new permission.
UPDATE roles SET permissions = array_append(permissions, 'merge:client:any')
 WHERE builtin AND key IN ('owner', 'manager') AND NOT ('merge:client:any' = ANY (permissions));
