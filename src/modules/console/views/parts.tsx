/** Small pieces shared by the console's pages. Times are shown in UTC: staff work across every spa's time zone. */
import type { Child } from 'hono/jsx';
import { Badge, Button, CsrfField, type BadgeTone } from '../../../ui/components.tsx';

const DAY = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
const DAY_TIME = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', hourCycle: 'h23' });

/** "Nov 27, 2026" */
export function formatDay(at: Date | string): string {
  return DAY.format(typeof at === 'string' ? new Date(`${at}T00:00:00Z`) : at);
}

/** "Nov 27, 2026, 14:05 UTC" */
export function formatDayTime(at: Date): string {
  return `${DAY_TIME.format(at)} UTC`;
}

export function When(props: { at: Date; withTime?: boolean }) {
  return (
    <time datetime={props.at.toISOString()} title={formatDayTime(props.at)}>
      {props.withTime ? formatDayTime(props.at) : formatDay(props.at)}
    </time>
  );
}

export function SpaStatusBadge(props: { status: string }) {
  if (props.status === 'active') return <Badge tone="success">Active</Badge>;
  if (props.status === 'suspended') return <Badge tone="warning">Suspended</Badge>;
  return <Badge>Terminated</Badge>;
}

/** A label and its value, in a definition list. */
export function Facts(props: { rows: readonly [label: string, value: Child][] }) {
  return (
    <dl class="console-facts">
      {props.rows.map(([label, value]) => (
        <div class="console-facts__row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * An action behind a second, explicit click: the summary opens what will happen and the real
 * button. Works without JavaScript.
 */
export function Confirm(props: { label: string; action: string; csrfToken: string; confirmLabel: string; tone?: 'danger' | 'primary'; open?: boolean; children?: Child; fields?: Child }) {
  const danger = (props.tone ?? 'danger') === 'danger';
  return (
    <details class={`console-confirm${danger ? ' console-confirm--danger' : ''}`} open={props.open}>
      <summary class={`btn btn--secondary${danger ? ' console-confirm__summary--danger' : ''}`}>{props.label}</summary>
      <div class="console-confirm__panel">
        {props.children ? <div class="console-confirm__text">{props.children}</div> : null}
        <form method="post" action={props.action} class="console-confirm__form">
          <CsrfField token={props.csrfToken} />
          {props.fields}
          <Button variant={danger ? 'danger' : 'primary'}>{props.confirmLabel}</Button>
        </form>
      </div>
    </details>
  );
}

/** A count with its noun: "1 spa", "3 spas". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function CountBadge(props: { n: number; tone?: BadgeTone }) {
  return <Badge tone={props.tone}>{props.n.toLocaleString('en-US')}</Badge>;
}
