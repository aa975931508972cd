/** Times on the audit screens, in the spa's timezone with the zone named. */

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, ...options });
    cache.set(key, f);
  }
  return f;
}

/** "Pacific Time", or the zone's id when the runtime has no name for it. */
export function zoneName(timeZone: string, at = new Date()): string {
  const part = formatter(timeZone, { timeZoneName: 'longGeneric' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** "Nov 28, 2026, 3:15:02 PM" */
export function dateTime(at: Date, timeZone: string): string {
  return formatter(timeZone, { dateStyle: 'medium', timeStyle: 'medium' }).format(at);
}

/** "Nov 28, 2026" */
export function shortDate(at: Date, timeZone: string): string {
  return formatter(timeZone, { dateStyle: 'medium' }).format(at);
}

/** "3:15:02 PM" */
export function clockTime(at: Date, timeZone: string): string {
  return formatter(timeZone, { timeStyle: 'medium' }).format(at);
}

/** "Friday, November 28, 2026" */
export function dayLabel(at: Date, timeZone: string): string {
  return formatter(timeZone, { dateStyle: 'full' }).format(at);
}

/**
 * A <time> element: machine-readable UTC in `datetime`, the spa's wall clock as text —
 * on one line, as the clock only, or as date and clock on two lines (narrow table cells).
 */
export function When(props: { at: Date; timeZone: string; format?: 'full' | 'clock' | 'stacked' }) {
  const iso = props.at.toISOString();
  if (props.format === 'stacked') {
    return (
      <time class="audit-when" datetime={iso}>
        <span class="audit-when__date">{shortDate(props.at, props.timeZone)}</span> <span class="audit-when__time">{clockTime(props.at, props.timeZone)}</span>
      </time>
    );
  }
  return <time datetime={iso}>{props.format === 'clock' ? clockTime(props.at, props.timeZone) : dateTime(props.at, props.timeZone)}</time>;
}
