-- Which audit rows concern a client (the per-client access report, the audit search's client
-- filter): a GIN index on audit_events.client_ids, reached through a narrow SECURITY DEFINER
-- function, instead of one audit_event_clients row per (event, client) (docs/adr/009).
--
-- A list that shows a thousand clients (a calendar week) wrote a thousand rows into a btree led
-- by the client: a thousand random leaf pages, most of them a full-page image in the WAL after
-- each checkpoint, ~8 ms of the request's ~11 ms audit write. A GIN index with fast update
-- appends the same thousand keys to its pending list (a few pages, in order) and merges them
-- into the tree later in sorted batches; the index is the event row's own, so it cannot disagree
-- with it, and it is ~25 times smaller than the table it replaces.
--
-- Under row-level security only leakproof operators reach an index before the policy filters
-- the rows, and array overlap is not one (why 0030 dropped the first GIN index): the lookup runs
-- as the owner, scoped to current_tenant_id() exactly as the policy is, and returns only the
-- keys of the rows, which the caller then reads under row-level security (as ADR 008's search
-- functions do).

CREATE INDEX audit_events_clients ON audit_events USING gin (client_ids) WITH (fastupdate = on, gin_pending_list_limit = 16384);

-- The keys (occurred_at, id) of the spa's audit rows that name any of the given clients.
CREATE FUNCTION audit_event_keys_for_clients(p_clients uuid[])
  RETURNS TABLE (occurred_at timestamptz, id bigint)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = ''
  SET plan_cache_mode = force_custom_plan
  ROWS 100
  AS $$
  BEGIN
    RETURN QUERY
    SELECT e.occurred_at, e.id
      FROM public.audit_events e
     WHERE e.tenant_id = (SELECT public.current_tenant_id())
       AND e.client_ids OPERATOR(pg_catalog.&&) p_clients;
  END
  $$;
REVOKE ALL ON FUNCTION audit_event_keys_for_clients(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_event_keys_for_clients(uuid[]) TO lume_app;

-- Merges the pending lists of every partition's client index into its tree (the audit.seal job,
-- every minute), so that the request whose insert overflows a pending list rarely pays for the
-- merge and lookups scan at most about a minute of pending keys. Only the index's owner may
-- call gin_clean_pending_list; this takes no argument and touches nothing else. Returns the
-- pending pages merged.
CREATE FUNCTION audit_client_index_flush() RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $$
  DECLARE
    part regclass;
    merged bigint := 0;
  BEGIN
    FOR part IN SELECT i.inhrelid::regclass FROM pg_catalog.pg_inherits i WHERE i.inhparent = 'public.audit_events_clients'::regclass LOOP
      merged := merged + pg_catalog.gin_clean_pending_list(part);
    END LOOP;
    RETURN merged;
  END
  $$;
REVOKE ALL ON FUNCTION audit_client_index_flush() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_client_index_flush() TO lume_app;

-- Every row it held is a (client, event) pair of an event's client_ids, which the index above
-- now covers, history included.
DROP TABLE audit_event_clients;
