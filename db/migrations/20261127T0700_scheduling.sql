-- Scheduling (CRM-1 to CRM-4): closures, staff schedules, services with phases, appointments,
-- and the occupancy rows whose exclusion constraint makes a double booking impossible.

CREATE TABLE location_closures (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  location_id uuid NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 120),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX location_closures_location ON location_closures (tenant_id, location_id, starts_on);

-- A provider's week at one location: working hours and breaks, local wall-clock times.
CREATE TABLE staff_hours (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  operator_id uuid NOT NULL,
  location_id uuid NOT NULL,
  weekday smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6), -- 0 = Sunday
  kind text NOT NULL DEFAULT 'work' CHECK (kind IN ('work', 'break')),
  starts time NOT NULL,
  ends time NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, operator_id) REFERENCES operators (tenant_id, id),
  FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id),
  CHECK (ends > starts)
);
CREATE INDEX staff_hours_operator ON staff_hours (tenant_id, operator_id, location_id);

-- One-off changes for a day (replace that day's hours; no rows of kind 'work' = off that day) and time off.
CREATE TABLE staff_day_changes (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  operator_id uuid NOT NULL,
  location_id uuid NOT NULL,
  on_date date NOT NULL,
  -- [["09:00","13:00"], …]; empty = not working that day.
  hours jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(hours) = 'array'),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 120),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, operator_id, location_id, on_date),
  FOREIGN KEY (tenant_id, operator_id) REFERENCES operators (tenant_id, id),
  FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id)
);

CREATE TABLE staff_time_off (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  operator_id uuid NOT NULL,
  during tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 120),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, operator_id) REFERENCES operators (tenant_id, id)
);
CREATE INDEX staff_time_off_operator ON staff_time_off USING gist (tenant_id, operator_id, during);

CREATE TABLE services (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  category text NOT NULL DEFAULT '' CHECK (length(category) <= 60),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
  price_cents integer NOT NULL CHECK (price_cents BETWEEN 0 AND 10000000),
  online_bookable boolean NOT NULL DEFAULT false,
  -- Credential kinds of which the provider must hold one, valid on the day (empty = anyone).
  required_credentials text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, name)
);

-- What a service needs besides the provider: "a treatment room", "Laser 1 or Laser 2".
CREATE TABLE service_requirements (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL,
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
  -- The resources that satisfy it; one of them is held for the whole appointment service.
  resource_ids uuid[] NOT NULL CHECK (cardinality(resource_ids) >= 1),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, service_id, label),
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id) ON DELETE CASCADE
);

-- A service's phases in order: how long, and what each occupies (numbing: client and room, provider free).
CREATE TABLE service_phases (
  tenant_id uuid NOT NULL,
  service_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position BETWEEN 0 AND 19),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
  minutes smallint NOT NULL CHECK (minutes BETWEEN 1 AND 720),
  uses_provider boolean NOT NULL,
  uses_client boolean NOT NULL DEFAULT true,
  -- Labels of the service's requirements this phase holds.
  requirement_labels text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, service_id, position),
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE appointments (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  location_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'booked'
    CHECK (status IN ('booked', 'checked_in', 'in_progress', 'completed', 'cancelled', 'no_show')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  walk_in boolean NOT NULL DEFAULT false,
  series_id uuid,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
  cancel_reason text CHECK (length(cancel_reason) <= 300),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, id),
  FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id),
  CHECK (ends_at > starts_at),
  CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL))
);
CREATE INDEX appointments_client ON appointments (tenant_id, client_id, starts_at DESC);
CREATE INDEX appointments_location_time ON appointments (tenant_id, location_id, starts_at);

-- Each service of an appointment, in order, with its provider and the resources it holds.
CREATE TABLE appointment_services (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  appointment_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position BETWEEN 0 AND 9),
  service_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- {"Room": "<resource id>", …}: the resource chosen for each requirement.
  resources jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(resources) = 'object'),
  price_cents integer NOT NULL CHECK (price_cents >= 0),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, appointment_id, position),
  FOREIGN KEY (tenant_id, appointment_id) REFERENCES appointments (tenant_id, id),
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id),
  FOREIGN KEY (tenant_id, provider_id) REFERENCES operators (tenant_id, id),
  CHECK (ends_at > starts_at)
);
CREATE INDEX appointment_services_provider ON appointment_services (tenant_id, provider_id, starts_at);

-- Blocked time for a provider or a room (lunch meeting, laser maintenance).
CREATE TABLE time_blocks (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  location_id uuid NOT NULL,
  operator_id uuid,
  resource_id uuid,
  during tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 120),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id),
  FOREIGN KEY (tenant_id, operator_id) REFERENCES operators (tenant_id, id),
  FOREIGN KEY (tenant_id, resource_id) REFERENCES resources (tenant_id, id),
  CHECK ((operator_id IS NULL) <> (resource_id IS NULL))
);

-- What each booking phase or block holds, and when: exactly one provider or resource per row.
-- The exclusion constraints make two holds of the same provider or room at once impossible,
-- whichever path wrote them (CRM-4). A client's own overlaps are the booking service's check:
-- holding clients here would make merging two records with overlapping visits impossible.
-- Cancelled and no-show appointments release their holds (held = false) but keep the rows, so
-- the record of what was booked stays.
CREATE TABLE occupancy (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  provider_id uuid,
  resource_id uuid,
  during tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
  appointment_id uuid,
  appointment_service_id uuid,
  time_block_id uuid,
  held boolean NOT NULL DEFAULT true,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, provider_id) REFERENCES operators (tenant_id, id),
  FOREIGN KEY (tenant_id, resource_id) REFERENCES resources (tenant_id, id),
  FOREIGN KEY (tenant_id, appointment_id) REFERENCES appointments (tenant_id, id),
  FOREIGN KEY (tenant_id, appointment_service_id) REFERENCES appointment_services (tenant_id, id),
  FOREIGN KEY (tenant_id, time_block_id) REFERENCES time_blocks (tenant_id, id),
  CHECK (num_nonnulls(provider_id, resource_id) = 1),
  CHECK ((appointment_id IS NULL) <> (time_block_id IS NULL)),
  CONSTRAINT occupancy_provider_free EXCLUDE USING gist (tenant_id WITH =, provider_id WITH =, during WITH &&) WHERE (held AND provider_id IS NOT NULL),
  CONSTRAINT occupancy_resource_free EXCLUDE USING gist (tenant_id WITH =, resource_id WITH =, during WITH &&) WHERE (held AND resource_id IS NOT NULL)
);
CREATE INDEX occupancy_appointment ON occupancy (tenant_id, appointment_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['location_closures', 'staff_hours', 'staff_day_changes', 'staff_time_off', 'services',
    'service_requirements', 'service_phases', 'appointments', 'appointment_services', 'time_blocks', 'occupancy'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id())', t);
  END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON location_closures, staff_hours, staff_day_changes, staff_time_off,
  service_requirements, service_phases TO lume_app;
GRANT SELECT, INSERT, UPDATE ON services, appointments, appointment_services, time_blocks, occupancy TO lume_app;
CREATE INDEX occupancy_held_during ON occupancy USING gist (tenant_id, during) WHERE held;
