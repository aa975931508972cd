-- Kiosk mode (issue 7, ADR 012): an operator hands the front-desk tablet to a client to fill and
-- sign their forms. The operator's session on that tablet is suspended for the while: it names the
-- kiosk link it handed over and when, and counts wrong unlock attempts. A suspended session is
-- refused by every CRM route; it ends by being replaced (unlock with the operator's password and
-- code) or deleted (idle time, its 12-hour limit, too many wrong attempts), never by clearing the
-- suspension in place. The table keeps its row-level security (20261127T0000_identity.sql).

ALTER TABLE sessions
  ADD COLUMN kiosk_link_id uuid,
  ADD COLUMN kiosk_started_at timestamptz,
  ADD COLUMN kiosk_unlock_failures integer NOT NULL DEFAULT 0 CHECK (kiosk_unlock_failures >= 0),
  ADD CONSTRAINT sessions_kiosk_link FOREIGN KEY (tenant_id, kiosk_link_id) REFERENCES form_links (tenant_id, id),
  ADD CONSTRAINT sessions_kiosk_whole CHECK ((kiosk_link_id IS NULL) = (kiosk_started_at IS NULL)),
  ADD CONSTRAINT sessions_kiosk_signed_in CHECK (kiosk_link_id IS NULL OR stage = 'active');

-- Once suspended, a session keeps its kiosk, token, stage, activity time and limits until it is
-- deleted: kiosk activity cannot extend it, and no statement can quietly lift the suspension.
CREATE FUNCTION guard_kiosk_session() RETURNS trigger LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  IF OLD.kiosk_link_id IS NOT NULL AND (
       NEW.kiosk_link_id IS DISTINCT FROM OLD.kiosk_link_id
    OR NEW.kiosk_started_at IS DISTINCT FROM OLD.kiosk_started_at
    OR NEW.token_hash IS DISTINCT FROM OLD.token_hash
    OR NEW.stage IS DISTINCT FROM OLD.stage
    OR NEW.operator_id IS DISTINCT FROM OLD.operator_id
    OR NEW.last_active_at IS DISTINCT FROM OLD.last_active_at
    OR NEW.expires_at IS DISTINCT FROM OLD.expires_at
    OR NEW.kiosk_unlock_failures < OLD.kiosk_unlock_failures) THEN
    RAISE EXCEPTION 'a session lent to a kiosk stays suspended until it ends' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER sessions_kiosk_guarded BEFORE UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION guard_kiosk_session();
