-- Platform plumbing that belongs to no tenant.

-- Fixed-window counters for per-IP and per-account limits (app processes keep no state).
CREATE UNLOGGED TABLE rate_limits (
  bucket text NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limits TO lume_app, lume_console;

-- The local messaging adapter's outbox (development only; production refuses it).
CREATE TABLE dev_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('phi_email', 'marketing_email', 'sms')),
  recipient text NOT NULL,
  subject text,
  body text NOT NULL,
  spa_slug text,
  created_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON dev_outbox TO lume_app, lume_console;
