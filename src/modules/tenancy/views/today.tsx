import type { Child } from 'hono/jsx';
import { Badge, Card, PageHeader } from '../../../ui/components.tsx';

export interface TodayLocation {
  id: string;
  name: string;
  timezone: string;
  city: string;
  rooms: string[];
  devices: string[];
}

/** The first screen after sign-in: who you are here, the day's appointments (for those who see the calendar) and the spa's places. */
export function TodayPage(props: { firstName: string; roles: string[]; locations: TodayLocation[]; agenda?: Child }) {
  return (
    <div class="stack-lg">
      <PageHeader title={`Welcome, ${props.firstName}`} description={<>Signed in as {props.roles.join(' · ')}.</>} />
      {props.agenda}
      <section class="stack" aria-labelledby="locations-heading">
        <h2 id="locations-heading" class="section-title">Locations</h2>
        <div class="card-grid">
          {props.locations.map((loc) => (
            <Card title={loc.name} description={`${loc.city} · ${loc.timezone.replace('_', ' ')}`}>
              <ul class="resource-list">
                {loc.rooms.map((room) => (
                  <li>
                    <Badge tone="neutral">Room</Badge> {room}
                  </li>
                ))}
                {loc.devices.map((device) => (
                  <li>
                    <Badge tone="info">Device</Badge> {device}
                  </li>
                ))}
              </ul>
            </Card>
          ))}
        </div>
      </section>
    </div>
  );
}
