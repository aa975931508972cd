-- When an appointment moved through its day, and a manager's override of a check-in rule (CRM-7).
ALTER TABLE appointments
  ADD COLUMN checked_in_at timestamptz,
  ADD COLUMN started_at timestamptz,
  ADD COLUMN completed_at timestamptz,
  ADD COLUMN check_in_override text CHECK (length(check_in_override) BETWEEN 1 AND 300),
  ADD COLUMN check_in_override_by uuid;
