import { DateTime } from 'luxon';
import { buttonClass, PageHeader } from '../../../../ui/components.tsx';
import type { Arranged } from '../arrange.ts';
import type { CalendarData } from '../calendar.ts';
import { calendarSearch, navigation } from '../view-query.ts';
import { CalendarGrid, STATUS_NAMES } from './calendar-grid.tsx';

function title(data: CalendarData): string {
  const first = DateTime.fromISO(data.days[0]!);
  // Written the US way, as every other date in the product: "Monday, November 30, 2026", "Nov 30 – Dec 6, 2026".
  if (data.query.view === 'day') return first.toFormat('cccc, LLLL d, yyyy');
  const last = DateTime.fromISO(data.days[data.days.length - 1]!);
  return `${first.toFormat('LLL d')} – ${last.toFormat('LLL d, yyyy')}`;
}

function Toggle(props: { data: CalendarData; options: { label: string; change: Record<string, string> }[]; current: string; label: string }) {
  return (
    <nav class="cal-toggle" aria-label={props.label}>
      {props.options.map((o) => {
        const href = `/calendar?${calendarSearch({ ...props.data.query, location: props.data.location.id }, o.change)}`;
        const current = Object.values(o.change)[0] === props.current;
        return (
          <a class={`cal-toggle__item${current ? ' is-current' : ''}`} href={href} aria-current={current ? 'page' : undefined}>
            {o.label}
          </a>
        );
      })}
    </nav>
  );
}

export function CalendarPage(props: { data: CalendarData; arranged: Arranged; canBook: boolean; canMove: boolean; csrfToken: string }) {
  const { data, arranged } = props;
  const q = { ...data.query, location: data.location.id };
  const nav = navigation(q, arranged.today);
  const walkIn = new URLSearchParams({ location: data.location.id, walk_in: '1' });
  const book = new URLSearchParams({ location: data.location.id, date: data.days[0]! >= arranged.today || data.query.view === 'day' ? data.query.date : arranged.today });
  return (
    <div class="calendar-page" data-csrf={props.csrfToken}>
      <PageHeader
        title="Calendar"
        description={`${data.location.name} · times in ${data.location.timeZone.replace('_', ' ')}`}
        actions={
          props.canBook ? (
            <>
              <a class={buttonClass('secondary')} href={`/calendar/block?${new URLSearchParams({ location: data.location.id, date: data.query.date })}`}>
                Block time
              </a>
              <a class={buttonClass('secondary')} href={`/calendar/book?${walkIn}`}>
                Walk-in
              </a>
              <a class={buttonClass('primary')} href={`/calendar/book?${book}`}>
                Book appointment
              </a>
            </>
          ) : undefined
        }
      />
      <div class="cal-toolbar">
        <nav class="cal-nav" aria-label="Dates">
          <a class={buttonClass('secondary', 'sm')} href={`/calendar?${nav.prev}`} rel="prev">
            ‹ <span class="visually-hidden">Previous {data.query.view}</span>
          </a>
          <a class={buttonClass('secondary', 'sm')} href={`/calendar?${nav.today}`}>
            Today
          </a>
          <a class={buttonClass('secondary', 'sm')} href={`/calendar?${nav.next}`} rel="next">
            › <span class="visually-hidden">Next {data.query.view}</span>
          </a>
          <h2 class="cal-title">{title(data)}</h2>
        </nav>
        <Toggle
          data={data}
          label="View"
          current={data.query.view}
          options={[
            { label: 'Day', change: { view: 'day' } },
            { label: 'Week', change: { view: 'week' } },
          ]}
        />
        <Toggle
          data={data}
          label="Group by"
          current={data.query.by}
          options={[
            { label: 'Providers', change: { by: 'provider' } },
            { label: 'Rooms', change: { by: 'room' } },
          ]}
        />
        {data.locations.length > 1 ? (
          <form class="cal-location" method="get" action="/calendar">
            <input type="hidden" name="view" value={data.query.view} />
            <input type="hidden" name="date" value={data.query.date} />
            <input type="hidden" name="by" value={data.query.by} />
            <label class="visually-hidden" for="cal-location">
              Location
            </label>
            <select class="select" id="cal-location" name="location">
              {data.locations.map((l) => (
                <option value={l.id} selected={l.id === data.location.id}>
                  {l.name}
                </option>
              ))}
            </select>
            <button class={buttonClass('secondary', 'sm')} type="submit">
              Show
            </button>
          </form>
        ) : null}
      </div>
      <ul class="cal-legend" aria-label="Colours">
        {['booked', 'checked_in', 'in_progress', 'completed', 'no_show'].map((s) => (
          <li class={`cal-legend__item cal-card--${s}`}>{STATUS_NAMES[s]}</li>
        ))}
      </ul>
      <p id="calendar-message" class="cal-message" role="status" aria-live="polite"></p>
      <CalendarGrid data={data} arranged={arranged} canBook={props.canBook} canMove={props.canMove} />
    </div>
  );
}
