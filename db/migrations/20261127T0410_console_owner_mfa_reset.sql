-- Resetting a spa owner's two-step verification from the console (SPEC §6a, issue 8): an owner who
-- lost both the authenticator and the recovery codes is reset by Lumè staff after identity
-- verification, audited on both sides, and the spa's admin contact is notified (by the app).
-- Like every console door into a spa, these are SECURITY DEFINER with an empty search_path and
-- executable by lume_console alone.

-- How the caller's identity was verified: kept in Lumè's own trail, never in the spa's.
ALTER TABLE console_audit_events
  ADD COLUMN verification_note text CHECK (length(verification_note) BETWEEN 20 AND 500);

-- A spa's active owners, to choose whom to reset: ids, names and sign-in emails (staff accounts, not PHI).
CREATE FUNCTION console_spa_owners(p_tenant_id uuid)
  RETURNS TABLE (id uuid, full_name text, email text)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT o.id, o.full_name, o.email::text
      FROM public.operators o
      JOIN public.operator_roles orl ON orl.tenant_id = o.tenant_id AND orl.operator_id = o.id
      JOIN public.roles r ON r.tenant_id = orl.tenant_id AND r.id = orl.role_id AND r.key = 'owner'
     WHERE o.tenant_id = p_tenant_id AND o.status = 'active'
     ORDER BY o.full_name, o.id
  $$;

-- Clears an active owner's authenticator (secret, enrolment, last step), deletes their recovery
-- codes and ends their sessions, so their next sign-in sets up a new authenticator. Writes the
-- spa's audit row (actor: Lumè staff) and Lumè's own row with the verification note.
-- Returns one row: result 'reset' (with the owner's and the spa's contact details for the emails),
-- 'no_spa', 'spa_closed' (terminated) or 'not_owner' (no active owner of that spa by that id); only
-- 'reset' changes anything.
CREATE FUNCTION console_reset_owner_mfa(
  p_tenant_id uuid, p_operator_id uuid, p_staff_id uuid, p_request_id text, p_verification_note text
) RETURNS TABLE (result text, owner_name text, owner_email text, slug text, spa_name text,
                 admin_contact_name text, admin_contact_email text)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  v_role text;
  v_tenant public.tenants%ROWTYPE;
  v_owner public.operators%ROWTYPE;
  v_note text := pg_catalog.btrim(p_verification_note);
BEGIN
  SELECT s.role INTO v_role FROM public.console_staff s WHERE s.id = p_staff_id AND s.status = 'active';
  IF v_role IS NULL OR v_role <> 'admin' THEN
    RAISE EXCEPTION 'console_reset_owner_mfa: only an active console admin may reset an owner''s two-step verification'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF v_note IS NULL OR pg_catalog.length(v_note) NOT BETWEEN 20 AND 500 THEN
    RAISE EXCEPTION 'console_reset_owner_mfa: a verification note of 20 to 500 characters is required' USING ERRCODE = 'invalid_parameter_value';
  END IF;

  SELECT * INTO v_tenant FROM public.tenants t WHERE t.id = p_tenant_id;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'no_spa'::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text;
    RETURN;
  END IF;
  IF v_tenant.status = 'terminated' THEN
    RETURN QUERY SELECT 'spa_closed'::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text;
    RETURN;
  END IF;

  SELECT o.* INTO v_owner
    FROM public.operators o
   WHERE o.tenant_id = p_tenant_id AND o.id = p_operator_id AND o.status = 'active'
     AND EXISTS (SELECT 1 FROM public.operator_roles orl
                   JOIN public.roles r ON r.tenant_id = orl.tenant_id AND r.id = orl.role_id AND r.key = 'owner'
                  WHERE orl.tenant_id = o.tenant_id AND orl.operator_id = o.id)
   FOR UPDATE OF o;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'not_owner'::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text;
    RETURN;
  END IF;

  UPDATE public.operators SET totp_secret = NULL, totp_enrolled_at = NULL, totp_last_step = NULL
   WHERE tenant_id = p_tenant_id AND id = p_operator_id;
  DELETE FROM public.recovery_codes WHERE tenant_id = p_tenant_id AND operator_id = p_operator_id;
  DELETE FROM public.sessions WHERE tenant_id = p_tenant_id AND operator_id = p_operator_id;

  INSERT INTO public.audit_events (tenant_id, actor_kind, actor_id, actor_role, action, record_type, record_id, surface, outcome, request_id)
  VALUES (p_tenant_id, 'staff', p_staff_id, 'lume_staff', 'mfa_reset', 'operator', p_operator_id::text, 'console', 'success', p_request_id);
  INSERT INTO public.console_audit_events (actor_kind, staff_id, staff_role, action, target_kind, target_id, detail, outcome, request_id, verification_note)
  VALUES ('staff', p_staff_id, v_role, 'mfa_reset', 'spa', p_tenant_id::text, 'owner ' || p_operator_id::text, 'success',
          pg_catalog.left(p_request_id, 64), v_note);

  RETURN QUERY SELECT 'reset'::text, v_owner.full_name, v_owner.email::text, v_tenant.slug::text, v_tenant.display_name,
                      v_tenant.admin_contact_name, v_tenant.admin_contact_email::text;
END
$$;

REVOKE ALL ON FUNCTION console_spa_owners(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION console_reset_owner_mfa(uuid, uuid, uuid, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION console_spa_owners(uuid) TO lume_console;
GRANT EXECUTE ON FUNCTION console_reset_owner_mfa(uuid, uuid, uuid, text, text) TO lume_console;
