-- Review of issue 6. Providers see the photos of the clients they treat, as they read charts
-- (read:photo:own; managers and owners keep read:photo:any). The database also guards what the
-- service already refuses: a co-signature only where one is asked, never by the chart's signer,
-- complete; and a removed photo stays removed.

UPDATE roles SET permissions = array_replace(permissions, 'read:photo:any', 'read:photo:own')
 WHERE builtin AND key = 'provider' AND 'read:photo:any' = ANY (permissions);

CREATE OR REPLACE FUNCTION guard_signed_chart() RETURNS trigger LANGUAGE plpgsql SET search_path = '' AS $$
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
  IF (NEW.cosigned_at, NEW.cosigned_by, NEW.cosigned_name) IS NOT DISTINCT FROM (OLD.cosigned_at, OLD.cosigned_by, OLD.cosigned_name) THEN
    RETURN NEW;
  END IF;
  IF OLD.cosigned_at IS NOT NULL THEN
    RAISE EXCEPTION 'a co-signature cannot be changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT OLD.cosign_required OR NEW.cosigned_at IS NULL OR NEW.cosigned_by IS NULL OR coalesce(NEW.cosigned_name, '') = ''
     OR NEW.cosigned_by = OLD.signed_by THEN
    RAISE EXCEPTION 'a co-signature is asked for, complete, and by someone other than the signer' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION guard_removed_photo() RETURNS trigger LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  IF OLD.removed_at IS NOT NULL AND (NEW.removed_at, NEW.removed_by, NEW.removal_reason) IS DISTINCT FROM (OLD.removed_at, OLD.removed_by, OLD.removal_reason) THEN
    RAISE EXCEPTION 'a removed photo stays removed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER client_photos_removed_stays BEFORE UPDATE ON client_photos FOR EACH ROW EXECUTE FUNCTION guard_removed_photo();
