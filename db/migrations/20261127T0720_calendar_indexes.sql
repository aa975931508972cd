-- The calendar (CRM-4): a week of one location must render in a few milliseconds at
-- hundreds of thousands of appointments.
-- "New client" on each card asks whether the client completed an appointment before this one:
-- one probe of this partial index instead of a walk through the client's whole history.
CREATE INDEX appointments_client_completed ON appointments (tenant_id, client_id, starts_at) WHERE status = 'completed';
-- Blocked time of a location. A btree on the location, not a GiST on `during`: under row-level
-- security only leakproof operators reach an index before the policy has filtered the rows, and
-- the range operators (&&) are not leakproof, while uuid equality is.
CREATE INDEX time_blocks_location ON time_blocks (tenant_id, location_id) WHERE active;
-- The services of a window's appointments, in one range scan (the calendar's cards).
CREATE INDEX appointment_services_time ON appointment_services (tenant_id, starts_at);
