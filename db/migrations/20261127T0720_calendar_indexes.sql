-- The calendar (CRM-4): a week of one location must render in a few milliseconds at
-- hundreds of thousands of appointments.
-- "New client" on each card asks whether the client completed an appointment before this one:
-- one probe of this partial index instead of a walk through the client's whole history.
CREATE INDEX appointments_client_completed ON appointments (tenant_id, client_id, starts_at) WHERE status = 'completed';
-- Blocked time of a location in a date range (the calendar's blocks).
CREATE INDEX time_blocks_location_during ON time_blocks USING gist (tenant_id, location_id, during) WHERE active;
