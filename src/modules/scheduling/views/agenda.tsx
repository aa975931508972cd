/** Today's appointments on the first screen: who is coming, when, for what, and where things stand. */
import { Button, Card, EmptyState } from '../../../ui/components.tsx';
import { formatTime } from '../../../ui/format.ts';
import type { AgendaItem, LocationAgenda } from '../agenda.ts';
import { StatusBadge } from './appointment-page.tsx';

function AgendaLine(props: { item: AgendaItem; timeZone: string; where?: string }) {
  const i = props.item;
  return (
    <li class="item-list__item">
      <div>
        <strong>{formatTime(i.startsAt, props.timeZone)}</strong> <a href={`/appointments/${i.id}`}>{i.clientName}</a>
        <div class="item-list__meta">
          {i.services.join(' + ')}
          {props.where ? ` · ${props.where}` : i.providers.length ? ` · ${i.providers.join(', ')}` : ''}
        </div>
      </div>
      <StatusBadge status={i.status} />
    </li>
  );
}

/** A provider's own appointments today, at every location, first: what an injector opens the app for. */
function YourDay(props: { agendas: LocationAgenda[]; operatorId: string }) {
  const mine = props.agendas
    .flatMap((agenda) => agenda.items.filter((i) => i.providerIds.includes(props.operatorId)).map((item) => ({ item, agenda })))
    .sort((a, b) => a.item.startsAt.getTime() - b.item.startsAt.getTime());
  if (!mine.length) return null;
  const several = props.agendas.filter((a) => a.items.length).length > 1;
  return (
    <Card title="Your appointments today" description={`${mine.length} with you`}>
      <ul class="item-list">
        {mine.map(({ item, agenda }) => (
          <AgendaLine item={item} timeZone={agenda.timeZone} where={several ? agenda.locationName : ''} />
        ))}
      </ul>
    </Card>
  );
}

export function TodaysAgenda(props: { agendas: LocationAgenda[]; now: Date; operatorId: string }) {
  if (!props.agendas.length) return null;
  return (
    <section class="stack" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading" class="section-title">
        Today’s appointments
      </h2>
      <YourDay agendas={props.agendas} operatorId={props.operatorId} />
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
                    <AgendaLine item={i} timeZone={agenda.timeZone} />
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
