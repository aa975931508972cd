-- The calendar's allergy and unsigned-forms flags as counts kept on the rows its cards statement
-- already reads (the client's and the appointment's), instead of ~1,000 index probes each per week
-- shown (issue 5's week view: the two probes were a quarter of the statement's work, and rose with
-- the spa's forms and allergies). Row triggers keep them exact by adding and subtracting, so two
-- transactions changing the same client's allergies or the same visit's forms at once both count:
-- each increment waits for the other's row lock and re-reads the row it adds to. The counts only
-- decide a flag on the calendar, so a decrement stops at zero rather than fail the signature or
-- the removal that caused it.

-- No allergy or form changes while the counts are taken and the triggers put in place: a change
-- committed in between would be counted by neither.
LOCK TABLE client_allergies, client_forms IN SHARE MODE;

ALTER TABLE clients ADD COLUMN active_allergies int NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN pending_forms int NOT NULL DEFAULT 0;

UPDATE clients c SET active_allergies = x.n
  FROM (SELECT tenant_id, client_id, count(*)::int AS n FROM client_allergies WHERE removed_at IS NULL GROUP BY tenant_id, client_id) x
 WHERE x.tenant_id = c.tenant_id AND x.client_id = c.id;

UPDATE appointments a SET pending_forms = f.n
  FROM (SELECT tenant_id, appointment_id, count(*)::int AS n FROM client_forms
         WHERE status = 'pending' AND appointment_id IS NOT NULL GROUP BY tenant_id, appointment_id) f
 WHERE f.tenant_id = a.tenant_id AND f.appointment_id = a.id;

-- An allergy counts while it is not removed, for the client it belongs to (a merge re-points it).
CREATE FUNCTION count_active_allergies() RETURNS trigger LANGUAGE plpgsql
  SET search_path = '' AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.client_id = NEW.client_id AND (OLD.removed_at IS NULL) = (NEW.removed_at IS NULL) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.removed_at IS NULL THEN
    UPDATE public.clients SET active_allergies = greatest(active_allergies - 1, 0) WHERE tenant_id = OLD.tenant_id AND id = OLD.client_id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.removed_at IS NULL THEN
    UPDATE public.clients SET active_allergies = active_allergies + 1 WHERE tenant_id = NEW.tenant_id AND id = NEW.client_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER client_allergies_count AFTER INSERT OR DELETE OR UPDATE OF client_id, removed_at ON client_allergies
  FOR EACH ROW EXECUTE FUNCTION count_active_allergies();

-- A form counts while it is pending, for the visit it was asked for. Forms are never deleted and
-- keep their visit (guard_client_form), so only their status moves the count.
CREATE FUNCTION count_pending_forms() RETURNS trigger LANGUAGE plpgsql
  SET search_path = '' AS $$
BEGIN
  IF NEW.appointment_id IS NULL
     OR (TG_OP = 'INSERT' AND NEW.status <> 'pending')
     OR (TG_OP = 'UPDATE' AND (OLD.status = 'pending') = (NEW.status = 'pending')) THEN
    RETURN NULL;
  END IF;
  UPDATE public.appointments SET pending_forms = greatest(pending_forms + CASE WHEN NEW.status = 'pending' THEN 1 ELSE -1 END, 0)
   WHERE tenant_id = NEW.tenant_id AND id = NEW.appointment_id;
  RETURN NULL;
END $$;

CREATE TRIGGER client_forms_pending_count AFTER INSERT OR UPDATE OF status ON client_forms
  FOR EACH ROW EXECUTE FUNCTION count_pending_forms();

-- Made for the calendar's probe of pending forms (0960), which the count replaces.
DROP INDEX client_forms_pending_appointment;
