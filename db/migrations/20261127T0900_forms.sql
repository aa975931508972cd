-- Intake and consent forms (issue 7; PUB-2, PUB-3, CRM-7): a spa's form templates, their versions
-- (a definition as JSON, frozen by the database once any client's form uses it), the services a
-- template is linked to, and the forms asked of each client. Signatures, links and PDFs come with
-- the signing work and attach to client_forms (signed_at is here already).

CREATE TABLE form_templates (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- What staff call it in lists; the client sees the definition's title.
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  kind text NOT NULL CHECK (kind IN ('intake', 'consent', 'photo_release', 'guardian_authorization', 'other')),
  rule text NOT NULL CHECK (rule IN ('per_service', 'once_per_client', 'per_visit', 'lifetime')),
  -- A once-per-client form is asked again when the last signed one is older than this.
  renewal_months smallint CHECK (renewal_months BETWEEN 1 AND 120),
  -- The starter library entry it was copied from, if any.
  starter_key text CHECK (starter_key ~ '^[a-z0-9-]{1,40}$'),
  archived boolean NOT NULL DEFAULT false,
  archived_at timestamptz,
  archived_by uuid,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  CHECK ((rule = 'once_per_client') = (renewal_months IS NOT NULL)),
  CHECK (archived = (archived_at IS NOT NULL))
);
CREATE UNIQUE INDEX form_templates_name ON form_templates (tenant_id, lower(name));

CREATE TABLE form_versions (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  template_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  -- Checked by the app's schema (src/modules/forms/definition.ts) before every write.
  definition jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object' AND jsonb_typeof(definition -> 'items') = 'array'),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, template_id, version),
  -- Lets client_forms prove that the version it names belongs to the template it names.
  UNIQUE (tenant_id, id, template_id),
  FOREIGN KEY (tenant_id, template_id) REFERENCES form_templates (tenant_id, id)
);

-- Which services ask for which templates (per-service consents, and once-per-client or lifetime
-- forms limited to some services).
CREATE TABLE service_forms (
  tenant_id uuid NOT NULL,
  service_id uuid NOT NULL,
  template_id uuid NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, service_id, template_id),
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id),
  FOREIGN KEY (tenant_id, template_id) REFERENCES form_templates (tenant_id, id)
);
CREATE INDEX service_forms_template ON service_forms (tenant_id, template_id);

-- One form asked of one client, on the exact version it was asked on. Never deleted: voiding keeps
-- the row with who, when and why. No unique key on the client, so a merge can move every row.
CREATE TABLE client_forms (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  template_id uuid NOT NULL,
  form_version_id uuid NOT NULL,
  -- The visit that asked for it (absent when asked outside a booking).
  appointment_id uuid,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'signed', 'voided', 'expired')),
  -- The answers so far, saved as the client goes (the fill page); {} until then.
  progress jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(progress) = 'object'),
  progress_saved_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  signed_at timestamptz,
  voided_at timestamptz,
  voided_by uuid,
  void_reason text CHECK (length(void_reason) BETWEEN 3 AND 500),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, id),
  FOREIGN KEY (tenant_id, template_id) REFERENCES form_templates (tenant_id, id),
  FOREIGN KEY (tenant_id, form_version_id, template_id) REFERENCES form_versions (tenant_id, id, template_id),
  FOREIGN KEY (tenant_id, appointment_id) REFERENCES appointments (tenant_id, id),
  FOREIGN KEY (tenant_id, voided_by) REFERENCES operators (tenant_id, id),
  CHECK (status <> 'signed' OR signed_at IS NOT NULL),
  CHECK (status <> 'pending' OR signed_at IS NULL),
  CHECK ((status = 'voided') = (voided_at IS NOT NULL AND voided_by IS NOT NULL AND void_reason IS NOT NULL))
);
CREATE INDEX client_forms_client ON client_forms (tenant_id, client_id, template_id, status);
CREATE INDEX client_forms_appointment ON client_forms (tenant_id, appointment_id) WHERE appointment_id IS NOT NULL;
CREATE INDEX client_forms_version ON client_forms (tenant_id, form_version_id);

-- A version that any client's form uses is frozen: the exact words a client was asked (and later
-- signed) can never change under them. Editing such a template makes a new version instead.
-- Versions are never deleted. Holds for every role, the owner included.
CREATE FUNCTION guard_used_form_version() RETURNS trigger LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'form versions are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.tenant_id, NEW.id, NEW.template_id, NEW.version) IS DISTINCT FROM (OLD.tenant_id, OLD.id, OLD.template_id, OLD.version) THEN
    RAISE EXCEPTION 'a form version keeps its template and number' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF EXISTS (SELECT 1 FROM public.client_forms f WHERE f.tenant_id = OLD.tenant_id AND f.form_version_id = OLD.id) THEN
    RAISE EXCEPTION 'this form version is in use and cannot change: save a new version' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER form_versions_frozen_when_used BEFORE UPDATE OR DELETE ON form_versions FOR EACH ROW EXECUTE FUNCTION guard_used_form_version();

-- A client's form keeps what it was asked on; its status moves forward only (pending → signed,
-- voided or expired; signed → voided); a voided or expired form is final. A merge may re-point it
-- to the surviving client at any time. It is never deleted.
CREATE FUNCTION guard_client_form() RETURNS trigger LANGUAGE plpgsql SET search_path = '' AS $$
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
  RETURN NEW;
END $$;
CREATE TRIGGER client_forms_guarded BEFORE UPDATE OR DELETE ON client_forms FOR EACH ROW EXECUTE FUNCTION guard_client_form();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['form_templates', 'form_versions', 'service_forms', 'client_forms'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id())', t);
  END LOOP;
END
$$;
GRANT SELECT, INSERT ON form_templates, form_versions, client_forms TO lume_app;
GRANT UPDATE (name, kind, rule, renewal_months, archived, archived_at, archived_by, updated_at) ON form_templates TO lume_app;
GRANT UPDATE (definition, updated_by, updated_at) ON form_versions TO lume_app;
GRANT SELECT, INSERT, DELETE ON service_forms TO lume_app;
-- client_id: a merge re-points the row (merge_client_rows runs as lume_app).
GRANT UPDATE (client_id, status, progress, progress_saved_at, signed_at, voided_at, voided_by, void_reason) ON client_forms TO lume_app;

-- Building and editing form templates is its own permission: owners and managers hold it (a spa may
-- give it to a provider's role).
UPDATE roles SET permissions = array_append(permissions, 'manage:form:any')
 WHERE builtin AND key IN ('owner', 'manager') AND NOT ('manage:form:any' = ANY (permissions));
