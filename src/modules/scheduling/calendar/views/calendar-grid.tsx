import type { Arranged, CalendarColumn, PlacedBlock, PlacedCard } from '../arrange.ts';
import type { CalendarData } from '../calendar.ts';
import { clock, MINUTES_PER_ROW } from '../layout.ts';
import { hourLabel, minuteLabel } from '../../../../ui/clock.ts';
import { calendarSearch } from '../view-query.ts';

export const STATUS_NAMES: Record<string, string> = {
  booked: 'Booked',
  checked_in: 'Checked in',
  in_progress: 'In treatment',
  completed: 'Completed',
  no_show: 'No-show',
  cancelled: 'Cancelled',
};

const MINOR = { needs_guardian: 'Minor: no guardian', needs_authorization: 'Minor: not authorized' } as const;

const pos = (row: number, span: number) => `cal-at-${row} cal-len-${span}`;
const lane = (l: number, n: number) => (n > 1 ? ` cal-lane-${l} cal-lanes-${n}` : '');

/** "1 form unsigned", "2 forms unsigned". */
export const unsignedFormsLabel = (count: number) => `${count} ${count === 1 ? 'form' : 'forms'} unsigned`;

/** A flag as a roomy card writes it, and as a narrow one (a week of several lanes) does. */
type Flag = { key: string; label: string; short: string };

/** The flags a card shows, in the order it shows them. */
function flagsOf(card: PlacedCard): Flag[] {
  const a = card.appointment;
  const f = a.flags;
  const flags: Flag[] = [];
  if (f.newClient) flags.push({ key: 'new', label: 'New client', short: 'New' });
  if (f.allergies) flags.push({ key: 'allergy', label: 'Allergies', short: 'Allergy' });
  if (f.minor) flags.push({ key: 'minor', label: MINOR[f.minor], short: 'Minor' });
  if (f.unsignedForms) flags.push({ key: 'forms', label: unsignedFormsLabel(f.unsignedForms), short: `${f.unsignedForms} ${f.unsignedForms === 1 ? 'form' : 'forms'}` });
  if (a.walkIn) flags.push({ key: 'walkin', label: 'Walk-in', short: 'Walk-in' });
  return flags;
}

function Flags(props: { flags: Flag[] }) {
  if (!props.flags.length) return null;
  return (
    <ul class="cal-flags" aria-label="Flags">
      {props.flags.map((flag) =>
        flag.short === flag.label ? (
          <li class={`cal-flag cal-flag--${flag.key}`}>{flag.label}</li>
        ) : (
          <li class={`cal-flag cal-flag--${flag.key}`} title={flag.label}>
            <span class="cal-flag__long">{flag.label}</span>
            <span class="cal-flag__short">{flag.short}</span>
          </li>
        ),
      )}
    </ul>
  );
}

function Card(props: { card: PlacedCard; column: CalendarColumn; canMove: boolean }) {
  const { card } = props;
  const a = card.appointment;
  const status = STATUS_NAMES[a.status] ?? a.status;
  const movable = props.canMove && (a.status === 'booked' || a.status === 'checked_in');
  const flags = flagsOf(card);
  return (
    <article
      class={`cal-card cal-card--${a.status} ${pos(card.row, card.span)}${lane(card.lane, card.lanes)}`}
      data-appointment={a.id}
      data-draggable={movable ? 'true' : undefined}
      data-offset={Math.round((card.partStart.getTime() - a.start.getTime()) / 60_000)}
      data-line-providers={a.lines.map((l) => l.providerId).join(',')}
      aria-label={`${card.time} ${a.clientName}, ${card.serviceNames.join(' then ')}, ${status}${flags.map((f) => `, ${f.label}`).join('')}`}
    >
      <p class="cal-card__time">
        {card.time} <span class="cal-card__status">{status}</span>
      </p>
      <div class="cal-card__who">
        <a class="cal-card__client" href={`/appointments/${a.id}`}>
          {a.clientName}
        </a>
        <Flags flags={flags} />
      </div>
      <p class="cal-card__services">{card.serviceNames.join(' → ')}</p>
      {card.detail ? <p class="cal-card__detail">{card.detail}</p> : null}
      {movable ? (
        <a class="cal-card__move" href={`/appointments/${a.id}/move`}>
          Move…<span class="visually-hidden"> {a.clientName}’s appointment</span>
        </a>
      ) : null}
    </article>
  );
}

function Block(props: { block: PlacedBlock }) {
  const b = props.block;
  return (
    <div class={`cal-block ${pos(b.row, b.span)}${lane(b.lane, b.lanes)}`}>
      <span class="cal-block__time">
        {b.time}
      </span>{' '}
      {b.reason}
    </div>
  );
}

function Column(props: { column: CalendarColumn; arranged: Arranged; data: CalendarData; canBook: boolean; canMove: boolean; announceNow: boolean }) {
  const { column, arranged, data } = props;
  const isToday = column.date === arranged.today;
  const slots: number[] = [];
  for (let m = arranged.window.startMinute; m < arranged.window.endMinute; m += 30) slots.push(m);
  const book = (m: number) => {
    const params = new URLSearchParams({ location: data.location.id, date: column.date, time: clock(m) });
    if (column.providerId) params.set('provider', column.providerId);
    return `/calendar/book?${params}`;
  };
  return (
    <section class={`cal-col${isToday ? ' cal-col--today' : ''}`} aria-label={column.label}>
      <h2 class="cal-col__head">{column.label}</h2>
      <div class="cal-col__body" data-date={column.date} data-provider={column.providerId ?? undefined} data-start-minute={arranged.window.startMinute} data-rows={arranged.rows}>
        <div class={`cal-end cal-at-${arranged.rows}`} aria-hidden="true"></div>
        {column.open.map((o) => (
          <div class={`cal-open ${pos(o.row, o.span)}`} aria-hidden="true"></div>
        ))}
        {props.canBook
          ? slots.map((m) => (
              <a class={`cal-slot ${pos((m - arranged.window.startMinute) / MINUTES_PER_ROW + 1, 30 / MINUTES_PER_ROW)}`} href={book(m)} tabindex={-1}>
                <span class="visually-hidden">
                  Book {column.label} at {minuteLabel(m)}
                </span>
              </a>
            ))
          : null}
        {isToday && arranged.nowRow ? (
          <div class={`cal-now cal-at-${arranged.nowRow}`} role="presentation">
            {props.announceNow ? <span class="visually-hidden">Now, {arranged.nowTime}</span> : null}
          </div>
        ) : null}
        {column.items.map((item) => (item.kind === 'appointment' ? <Card card={item} column={column} canMove={props.canMove} /> : <Block block={item} />))}
      </div>
    </section>
  );
}

/**
 * The grid, also the polled fragment: htmx replaces it every 20 s with a request marked
 * X-Lume-Background so that a calendar left open does not keep its session alive (§6a).
 */
export function CalendarGrid(props: { data: CalendarData; arranged: Arranged; canBook: boolean; canMove: boolean }) {
  const { data, arranged } = props;
  const hours: number[] = [];
  for (let m = arranged.window.startMinute; m < arranged.window.endMinute; m += 60) hours.push(m);
  const empty = arranged.columns.length === 0;
  return (
    <div
      id="calendar-grid"
      class={`cal cal--${data.query.view}`}
      hx-get={`/calendar/grid?${calendarSearch({ ...data.query, location: data.location.id })}`}
      hx-trigger="every 20s, calendar-refresh"
      hx-swap="outerHTML"
      hx-headers='{"X-Lume-Background": "1"}'
      data-calendar
      data-by={data.query.by}
      data-view={data.query.view}
    >
      {empty ? (
        <p class="cal-empty">
          {data.query.by === 'room' ? 'This location has no rooms or devices yet.' : 'Nobody works at this location that day, and nothing is booked.'}
        </p>
      ) : (
        <div class="cal-scroll">
          <div class="cal-gutter" aria-hidden="true">
            <div class="cal-col__head"></div>
            <div class="cal-col__body">
              <div class={`cal-end cal-at-${arranged.rows}`}></div>
              {hours.map((m) => (
                <span class={`cal-hour ${pos((m - arranged.window.startMinute) / MINUTES_PER_ROW + 1, 12)}`}>{hourLabel(m)}</span>
              ))}
            </div>
          </div>
          {arranged.columns.map((column, i) => (
            <Column
              column={column}
              arranged={arranged}
              data={data}
              canBook={props.canBook}
              canMove={props.canMove}
              announceNow={column.date === arranged.today && arranged.columns.findIndex((c) => c.date === arranged.today) === i}
            />
          ))}
        </div>
      )}
    </div>
  );
}
