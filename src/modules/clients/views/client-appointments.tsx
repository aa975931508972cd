/** The record's Appointments tab: what is coming, then what happened, each linked to its page. */
import { Button, EmptyState } from '../../../ui/components.tsx';
import { StatusBadge } from '../../scheduling/views/appointment-page.tsx';
import type { ClientAccess } from '../access.ts';
import type { ClientAppointment } from '../appointments.ts';
import type { ClientRecord } from '../records.ts';
import { ClientHeader } from './client-header.tsx';

const when = (a: ClientAppointment) =>
  new Intl.DateTimeFormat('en-US', { timeZone: a.timeZone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' }).format(a.startsAt);

function List(props: { title: string; items: ClientAppointment[] }) {
  if (!props.items.length) return null;
  return (
    <section class="stack-sm" aria-label={props.title}>
      <h2 class="section-title">{props.title}</h2>
      <ul class="item-list">
        {props.items.map((a) => (
          <li class="item-list__item">
            <div>
              <a href={`/appointments/${a.id}`}>
                <strong>{a.services.join(' + ') || 'Appointment'}</strong>
              </a>{' '}
              <StatusBadge status={a.status} />
              <div class="item-list__meta">
                {when(a)} · {a.locationName}
                {a.providers.length ? ` · with ${a.providers.join(', ')}` : ''}
                {a.cancelReason ? ` · ${a.cancelReason}` : ''}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ClientAppointmentsPage(props: { record: ClientRecord; access: ClientAccess; appointments: ClientAppointment[]; now: Date; canBook: boolean }) {
  const upcoming = props.appointments.filter((a) => a.startsAt >= props.now && (a.status === 'booked' || a.status === 'checked_in')).reverse();
  const past = props.appointments.filter((a) => !upcoming.includes(a));
  return (
    <div class="stack-lg">
      <ClientHeader record={props.record} access={props.access} tab="appointments" />
      {props.canBook ? (
        <div class="btn-row">
          <Button variant="primary" href={`/calendar`}>
            Book from the calendar
          </Button>
        </div>
      ) : null}
      {props.appointments.length === 0 ? (
        <EmptyState title="No appointments yet">Appointments booked for this client will be listed here.</EmptyState>
      ) : (
        <>
          <List title="Coming up" items={upcoming} />
          <List title="Past and cancelled" items={past} />
        </>
      )}
    </div>
  );
}
