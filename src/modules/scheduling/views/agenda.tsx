/** Today's appointments on the first screen: who is coming, when, for what, and where things stand. */
import { Button, Card, EmptyState } from '../../../ui/components.tsx';
import { formatTime } from '../../../ui/format.ts';
import type { LocationAgenda } from '../agenda.ts';
import { StatusBadge } from './appointment-page.tsx';


export function TodaysAgenda(props: { agendas: LocationAgenda[]; now: Date }) {
  if (!props.agendas.length) return null;
  return (
    <section class="stack" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading" class="section-title">
        Today’s appointments
      </h2>
      <div class="card-grid card-grid--wide">
        {props.agendas.map((agenda) => {
          const left = agenda.items.filter((i) => i.status === 'booked' || i.status === 'checked_in').length;
          return (
            <Card
              title={agenda.locationName}
              description={agenda.items.length ? `${agenda.items.length} today · ${left} still to come or waiting` : 'Nothing booked today'}
              actions={
                <Button size="sm" href={`/calendar?location=${agenda.locationId}&date=${agenda.day}`}>
                  Open the calendar
                </Button>
              }
            >
              {agenda.items.length === 0 ? (
                <EmptyState title="A quiet day" headingLevel={3}>
                  Walk-ins and new bookings will show here.
                </EmptyState>
              ) : (
                <ul class="item-list">
                  {agenda.items.map((i) => (
                    <li class="item-list__item">
                      <div>
                        <strong>{formatTime(i.startsAt, agenda.timeZone)}</strong> <a href={`/appointments/${i.id}`}>{i.clientName}</a>
                        <div class="item-list__meta">
                          {i.services.join(' + ')}
                          {i.providers.length ? ` · ${i.providers.join(', ')}` : ''}
                        </div>
                      </div>
                      <StatusBadge status={i.status} />
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          );
        })}
      </div>
    </section>
  );
}
