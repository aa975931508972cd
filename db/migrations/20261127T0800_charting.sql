-- Clinical charting (issue 6; CRM-5, CRM-6): the spa's products with their units, one chart per
-- appointment service (what was done, products with lot and expiry, injection points, device
-- settings, SOAP or free-form note), signing, addenda and co-signature. A signed chart is frozen
-- by the database itself, not only by the service: the trigger below refuses every change except
-- a co-signature written once. A chart names its client through its appointment, so merging
-- duplicate client records (which re-points appointments) never touches a signed chart.

ALTER TABLE tenants ADD COLUMN chart_cosign_required boolean NOT NULL DEFAULT false;
GRANT UPDATE (chart_cosign_required) ON tenants TO lume_app;

CREATE TABLE products (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  kind text NOT NULL CHECK (kind IN ('neurotoxin', 'filler', 'biostimulator', 'skin_booster', 'other')),
  unit text NOT NULL CHECK (unit IN ('units', 'mL')),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  UNIQUE (tenant_id, name)
);

CREATE TABLE charts (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  appointment_id uuid NOT NULL,
  appointment_service_id uuid NOT NULL,
  service_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  template text NOT NULL DEFAULT 'soap' CHECK (template IN ('soap', 'free')),
  procedure text NOT NULL DEFAULT '' CHECK (length(procedure) <= 4000),
  subjective text NOT NULL DEFAULT '' CHECK (length(subjective) <= 4000),
  objective text NOT NULL DEFAULT '' CHECK (length(objective) <= 4000),
  assessment text NOT NULL DEFAULT '' CHECK (length(assessment) <= 4000),
  plan text NOT NULL DEFAULT '' CHECK (length(plan) <= 4000),
  narrative text NOT NULL DEFAULT '' CHECK (length(narrative) <= 8000),
  aftercare text NOT NULL DEFAULT '' CHECK (length(aftercare) <= 4000),
  outcome text NOT NULL DEFAULT '' CHECK (length(outcome) <= 4000),
  adverse_events text NOT NULL DEFAULT '' CHECK (length(adverse_events) <= 4000),
  device_settings jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(device_settings) = 'array'),
  injection_points jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(injection_points) = 'array'),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  signed_at timestamptz,
  signed_by uuid,
  signed_name text CHECK (length(signed_name) <= 120),
  -- SHA-256 of the frozen content (canonical JSON of the chart and its products), hex.
  content_sha256 text CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  cosign_required boolean NOT NULL DEFAULT false,
  cosigned_at timestamptz,
  cosigned_by uuid,
  cosigned_name text CHECK (length(cosigned_name) <= 120),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, appointment_service_id),
  FOREIGN KEY (tenant_id, appointment_id) REFERENCES appointments (tenant_id, id),
  FOREIGN KEY (tenant_id, appointment_service_id) REFERENCES appointment_services (tenant_id, id),
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id),
  FOREIGN KEY (tenant_id, provider_id) REFERENCES operators (tenant_id, id),
  FOREIGN KEY (tenant_id, signed_by) REFERENCES operators (tenant_id, id),
  FOREIGN KEY (tenant_id, cosigned_by) REFERENCES operators (tenant_id, id),
  CHECK ((status = 'signed') = (signed_at IS NOT NULL AND signed_by IS NOT NULL AND content_sha256 IS NOT NULL)),
  CHECK (cosigned_at IS NULL OR status = 'signed'),
  CHECK ((cosigned_at IS NULL) = (cosigned_by IS NULL))
);
CREATE INDEX charts_appointment ON charts (tenant_id, appointment_id);
CREATE INDEX charts_drafts ON charts (tenant_id, created_at) WHERE status = 'draft';
CREATE INDEX charts_awaiting_cosign ON charts (tenant_id, signed_at) WHERE cosign_required AND cosigned_at IS NULL AND status = 'signed';

-- The products used in a chart, with the lot (for a recall) and the total given.
CREATE TABLE chart_products (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  chart_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position BETWEEN 0 AND 9),
  product_id uuid NOT NULL,
  lot_number text NOT NULL CHECK (length(lot_number) BETWEEN 1 AND 40),
  lot_expiry date NOT NULL,
  -- Empty while the chart is a draft (the points may not be marked yet); required to sign.
  amount numeric(8, 2) CHECK (amount > 0),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, chart_id, position),
  FOREIGN KEY (tenant_id, chart_id) REFERENCES charts (tenant_id, id),
  FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id)
);
CREATE INDEX chart_products_lot ON chart_products (tenant_id, product_id, upper(lot_number));

-- Corrections to a signed chart: the original stays as it was signed.
CREATE TABLE chart_addenda (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  chart_id uuid NOT NULL,
  author_id uuid NOT NULL,
  author_name text NOT NULL CHECK (length(author_name) BETWEEN 1 AND 120),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, chart_id) REFERENCES charts (tenant_id, id),
  FOREIGN KEY (tenant_id, author_id) REFERENCES operators (tenant_id, id)
);
CREATE INDEX chart_addenda_chart ON chart_addenda (tenant_id, chart_id, created_at);

CREATE FUNCTION guard_signed_chart() RETURNS trigger LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'charts are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status <> 'signed' THEN
    RETURN NEW;
  END IF;
  IF (to_jsonb(NEW) - 'cosigned_at' - 'cosigned_by' - 'cosigned_name')
     IS DISTINCT FROM (to_jsonb(OLD) - 'cosigned_at' - 'cosigned_by' - 'cosigned_name') THEN
    RAISE EXCEPTION 'a signed chart cannot be changed: add an addendum' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.cosigned_at IS NOT NULL AND (NEW.cosigned_at, NEW.cosigned_by, NEW.cosigned_name) IS DISTINCT FROM (OLD.cosigned_at, OLD.cosigned_by, OLD.cosigned_name) THEN
    RAISE EXCEPTION 'a co-signature cannot be changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER charts_signed_frozen BEFORE UPDATE OR DELETE ON charts FOR EACH ROW EXECUTE FUNCTION guard_signed_chart();

CREATE FUNCTION guard_signed_chart_products() RETURNS trigger LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM public.charts c WHERE c.tenant_id = OLD.tenant_id AND c.id = OLD.chart_id AND c.status = 'signed')
     OR (TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM public.charts c WHERE c.tenant_id = NEW.tenant_id AND c.id = NEW.chart_id AND c.status = 'signed')) THEN
    RAISE EXCEPTION 'the products of a signed chart cannot be changed: add an addendum' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER chart_products_signed_frozen BEFORE UPDATE OR DELETE ON chart_products FOR EACH ROW EXECUTE FUNCTION guard_signed_chart_products();

CREATE FUNCTION guard_signed_chart_products_insert() RETURNS trigger LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM public.charts c WHERE c.tenant_id = NEW.tenant_id AND c.id = NEW.chart_id AND c.status = 'signed') THEN
    RAISE EXCEPTION 'the products of a signed chart cannot be changed: add an addendum' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER chart_products_signed_insert BEFORE INSERT ON chart_products FOR EACH ROW EXECUTE FUNCTION guard_signed_chart_products_insert();

CREATE FUNCTION refuse_addendum_change() RETURNS trigger LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  RAISE EXCEPTION 'addenda are append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER chart_addenda_append_only BEFORE UPDATE OR DELETE ON chart_addenda FOR EACH ROW EXECUTE FUNCTION refuse_addendum_change();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['products', 'charts', 'chart_products', 'chart_addenda'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id())', t);
  END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE ON products, charts TO lume_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON chart_products TO lume_app;
GRANT SELECT, INSERT ON chart_addenda TO lume_app;

-- Co-signing as the supervising physician is its own permission; owners hold it (every permission).
UPDATE roles SET permissions = array_append(permissions, 'cosign:chart:any')
 WHERE builtin AND key = 'owner' AND NOT ('cosign:chart:any' = ANY (permissions));
