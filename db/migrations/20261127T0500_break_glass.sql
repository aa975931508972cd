-- Break-glass access (SPEC SEC-9; issue 8; docs/adr/006-break-glass.md): a Lumè staff member
-- opens a short, read-only window into one spa's CRM, with a written reason. The grant belongs to
-- the spa (the spa sees it and may end it early), so it is a tenant table like any other. The
-- console writes it only through console_open_break_glass, which also writes the spa's audit row.
--
-- Tokens: the one-time link and the browser cookie it is exchanged for are 256-bit random values
-- made by the app; only their SHA-256 is kept here.

CREATE TABLE break_glass_grants (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- The console staff member (console_staff.id). Not a foreign key: the grant is the spa's record
  -- and outlives any change to Lumè's staff list; the name is copied so the spa can read it.
  staff_id uuid NOT NULL,
  staff_name text NOT NULL CHECK (length(staff_name) BETWEEN 1 AND 120),
  reason text NOT NULL CHECK (length(reason) BETWEEN 20 AND 1000),
  opened_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  link_hash text NOT NULL CHECK (link_hash ~ '^[0-9a-f]{64}$'),
  link_used_at timestamptz,
  session_hash text CHECK (session_hash ~ '^[0-9a-f]{64}$'),
  last_active_at timestamptz,
  ended_at timestamptz,
  -- Who closed the window before its end: an operator of the spa, the staff member, or idle logoff.
  ended_by_kind text CHECK (ended_by_kind IN ('operator', 'staff', 'idle')),
  ended_by uuid,
  request_id text CHECK (length(request_id) <= 64),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, link_hash),
  UNIQUE (tenant_id, session_hash),
  CHECK (ends_at > opened_at AND ends_at <= opened_at + interval '60 minutes'),
  CHECK ((link_used_at IS NULL) = (session_hash IS NULL)),
  CHECK ((ended_at IS NULL) = (ended_by_kind IS NULL)),
  CHECK (ended_at IS NULL OR ended_at >= opened_at)
);
CREATE INDEX break_glass_grants_recent ON break_glass_grants (tenant_id, opened_at DESC);

ALTER TABLE break_glass_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE break_glass_grants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON break_glass_grants
  USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- The app reads grants and records their use and end; it can never create one, lengthen one or
-- change its reason (only these columns are updatable, and the trigger below makes each step final).
GRANT SELECT ON break_glass_grants TO lume_app;
GRANT UPDATE (link_used_at, session_hash, last_active_at, ended_at, ended_by_kind, ended_by) ON break_glass_grants TO lume_app;

-- A link is spent once, a window that ended stays ended.
CREATE FUNCTION break_glass_grant_steps_are_final() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
BEGIN
  IF OLD.link_used_at IS NOT NULL AND (NEW.link_used_at IS DISTINCT FROM OLD.link_used_at OR NEW.session_hash IS DISTINCT FROM OLD.session_hash) THEN
    RAISE EXCEPTION 'a break-glass link is used once' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.ended_at IS NOT NULL AND (NEW.ended_at IS DISTINCT FROM OLD.ended_at OR NEW.ended_by_kind IS DISTINCT FROM OLD.ended_by_kind
                                   OR NEW.ended_by IS DISTINCT FROM OLD.ended_by) THEN
    RAISE EXCEPTION 'an ended break-glass window stays ended' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER break_glass_grant_steps BEFORE UPDATE ON break_glass_grants
  FOR EACH ROW EXECUTE FUNCTION break_glass_grant_steps_are_final();

-- Whether a staff member may still use a window: active, and in a role that may open one. The
-- app (which reads no console table) asks this on every request of a window, so deactivating a
-- staff member or changing their role closes their open windows at once.
CREATE FUNCTION break_glass_staff_allowed(p_staff_id uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT EXISTS (SELECT 1 FROM public.console_staff s WHERE s.id = p_staff_id AND s.status = 'active' AND s.role IN ('support', 'admin'))
  $$;
REVOKE ALL ON FUNCTION break_glass_staff_allowed(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION break_glass_staff_allowed(uuid) TO lume_app;

-- Opens a window: checks the staff member (active support or admin), the reason (20 to 1,000
-- characters) and the length (15, 30 or 60 minutes), then stores the grant with the link's hash
-- and writes the spa's audit row (actor: the staff member). Returns one row: result 'opened' with
-- the grant and what the notice to the spa needs, or 'no_spa' / 'spa_not_active' (nothing written).
CREATE FUNCTION console_open_break_glass(
  p_tenant_id uuid, p_staff_id uuid, p_reason text, p_minutes integer, p_link_hash text, p_now timestamptz, p_request_id text
) RETURNS TABLE (result text, grant_id uuid, opened_at timestamptz, ends_at timestamptz, slug text, spa_name text,
                 admin_contact_name text, admin_contact_email text, staff_name text)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  v_staff public.console_staff%ROWTYPE;
  v_tenant public.tenants%ROWTYPE;
  v_reason text := pg_catalog.btrim(p_reason);
  v_grant uuid;
  v_ends timestamptz;
BEGIN
  SELECT * INTO v_staff FROM public.console_staff s WHERE s.id = p_staff_id AND s.status = 'active';
  IF NOT FOUND OR v_staff.role NOT IN ('support', 'admin') THEN
    RAISE EXCEPTION 'console_open_break_glass: only an active support or admin staff member may open break-glass access'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF v_reason IS NULL OR pg_catalog.length(v_reason) NOT BETWEEN 20 AND 1000 THEN
    RAISE EXCEPTION 'console_open_break_glass: a reason of 20 to 1000 characters is required' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_minutes IS NULL OR p_minutes NOT IN (15, 30, 60) THEN
    RAISE EXCEPTION 'console_open_break_glass: the window lasts 15, 30 or 60 minutes' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_now IS NULL OR p_link_hash IS NULL THEN
    RAISE EXCEPTION 'console_open_break_glass: the time and the link hash are required' USING ERRCODE = 'invalid_parameter_value';
  END IF;

  SELECT * INTO v_tenant FROM public.tenants t WHERE t.id = p_tenant_id;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'no_spa'::text, NULL::uuid, NULL::timestamptz, NULL::timestamptz, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text;
    RETURN;
  END IF;
  IF v_tenant.status <> 'active' THEN
    RETURN QUERY SELECT 'spa_not_active'::text, NULL::uuid, NULL::timestamptz, NULL::timestamptz, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text;
    RETURN;
  END IF;

  v_ends := p_now + pg_catalog.make_interval(mins => p_minutes);
  INSERT INTO public.break_glass_grants (tenant_id, staff_id, staff_name, reason, opened_at, ends_at, link_hash, request_id)
  VALUES (p_tenant_id, p_staff_id, v_staff.full_name, v_reason, p_now, v_ends, p_link_hash, pg_catalog.left(p_request_id, 64))
  RETURNING id INTO v_grant;

  INSERT INTO public.audit_events (tenant_id, actor_kind, actor_id, actor_role, action, record_type, record_id, surface, outcome, request_id)
  VALUES (p_tenant_id, 'staff', p_staff_id, 'lume_staff', 'break_glass_open', 'break_glass', v_grant::text, 'console', 'success',
          pg_catalog.left(p_request_id, 64));

  RETURN QUERY SELECT 'opened'::text, v_grant, p_now, v_ends, v_tenant.slug::text, v_tenant.display_name,
                      v_tenant.admin_contact_name, v_tenant.admin_contact_email::text, v_staff.full_name;
END
$$;

-- A spa's break-glass windows, newest first, for its page in the console: who, why, when, how it
-- ended. Nothing the staff member saw inside the spa.
CREATE FUNCTION console_break_glass_grants(p_tenant_id uuid, p_limit integer)
  RETURNS TABLE (id uuid, staff_name text, reason text, opened_at timestamptz, ends_at timestamptz,
                 link_used_at timestamptz, ended_at timestamptz, ended_by_kind text)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT g.id, g.staff_name, g.reason, g.opened_at, g.ends_at, g.link_used_at, g.ended_at, g.ended_by_kind
      FROM public.break_glass_grants g
     WHERE g.tenant_id = p_tenant_id
     ORDER BY g.opened_at DESC, g.id
     LIMIT LEAST(GREATEST(p_limit, 1), 100)
  $$;

REVOKE ALL ON FUNCTION console_open_break_glass(uuid, uuid, text, integer, text, timestamptz, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION console_break_glass_grants(uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION console_open_break_glass(uuid, uuid, text, integer, text, timestamptz, text) TO lume_console;
GRANT EXECUTE ON FUNCTION console_break_glass_grants(uuid, integer) TO lume_console;
