-- Finding a client by name when both words have typos ("cristopher myres" for Christopher Myers):
-- word similarity with the whole query falls under pg_trgm's threshold, while the similarity of
-- the two names as wholes stays above its own (0.3). That test matches far more names, so it runs
-- only when the first one found nobody. Same contract as before: ids and a rank, this spa only.
CREATE OR REPLACE FUNCTION client_search_by_name(p_text text, p_starts text, p_words text, p_limit integer)
  RETURNS TABLE (id uuid, rank real)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = ''
  SET plan_cache_mode = force_custom_plan
  AS $$
  DECLARE
    found_rows integer;
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
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    IF found_rows = 0 AND p_text IS NOT NULL THEN
      RETURN QUERY
      SELECT c.id, public.similarity(p_text, c.search_name)
        FROM public.clients c
       WHERE c.tenant_id = (SELECT public.current_tenant_id())
         AND c.status = 'active'
         AND p_text OPERATOR(public.%) c.search_name
       ORDER BY 2 DESC, c.last_name, c.first_name, c.id
       LIMIT least(p_limit, 100);
    END IF;
  END
  $$;
