-- The calendar's indexes, as measured at 500k appointments (bench/README.md, "Calendar and
-- booking"). Idempotent: a database may have run either version of 20261127T0720.
-- Blocked time of a location: a btree on the location instead of the GiST on `during`. Under
-- row-level security only leakproof operators reach an index before the policy has filtered the
-- rows; the range operators (&&) are not leakproof, uuid equality is.
DROP INDEX IF EXISTS time_blocks_location_during;
CREATE INDEX IF NOT EXISTS time_blocks_location ON time_blocks (tenant_id, location_id) WHERE active;
-- The services of a window's appointments in one range scan (the calendar's cards), instead of
-- a probe per appointment.
CREATE INDEX IF NOT EXISTS appointment_services_time ON appointment_services (tenant_id, starts_at);
