-- A client's first completed visit, kept on the client so that the calendar's "new client" flag
-- is read with the client's row instead of looked up per card (a week of ~1,000 cards spent a
-- third of its time there). Statement-level triggers on appointments keep it exact: any statement
-- that completes, moves, reassigns (merge) or removes a completed appointment recomputes the
-- affected clients from the appointments themselves.

ALTER TABLE clients ADD COLUMN first_visit_at timestamptz;

UPDATE clients c SET first_visit_at = v.first_at
  FROM (SELECT tenant_id, client_id, min(starts_at) AS first_at FROM appointments WHERE status = 'completed' GROUP BY tenant_id, client_id) v
 WHERE v.tenant_id = c.tenant_id AND v.client_id = c.id;

-- Recomputes the given clients (pairs of tenant and client), writing only those that changed.
-- Both functions name every object with its schema and pin an empty search_path: they also run
-- inside SECURITY DEFINER functions (a merge re-points appointments) whose search_path is empty.
CREATE FUNCTION set_first_visits(tenant_ids uuid[], client_ids uuid[]) RETURNS void LANGUAGE sql
  SET search_path = '' AS $$
  UPDATE public.clients c SET first_visit_at = f.first_at
    FROM unnest(tenant_ids, client_ids) AS t(tenant_id, client_id),
         LATERAL (SELECT min(a.starts_at) AS first_at FROM public.appointments a
                   WHERE a.tenant_id = t.tenant_id AND a.client_id = t.client_id AND a.status = 'completed') f
   WHERE c.tenant_id = t.tenant_id AND c.id = t.client_id AND c.first_visit_at IS DISTINCT FROM f.first_at
$$;

-- One function for the three statements: a transition table exists only for the events that have it.
CREATE FUNCTION refresh_first_visits() RETURNS trigger LANGUAGE plpgsql
  SET search_path = '' AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM public.set_first_visits(array_agg(tenant_id), array_agg(client_id))
       FROM (SELECT DISTINCT tenant_id, client_id FROM changed_new WHERE status = 'completed') x;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM public.set_first_visits(array_agg(tenant_id), array_agg(client_id))
       FROM (SELECT tenant_id, client_id FROM changed_new WHERE status = 'completed'
             UNION SELECT tenant_id, client_id FROM changed_old WHERE status = 'completed') x;
  ELSE
    PERFORM public.set_first_visits(array_agg(tenant_id), array_agg(client_id))
       FROM (SELECT DISTINCT tenant_id, client_id FROM changed_old WHERE status = 'completed') x;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER appointments_first_visit_insert AFTER INSERT ON appointments
  REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION refresh_first_visits();
CREATE TRIGGER appointments_first_visit_update AFTER UPDATE ON appointments
  REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION refresh_first_visits();
CREATE TRIGGER appointments_first_visit_delete AFTER DELETE ON appointments
  REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION refresh_first_visits();
