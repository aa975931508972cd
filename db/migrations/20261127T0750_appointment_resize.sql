-- An appointment made longer or shorter than its services' phases (issue 5: resize): the extra
-- minutes go to the last phase of that service, so its holds grow or shrink with it.
ALTER TABLE appointment_services ADD COLUMN extra_minutes smallint NOT NULL DEFAULT 0 CHECK (extra_minutes BETWEEN -600 AND 600);
