-- Holds read by time under row-level security (bench/README.md, "Calendar and booking"): the range
-- operator && is not leakproof, so as lume_app no index on `during` can be used and every
-- availability check read every hold of the spa (~1M at 500k appointments). The start and end as
-- plain columns, compared with leakproof timestamp operators, reach btree indexes per provider and
-- per resource. A hold never spans more than a week (a phase is at most 12 hours, a block one
-- day), so "starts less than a week before the window" bounds the scan exactly.
ALTER TABLE occupancy
  ADD COLUMN starts_at timestamptz GENERATED ALWAYS AS (lower(during)) STORED,
  ADD COLUMN ends_at timestamptz GENERATED ALWAYS AS (upper(during)) STORED,
  ADD CONSTRAINT occupancy_at_most_a_week CHECK (upper(during) - lower(during) <= interval '7 days');
CREATE INDEX occupancy_provider_time ON occupancy (tenant_id, provider_id, starts_at) WHERE held AND provider_id IS NOT NULL;
CREATE INDEX occupancy_resource_time ON occupancy (tenant_id, resource_id, starts_at) WHERE held AND resource_id IS NOT NULL;
