/** A provider's upcoming appointments, listed for reassignment (schedule page, deactivation). */
import { Badge } from '../../../ui/components.tsx';
import type { FutureAppointment } from '../future-appointments.ts';

const when = (a: FutureAppointment) =>
  new Intl.DateTimeFormat('en-US', { timeZone: a.timeZone, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(a.startsAt);

/** Each links to its page (to move it); `flag` marks those that need it most, e.g. "During time off". */
export function FutureAppointmentList(props: { appointments: FutureAppointment[]; empty?: string; flag?: (a: FutureAppointment) => string | null }) {
  if (!props.appointments.length) return <p class="muted">{props.empty ?? 'No upcoming appointments.'}</p>;
  return (
    <ul class="setup-list future-appointments" role="list">
      {props.appointments.map((a) => (
        <li class="setup-list__item">
          <span>
            <a href={`/appointments/${a.appointmentId}`}>
              <time datetime={a.startsAt.toISOString()}>{when(a)}</time>
            </a>{' '}
            · {a.serviceName}
            {a.clientName ? ` · ${a.clientName}` : ''} {props.flag?.(a) ? <Badge tone="warning">{props.flag(a)}</Badge> : null}
          </span>
          <span class="muted text-sm">
            {a.locationName}
            {a.status === 'checked_in' ? ' · checked in' : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
