-- Which audit rows concern which client, one row per (event, client), for the per-client access
-- report and the client filter. A GIN index on audit_events.client_ids cannot serve them for the
-- app role: under row-level security only leakproof operators reach an index, and array
-- containment is not one; uuid equality is. Written by the same statement as the event.

DROP INDEX audit_events_clients;

CREATE TABLE audit_event_clients (
  tenant_id uuid NOT NULL,
  client_id uuid NOT NULL,
  occurred_at timestamptz NOT NULL,
  event_id bigint NOT NULL,
  PRIMARY KEY (tenant_id, client_id, occurred_at, event_id)
);
CREATE TRIGGER audit_event_clients_append_only BEFORE UPDATE OR DELETE ON audit_event_clients
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_event_clients_no_truncate BEFORE TRUNCATE ON audit_event_clients
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
ALTER TABLE audit_event_clients ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_event_clients FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_event_clients
  USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT ON audit_event_clients TO lume_app;
