-- Finding clients (issue 4): by name with typos, by phone or email fragment, and possible duplicates.
--
-- Under row-level security PostgreSQL only lets *leakproof* operators reach an index before the
-- policy has filtered the rows (restriction_is_securely_promotable). pg_trgm's `<%` and `LIKE`, and
-- citext's `=`, are not leakproof, so as lume_app these searches would read every client of the
-- spa through the tenant index and test each one: about 300 ms at 100k clients instead of ~1 ms.
--
-- These functions run the index-backed part as the owner instead (plpgsql, planned for the values
-- given each time: a generic plan cannot see which branch of an OR is empty). Each one is scoped to
-- current_tenant_id() exactly as the policy is (NULL when no spa is set, so nothing), considers
-- active clients only, and returns nothing but ids and how they matched. The caller then reads
-- the rows it shows through row-level security as usual, so a mistake here could at worst name
-- an id that the caller's own read will not find. The tenant test is an InitPlan `(SELECT …)`,
-- evaluated once rather than once per row rechecked (it is a function with its own search_path). They give lume_app no access it lacks: it sets
-- app.tenant_id itself, and the policy trusts the same setting.

-- By name: typo-tolerant (word similarity above pg_trgm's threshold) or typed as the start of
-- each word, in order ("jen lop" finds Jennifer Lopez). Words typed as prefixes rank first.
-- p_text: the lower-case words, or NULL to skip the fuzzy test (one or two letters match half the
-- spa by similarity; as prefixes they stay selective); p_starts and p_words: LIKE patterns for "each word starts a
-- word of the name", from the first word and from a later one ("jen% lop%", "% jen% lop%").
CREATE FUNCTION client_search_by_name(p_text text, p_starts text, p_words text, p_limit integer)
  RETURNS TABLE (id uuid, rank real)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = ''
  SET plan_cache_mode = force_custom_plan
  AS $$
  BEGIN
    RETURN QUERY
    SELECT c.id,
           (coalesce(public.word_similarity(p_text, c.search_name), 0)
             + CASE WHEN c.search_name LIKE p_starts OR c.search_name LIKE p_words THEN 1 ELSE 0 END)::real
      FROM public.clients c
     WHERE c.tenant_id = (SELECT public.current_tenant_id())
       AND c.status = 'active'
       AND (p_text OPERATOR(public.<%) c.search_name OR c.search_name LIKE p_starts OR c.search_name LIKE p_words)
     ORDER BY 2 DESC, c.last_name, c.first_name, c.id
     LIMIT least(p_limit, 100);
  END
  $$;

-- By phone digits or email text: a LIKE pattern over search_contact (phone digits and the email).
CREATE FUNCTION client_search_by_contact(p_pattern text, p_limit integer)
  RETURNS TABLE (id uuid, rank real)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = ''
  SET plan_cache_mode = force_custom_plan
  AS $$
  BEGIN
    RETURN QUERY
    SELECT c.id, 1::real
      FROM public.clients c
     WHERE c.tenant_id = (SELECT public.current_tenant_id())
       AND c.status = 'active'
       AND c.search_contact LIKE p_pattern
     ORDER BY c.last_name, c.first_name, c.id
     LIMIT least(p_limit, 100);
  END
  $$;

-- Possible duplicates of a client being created: same name (ignoring case) and date of birth, or
-- the same mobile phone, or the same email. At most five, the strongest match first.
CREATE FUNCTION client_duplicate_hits(p_first text, p_last text, p_birth date, p_email text, p_phone text, p_exclude uuid)
  RETURNS TABLE (id uuid, by_name boolean, by_phone boolean, by_email boolean)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = ''
  SET plan_cache_mode = force_custom_plan
  AS $$
  BEGIN
    RETURN QUERY
    SELECT m.id, m.by_name, m.by_phone, m.by_email
      FROM (
        SELECT c.id, c.first_name, c.last_name,
               (c.date_of_birth = p_birth AND lower(c.first_name) = lower(p_first) AND lower(c.last_name) = lower(p_last)) AS by_name,
               coalesce(c.mobile_phone = p_phone, false) AS by_phone,
               coalesce(c.email OPERATOR(public.=) p_email::public.citext, false) AS by_email
          FROM public.clients c
         WHERE c.tenant_id = (SELECT public.current_tenant_id())
           AND c.status = 'active'
           AND c.id IS DISTINCT FROM p_exclude
           AND (c.date_of_birth = p_birth OR c.mobile_phone = p_phone OR c.email OPERATOR(public.=) p_email::public.citext)
      ) m
     WHERE m.by_name OR m.by_phone OR m.by_email
     ORDER BY m.by_name DESC, (m.by_phone::int + m.by_email::int) DESC, m.last_name, m.first_name, m.id
     LIMIT 5;
  END
  $$;

REVOKE ALL ON FUNCTION client_search_by_name(text, text, text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION client_search_by_contact(text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION client_duplicate_hits(text, text, date, text, text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION client_search_by_name(text, text, text, integer) TO lume_app;
GRANT EXECUTE ON FUNCTION client_search_by_contact(text, integer) TO lume_app;
GRANT EXECUTE ON FUNCTION client_duplicate_hits(text, text, date, text, text, uuid) TO lume_app;
