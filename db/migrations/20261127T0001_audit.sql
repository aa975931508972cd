-- The audit trail of every PHI access (SEC-3, DESIGN §5): append-only, partitioned by month,
-- made tamper-evident by HMAC seals (docs/adr/004-audit-seals.md).

CREATE SEQUENCE audit_events_id_seq AS bigint;

CREATE TABLE audit_events (
  tenant_id uuid NOT NULL,
  id bigint NOT NULL DEFAULT nextval('audit_events_id_seq'),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  -- The writing transaction: seals cover every row of transactions that have finished.
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  actor_kind text NOT NULL CHECK (actor_kind IN ('operator', 'client', 'staff', 'system', 'anonymous')),
  actor_id uuid,
  actor_role text CHECK (length(actor_role) <= 200),
  action text NOT NULL CHECK (action ~ '^[a-z][a-z_]{1,39}$'),
  record_type text NOT NULL CHECK (record_type ~ '^[a-z][a-z_]{1,39}$'),
  record_id text CHECK (length(record_id) <= 80),
  client_ids uuid[] NOT NULL DEFAULT '{}',
  ip inet,
  user_agent text CHECK (length(user_agent) <= 256),
  surface text NOT NULL CHECK (surface IN ('crm', 'public', 'api', 'console', 'job')),
  outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'not_found', 'failed')),
  request_id text CHECK (length(request_id) <= 64),
  PRIMARY KEY (tenant_id, occurred_at, id),
  CHECK (actor_kind = 'anonymous' OR actor_id IS NOT NULL)
) PARTITION BY RANGE (occurred_at);
ALTER SEQUENCE audit_events_id_seq OWNED BY audit_events.id;

CREATE INDEX audit_events_xid ON audit_events (tenant_id, xid);
CREATE INDEX audit_events_clients ON audit_events USING gin (client_ids);

CREATE FUNCTION refuse_audit_change() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$ BEGIN RAISE EXCEPTION 'audit rows are append-only' USING ERRCODE = 'insufficient_privilege'; END $$;

CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events
  USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT ON audit_events TO lume_app;
GRANT USAGE ON SEQUENCE audit_events_id_seq TO lume_app;

-- Creates the monthly partitions from `p_from` for `p_months` months, each with the same
-- protections as the parent (a partition can be addressed directly). Idempotent.
CREATE FUNCTION ensure_audit_partitions(p_from date, p_months integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  month_start date := date_trunc('month', p_from)::date;
  created integer := 0;
  part text;
BEGIN
  IF p_months NOT BETWEEN 1 AND 24 THEN RAISE EXCEPTION 'p_months must be 1..24'; END IF;
  FOR i IN 0 .. p_months - 1 LOOP
    part := format('audit_events_%s', to_char(month_start + make_interval(months => i), 'YYYY_MM'));
    IF to_regclass('public.' || part) IS NULL THEN
      EXECUTE format('CREATE TABLE public.%I PARTITION OF public.audit_events FOR VALUES FROM (%L) TO (%L)',
        part, month_start + make_interval(months => i), month_start + make_interval(months => i + 1));
      EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', part);
      EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', part);
      EXECUTE format('CREATE POLICY tenant_isolation ON public.%I USING (tenant_id = public.current_tenant_id()) WITH CHECK (tenant_id = public.current_tenant_id())', part);
      EXECUTE format('CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON public.%I FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_audit_change()', part);
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END
$$;
REVOKE ALL ON FUNCTION ensure_audit_partitions(date, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ensure_audit_partitions(date, integer) TO lume_app;

-- Rows outside every monthly partition (a clock far off) still land somewhere protected.
CREATE TABLE audit_events_default PARTITION OF audit_events DEFAULT;
ALTER TABLE audit_events_default ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events_default FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events_default
  USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_events_default
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

SELECT ensure_audit_partitions((now() - interval '1 month')::date, 4);

-- Seals: each covers every audit row of one spa written by transactions with
-- xid_from <= xid < xid_to, in (xid, id) order, and chains to the previous seal.
CREATE TABLE audit_seals (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  seq bigint NOT NULL CHECK (seq >= 1),
  xid_from xid8 NOT NULL,
  xid_to xid8 NOT NULL,
  row_count integer NOT NULL CHECK (row_count >= 0),
  row_macs bytea NOT NULL,
  prev_mac bytea NOT NULL,
  mac bytea NOT NULL,
  sealed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, seq),
  CHECK (xid_from < xid_to)
);
CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
ALTER TABLE audit_seals ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_seals FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_seals
  USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT ON audit_seals TO lume_app;

-- Jobs that work spa by spa (sealing, retention) list the spas through this one door.
CREATE FUNCTION list_tenant_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = ''
  AS $$ SELECT id FROM public.tenants WHERE status <> 'terminated' ORDER BY id $$;
REVOKE ALL ON FUNCTION list_tenant_ids() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION list_tenant_ids() TO lume_app;
