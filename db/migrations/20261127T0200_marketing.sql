-- Demo requests from the marketing site (MKT-1, MKT-2, MKT-5).
-- A prospect is not a spa's data: no tenant_id, no row-level security, and never PHI.

CREATE TABLE demo_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  email citext NOT NULL CHECK (length(email) <= 254 AND email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  phone text CHECK (length(phone) BETWEEN 7 AND 30),
  spa_name text NOT NULL CHECK (length(spa_name) BETWEEN 1 AND 160),
  locations integer NOT NULL CHECK (locations BETWEEN 1 AND 1000),
  providers integer NOT NULL CHECK (providers BETWEEN 1 AND 10000),
  current_platform text NOT NULL CHECK (current_platform IN (
    'none', 'boulevard', 'mangomint', 'vagaro', 'zenoti', 'mindbody', 'aesthetic_record', 'patientnow', 'jane', 'other')),
  current_platform_other text CHECK (length(current_platform_other) BETWEEN 1 AND 80),
  message text CHECK (length(message) BETWEEN 1 AND 2000),
  -- A prospect who became a customer is kept past the 24-month retention (MKT-5).
  converted boolean NOT NULL DEFAULT false,
  -- The internal notification: sent, or refused for good by the provider (then never retried).
  email_sent_at timestamptz,
  email_failed_at timestamptz,
  email_error text CHECK (length(email_error) <= 200),
  CHECK ((current_platform = 'other') = (current_platform_other IS NOT NULL)),
  CHECK (email_sent_at IS NULL OR email_failed_at IS NULL)
);

CREATE INDEX demo_requests_created ON demo_requests (created_at);
CREATE INDEX demo_requests_unsent ON demo_requests (created_at) WHERE email_sent_at IS NULL AND email_failed_at IS NULL;

-- The app stores a submission and records the notification's outcome; it cannot edit or delete
-- what the prospect sent. The console (issue 8, later) reads and updates them.
GRANT SELECT, INSERT ON demo_requests TO lume_app;
GRANT UPDATE (email_sent_at, email_failed_at, email_error) ON demo_requests TO lume_app;
GRANT SELECT, UPDATE ON demo_requests TO lume_console;

-- Retention (MKT-5): the daily job deletes only what is past 24 months and not converted, through
-- this one door; the app role has no DELETE on the table. Returns the ids, for the log.
CREATE FUNCTION purge_expired_demo_requests() RETURNS SETOF uuid
  LANGUAGE sql SECURITY DEFINER
  SET search_path = ''
  AS $$
    DELETE FROM public.demo_requests
     WHERE NOT converted AND created_at < pg_catalog.now() - interval '24 months'
    RETURNING id
  $$;
REVOKE ALL ON FUNCTION purge_expired_demo_requests() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_expired_demo_requests() TO lume_app;
