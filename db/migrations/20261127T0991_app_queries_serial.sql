-- The app's statements run without parallel workers. Each of them reads a few thousand rows at most
-- through an index, where starting workers costs more than it saves: the holds behind 14 days of
-- "any provider" availability took 11–12 ms with two workers and ~5 ms without (issue 5's
-- benchmark, 2 cores). Workers also take cores from the other requests the app is serving.
-- Set on the role in this database, so every connection the app opens to it has it (the role is
-- server-wide; other databases and the console keep the default).
DO $$
BEGIN
  EXECUTE format('ALTER ROLE lume_app IN DATABASE %I SET max_parallel_workers_per_gather = 0', current_database());
END
$$;
