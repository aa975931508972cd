/** Settings → Locations: every location with its hours, rooms, devices and next closure. */
import { Alert, Badge, Button, EmptyState, PageHeader } from '../../../ui/components.tsx';
import { formatDay } from '../../../ui/format.ts';
import { hoursSummary } from '../hours.ts';
import type { LocationSummary } from '../locations.ts';

export function closureDates(c: { startsOn: string; endsOn: string }): string {
  return c.startsOn === c.endsOn ? formatDay(c.startsOn) : `${formatDay(c.startsOn)} – ${formatDay(c.endsOn)}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function LocationsPage(props: { locations: LocationSummary[]; notice?: string }) {
  return (
    <div class="stack-lg">
      <PageHeader
        title="Locations"
        description="Where the spa works: each location’s time zone, opening hours, closures, rooms and devices."
        actions={
          <Button variant="primary" href="/settings/locations/new">
            Add a location
          </Button>
        }
      />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      {props.locations.length ? (
        <ul class="setup-cards" role="list">
          {props.locations.map((loc) => (
            <li class="card setup-card">
              <div class="card__body stack">
                <div class="setup-card__head">
                  <h2 class="setup-card__title">
                    <a href={`/settings/locations/${loc.id}`}>{loc.name}</a>
                  </h2>
                  {loc.active ? null : <Badge>Inactive</Badge>}
                </div>
                <p class="muted text-sm">
                  {[loc.addressLine1, loc.city, loc.region].filter(Boolean).join(', ') || 'No address yet'} · {loc.timezone.replace(/_/g, ' ')}
                </p>
                <dl class="week-summary">
                  {hoursSummary(loc.businessHours).map((d) => (
                    <div class="week-summary__day">
                      <dt>{d.day}</dt>
                      <dd class={d.text === 'Closed' ? 'muted' : undefined}>{d.text}</dd>
                    </div>
                  ))}
                </dl>
                <p class="text-sm">
                  {plural(loc.rooms, 'room', 'rooms')} · {plural(loc.devices, 'device', 'devices')}
                  {loc.nextClosure ? ` · next closure ${closureDates(loc.nextClosure)}${loc.nextClosure.reason ? ` (${loc.nextClosure.reason})` : ''}` : ''}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="No locations yet" action={<Button variant="primary" href="/settings/locations/new">Add a location</Button>}>
          Add the spa’s first location to set its hours, rooms and devices.
        </EmptyState>
      )}
    </div>
  );
}
