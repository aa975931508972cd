/**
 * A small set of line icons drawn for Lumè on a 24×24 grid. They inherit the text colour
 * and are hidden from screen readers: the text beside an icon always carries the meaning.
 */
import type { Child } from 'hono/jsx';

export type IconName =
  | 'calendar'
  | 'chart'
  | 'signature'
  | 'card'
  | 'bell'
  | 'report'
  | 'shield'
  | 'lock'
  | 'database'
  | 'code'
  | 'eye-off'
  | 'document'
  | 'check'
  | 'check-circle'
  | 'info'
  | 'warning'
  | 'error'
  | 'arrow-right'
  | 'inbox'
  | 'user';

const shapes: Record<IconName, Child> = {
  calendar: (
    <>
      <rect x="3.5" y="5" width="17" height="15.5" rx="2.5" />
      <path d="M3.5 10h17M8 3v4M16 3v4" />
    </>
  ),
  chart: (
    <>
      <rect x="5" y="4.5" width="14" height="16.5" rx="2" />
      <rect x="9" y="2.75" width="6" height="3.5" rx="1" />
      <path d="M8.75 11h6.5M8.75 15h4" />
    </>
  ),
  signature: (
    <>
      <path d="M15 4.75l4.25 4.25L9.5 18.75H5.25V14.5z" />
      <path d="M12.75 7l4.25 4.25M13 20.5h7" />
    </>
  ),
  card: (
    <>
      <rect x="2.75" y="5.5" width="18.5" height="13" rx="2.25" />
      <path d="M2.75 10h18.5M6.5 14.75h3.5" />
    </>
  ),
  bell: (
    <>
      <path d="M6 16.5v-5a6 6 0 0 1 12 0v5l1.5 2h-15z" />
      <path d="M10 21a2.2 2.2 0 0 0 4 0" />
    </>
  ),
  report: <path d="M3.5 20.5h17M6.5 20.5v-7M11.5 20.5V6M16.5 20.5v-10" />,
  shield: (
    <>
      <path d="M12 3l7.5 3v5.5c0 4.4-3.1 7.9-7.5 9.5-4.4-1.6-7.5-5.1-7.5-9.5V6z" />
      <path d="M8.75 12l2.25 2.25 4.25-4.5" />
    </>
  ),
  lock: (
    <>
      <rect x="4.75" y="10.5" width="14.5" height="10" rx="2.25" />
      <path d="M8 10.5V8a4 4 0 0 1 8 0v2.5M12 14.5v2" />
    </>
  ),
  database: (
    <>
      <ellipse cx="12" cy="6" rx="7" ry="2.75" />
      <path d="M5 6v12c0 1.5 3.1 2.75 7 2.75s7-1.25 7-2.75V6" />
      <path d="M5 12c0 1.5 3.1 2.75 7 2.75s7-1.25 7-2.75" />
    </>
  ),
  code: <path d="M8.5 7.5L4 12l4.5 4.5M15.5 7.5L20 12l-4.5 4.5M13.25 5l-2.5 14" />,
  'eye-off': (
    <>
      <path d="M2.75 12c2.1-3.9 5.3-6 9.25-6s7.15 2.1 9.25 6c-2.1 3.9-5.3 6-9.25 6s-7.15-2.1-9.25-6z" />
      <circle cx="12" cy="12" r="2.75" />
      <path d="M4.5 19.5l15-15" />
    </>
  ),
  document: (
    <>
      <path d="M6 3h8.25L18.5 7.25V21H6z" />
      <path d="M14 3v4.5h4.5M9 12h6M9 16h6" />
    </>
  ),
  check: <path d="M5 12.5l4.5 4.5L19 7.5" />,
  'check-circle': (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M8 12.25l2.75 2.75L16.25 9.5" />
    </>
  ),
  info: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 11v5.5M12 7.75v.01" />
    </>
  ),
  warning: (
    <>
      <path d="M10.3 4.2a2 2 0 0 1 3.4 0l7.6 13a2 2 0 0 1-1.7 3H4.4a2 2 0 0 1-1.7-3z" />
      <path d="M12 9.5v4.5M12 17.25v.01" />
    </>
  ),
  error: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7.5v5.5M12 16.25v.01" />
    </>
  ),
  'arrow-right': <path d="M4.5 12h15M13.5 6l6 6-6 6" />,
  inbox: (
    <>
      <path d="M3.5 13.5l2.6-7.1A2 2 0 0 1 8 5h8a2 2 0 0 1 1.9 1.4l2.6 7.1V19a1.5 1.5 0 0 1-1.5 1.5H5A1.5 1.5 0 0 1 3.5 19z" />
      <path d="M3.5 13.5h4.75l1.25 2.25h5l1.25-2.25h4.75" />
    </>
  ),
  user: (
    <>
      <circle cx="12" cy="8.5" r="4" />
      <path d="M4.5 20.5c1.2-3.6 4.1-5.5 7.5-5.5s6.3 1.9 7.5 5.5" />
    </>
  ),
};

export function Icon(props: { name: IconName; class?: string }) {
  return (
    <svg
      class={props.class}
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.75"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {shapes[props.name]}
    </svg>
  );
}
