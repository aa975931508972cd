import type { BusinessHours } from '../../../infra/db/schema.ts';
import type { ServiceCtx } from '../../../infra/db/tenant.ts';
import type {
  AvailabilityRequest,
  Block,
  Closure,
  LocalDate,
  LocalTimeRange,
  Phase,
  ProviderSchedule,
  ProviderSelection,
  ScheduleChange,
  ServiceSpec,
  Weekday,
  WeeklyRanges,
} from '../availability/index.ts';

/**
 * Fills the availability engine's request from the spa's tables: the location's
 * hours and closures, the providers who work there with their weeks, changes and
 * time off, rooms and devices, the services' phases and requirements, who may
 * perform each service (a valid licence of a required kind), and every hold
 * already taken. Reads run under the spa's row-level security.
 */

const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_MS = 86_400_000;

export interface LoadedService {
  id: string;
  name: string;
  priceCents: number;
  requiredCredentials: string[];
  /** Requirement label → requirement id, to read the phases. */
  requirementIds: Map<string, string>;
  spec: ServiceSpec;
}

export interface LoadedLocation {
  id: string;
  name: string;
  timeZone: string;
}

export interface RequestOptions {
  location: LoadedLocation;
  dates: { from: LocalDate; to: LocalDate };
  services: LoadedService[];
  providerSelection: ProviderSelection;
  now: Date;
  slotIntervalMinutes?: number;
  minimumNoticeMinutes?: number;
  bookingHorizonDays?: number;
  /** The appointment being moved: its own holds do not count against it. */
  excludeAppointmentId?: string;
  clientId?: string;
  /** Leave out every hold (to tell a conflict from a closed door). */
  ignoreOccupancy?: boolean;
}

export async function loadLocation(ctx: ServiceCtx, id: string): Promise<LoadedLocation | null> {
  const { rows } = await ctx.tx.$client.query<LoadedLocation>('SELECT id, name, timezone AS "timeZone" FROM locations WHERE id = $1 AND active', [id]);
  return rows[0] ?? null;
}

type ServiceRow = {
  id: string;
  name: string;
  price_cents: number;
  required_credentials: string[];
  phases: { label: string; minutes: number; uses_provider: boolean; uses_client: boolean; requirement_labels: string[] }[];
  requirements: { id: string; label: string; resource_ids: string[] }[];
};

/** The services, in the order asked for; null when one is unknown or inactive. */
export async function loadServices(ctx: ServiceCtx, ids: readonly string[]): Promise<LoadedService[] | null> {
  const { rows } = await ctx.tx.$client.query<ServiceRow>(
    `SELECT s.id, s.name, s.price_cents, s.required_credentials,
            (SELECT coalesce(json_agg(json_build_object('label', p.label, 'minutes', p.minutes, 'uses_provider', p.uses_provider,
                 'uses_client', p.uses_client, 'requirement_labels', p.requirement_labels) ORDER BY p.position), '[]')
               FROM service_phases p WHERE p.tenant_id = s.tenant_id AND p.service_id = s.id) AS phases,
            (SELECT coalesce(json_agg(json_build_object('id', r.id, 'label', r.label, 'resource_ids', r.resource_ids) ORDER BY r.label), '[]')
               FROM service_requirements r WHERE r.tenant_id = s.tenant_id AND r.service_id = s.id) AS requirements
       FROM services s WHERE s.id = ANY($1::uuid[]) AND s.active`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const services: LoadedService[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row || row.phases.length === 0) return null;
    const requirementIds = new Map(row.requirements.map((r) => [r.label, r.id]));
    const phases: Phase[] = row.phases.map((p) => ({
      durationMinutes: p.minutes,
      occupiesProvider: p.uses_provider,
      occupiesClient: p.uses_client,
      requirementIds: p.requirement_labels.map((label) => requirementIds.get(label)).filter((r): r is string => r !== undefined),
    }));
    services.push({
      id: row.id,
      name: row.name,
      priceCents: row.price_cents,
      requiredCredentials: row.required_credentials,
      requirementIds,
      spec: { id: row.id, phases, resourceRequirements: row.requirements.map((r) => ({ id: r.id, acceptableResourceIds: r.resource_ids })), eligibleProviderIds: [] },
    });
  }
  return services;
}

const range = ([start, end]: [string, string]): LocalTimeRange => ({ start: start.slice(0, 5), end: end.slice(0, 5) });

function addRange(target: Record<string, LocalTimeRange[]>, day: Weekday, r: LocalTimeRange): void {
  (target[day] ??= []).push(r);
}

/** Every local date from..to (inclusive). */
function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

type HoursRow = { operator_id: string; weekday: number; kind: 'work' | 'break'; starts: string; ends: string };
type ChangeRow = { operator_id: string; on_date: string; hours: [string, string][] };
type HoldRow = { provider_id: string | null; resource_id: string | null; block: boolean; spans: [number, number][] };
type CredentialRow = { operator_id: string; kind: string; expires_on: string | null };

export async function loadAvailabilityRequest(ctx: ServiceCtx, o: RequestOptions): Promise<AvailabilityRequest> {
  const q = ctx.tx.$client;
  // A margin of two days on each side covers every zone's offset from UTC.
  const windowStart = new Date(Date.parse(`${o.dates.from}T00:00:00Z`) - 2 * DAY_MS);
  const windowEnd = new Date(Date.parse(`${o.dates.to}T00:00:00Z`) + 3 * DAY_MS);
  const fromDate = windowStart.toISOString().slice(0, 10);
  const toDate = windowEnd.toISOString().slice(0, 10);

  // Everything but the holds in one round trip: the location's hours and closures, who works there and
  // when, their time off, its rooms and devices, and the licences that decide who may perform what.
  const { rows: loaded } = await q.query<{
    business_hours: BusinessHours | null;
    closures: { starts_on: string; ends_on: string }[];
    hours: HoursRow[];
    changes: ChangeRow[];
    time_off: { operator_id: string; starts: string; ends: string }[];
    resources: { id: string; kind: 'room' | 'device' }[];
    credentials: CredentialRow[];
  }>(
    `SELECT
       (SELECT business_hours FROM locations WHERE id = $1) AS business_hours,
       (SELECT coalesce(json_agg(json_build_object('starts_on', starts_on::text, 'ends_on', ends_on::text)), '[]')
          FROM location_closures WHERE location_id = $1 AND ends_on >= $2 AND starts_on <= $3) AS closures,
       (SELECT coalesce(json_agg(json_build_object('operator_id', h.operator_id, 'weekday', h.weekday, 'kind', h.kind, 'starts', h.starts::text, 'ends', h.ends::text)), '[]')
          FROM staff_hours h JOIN operators op ON op.tenant_id = h.tenant_id AND op.id = h.operator_id AND op.status = 'active'
         WHERE h.location_id = $1) AS hours,
       (SELECT coalesce(json_agg(json_build_object('operator_id', operator_id, 'on_date', on_date::text, 'hours', hours)), '[]')
          FROM staff_day_changes WHERE location_id = $1 AND on_date BETWEEN $2 AND $3) AS changes,
       (SELECT coalesce(json_agg(json_build_object('operator_id', operator_id, 'starts', lower(during), 'ends', upper(during))), '[]')
          FROM staff_time_off WHERE during && tstzrange($4, $5)) AS time_off,
       (SELECT coalesce(json_agg(json_build_object('id', id, 'kind', kind) ORDER BY name), '[]') FROM resources WHERE location_id = $1 AND active) AS resources,
       (SELECT coalesce(json_agg(json_build_object('operator_id', operator_id, 'kind', kind, 'expires_on', expires_on::text)), '[]') FROM credentials) AS credentials`,
    [o.location.id, fromDate, toDate, windowStart, windowEnd],
  );
  const { business_hours, closures, hours, changes, resources, credentials } = loaded[0]!;
  const timeOff = loaded[0]!.time_off.map((t) => ({ operator_id: t.operator_id, starts: new Date(t.starts), ends: new Date(t.ends) }));

  const weekly: Record<string, LocalTimeRange[]> = {};
  for (const [day, ranges] of Object.entries(business_hours ?? {})) for (const r of ranges ?? []) addRange(weekly, day as Weekday, range(r));
  const closureList: Closure[] = closures.flatMap((c) => datesBetween(c.starts_on < fromDate ? fromDate : c.starts_on, c.ends_on > toDate ? toDate : c.ends_on).map((date) => ({ date })));

  const providers = new Map<string, { weekly: Record<string, LocalTimeRange[]>; breaks: Record<string, LocalTimeRange[]>; timeOff: { start: Date; end: Date }[]; changes: ScheduleChange[] }>();
  const provider = (id: string) => {
    let p = providers.get(id);
    if (!p) providers.set(id, (p = { weekly: {}, breaks: {}, timeOff: [], changes: [] }));
    return p;
  };
  for (const h of hours) addRange(h.kind === 'work' ? provider(h.operator_id).weekly : provider(h.operator_id).breaks, WEEKDAYS[h.weekday]!, range([h.starts, h.ends]));
  for (const c of changes) if (providers.has(c.operator_id)) provider(c.operator_id).changes.push({ date: c.on_date, hours: c.hours.map(range) });
  for (const t of timeOff) if (providers.has(t.operator_id)) provider(t.operator_id).timeOff.push({ start: t.starts, end: t.ends });

  const providerIds = [...providers.keys()];
  // Only the rooms and devices these services can use matter to them; the others' holds are not read.
  const usable = new Set(o.services.flatMap((sv) => sv.spec.resourceRequirements.flatMap((r) => r.acceptableResourceIds)));
  const resourceIds = resources.filter((r) => usable.has(r.id)).map((r) => r.id);
  // Two index range scans (per provider, per resource) on plain timestamps: leakproof under RLS. A hold
  // lasts at most a week (a constraint), so "starts after the window start minus a week" is exact.
  // One row per subject with its spans as JSON epoch milliseconds: thousands of holds parse in a blink.
  // Merging back-to-back holds changes nothing the engine decides: busy time and booked minutes stay the same.
  const holds = o.ignoreOccupancy
    ? { rows: [] as HoldRow[] }
    : await q.query<HoldRow>(
        `WITH held AS (
           SELECT provider_id, resource_id, starts_at, ends_at, time_block_id IS NOT NULL AS block
             FROM occupancy
            WHERE held AND provider_id = ANY($3::uuid[]) AND starts_at < $2 AND starts_at > $1::timestamptz - interval '7 days' AND ends_at > $1
              AND ($5::uuid IS NULL OR appointment_id IS DISTINCT FROM $5::uuid)
           UNION ALL
           SELECT provider_id, resource_id, starts_at, ends_at, time_block_id IS NOT NULL
             FROM occupancy
            WHERE held AND resource_id = ANY($4::uuid[]) AND starts_at < $2 AND starts_at > $1::timestamptz - interval '7 days' AND ends_at > $1
              AND ($5::uuid IS NULL OR appointment_id IS DISTINCT FROM $5::uuid))
         -- Back-to-back holds of one subject become one span (range_agg): a fully booked day is a few spans, not dozens.
         SELECT provider_id, resource_id, block,
                (SELECT json_agg(json_build_array((extract(epoch FROM lower(r)) * 1000)::bigint, (extract(epoch FROM upper(r)) * 1000)::bigint))
                   FROM unnest(range_agg(tstzrange(starts_at, ends_at))) AS r) AS spans
           FROM held GROUP BY provider_id, resource_id, block`,
        [windowStart, windowEnd, providerIds, resourceIds, o.excludeAppointmentId ?? null],
      );
  const clientBusy =
    o.clientId && !o.ignoreOccupancy
      ? (
          await q.query<{ start: Date; end: Date }>(
            `SELECT starts_at AS start, ends_at AS end FROM appointments
              WHERE client_id = $1 AND status NOT IN ('cancelled', 'no_show') AND starts_at < $3 AND ends_at > $2 AND id IS DISTINCT FROM $4::uuid`,
            [o.clientId, windowStart, windowEnd, o.excludeAppointmentId ?? null],
          )
        ).rows
      : [];

  const firstDay = o.dates.from;
  const licensed = (operatorId: string, kinds: string[]) =>
    kinds.length === 0 || credentials.some((c) => c.operator_id === operatorId && kinds.includes(c.kind) && (c.expires_on === null || c.expires_on >= firstDay));

  const blocks: Block[] = [];
  const providerBusy = [];
  const resourceBusy = [];
  for (const h of holds.rows) {
    for (const [startMs, endMs] of h.spans) {
      const span = { start: new Date(startMs), end: new Date(endMs) };
      if (h.block) blocks.push(h.provider_id ? { providerId: h.provider_id, ...span } : { resourceId: h.resource_id!, ...span });
      else if (h.provider_id) providerBusy.push({ providerId: h.provider_id, ...span });
      else resourceBusy.push({ resourceId: h.resource_id!, ...span });
    }
  }

  return {
    timeZone: o.location.timeZone,
    locationId: o.location.id,
    dates: o.dates,
    slotIntervalMinutes: o.slotIntervalMinutes ?? 5,
    now: o.now,
    minimumNoticeMinutes: o.minimumNoticeMinutes ?? 0,
    bookingHorizonDays: o.bookingHorizonDays ?? 730,
    location: { weekly: weekly as WeeklyRanges, closures: closureList },
    providers: [...providers.entries()].map(
      ([id, p]): ProviderSchedule => ({ id, weekly: p.weekly as WeeklyRanges, breaks: p.breaks as WeeklyRanges, timeOff: p.timeOff, changes: p.changes }),
    ),
    resources: resources.map((r) => ({ id: r.id, kind: r.kind, locationId: o.location.id })),
    services: o.services.map((s) => ({ ...s.spec, eligibleProviderIds: providerIds.filter((id) => licensed(id, s.requiredCredentials)) })),
    providerSelection: o.providerSelection,
    occupancy: { providerBusy, resourceBusy, blocks, clientBusy },
  };
}
