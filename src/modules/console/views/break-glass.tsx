/** Break-glass in the console (SEC-9): the card on a spa's page, and the page that shows the one-time link. */
import { Alert, Badge, Button, Card, CsrfField, OneTimeCodeField, PageHeader, SelectField, TextareaField, type BadgeTone } from '../../../ui/components.tsx';
import { REASON_MAX, REASON_MIN, windowState, WINDOW_MINUTES, type WindowState } from '../../break-glass/window.ts';
import type { ConsoleWindow, OpenedWindow } from '../break-glass.ts';
import type { SpaDetail } from '../spas.ts';
import { formatDayTime } from './parts.tsx';

export interface BreakGlassFormState {
  values?: Record<string, string>;
  errors?: Record<string, string>;
}

const STATE: Record<WindowState, { label: string; tone: BadgeTone }> = {
  waiting: { label: 'Link not used yet', tone: 'warning' },
  open: { label: 'In use', tone: 'danger' },
  ended: { label: 'Ended early', tone: 'neutral' },
  expired: { label: 'Over', tone: 'neutral' },
};

const ENDED_BY: Record<string, string> = { operator: 'by the spa', staff: 'by Lumè staff', idle: 'after inactivity' };

function WindowList(props: { windows: readonly ConsoleWindow[]; now: Date }) {
  if (props.windows.length === 0) return <p class="muted">No break-glass access has been opened for this spa.</p>;
  return (
    <ol class="console-timeline">
      {props.windows.map((w) => {
        const state = windowState(w, props.now);
        return (
          <li class="console-timeline__item">
            <span class="console-timeline__what">
              {w.staffName} <Badge tone={STATE[state].tone}>{STATE[state].label}</Badge>
            </span>
            <span class="muted text-sm">
              {formatDayTime(w.openedAt)} → {formatDayTime(w.endedAt ?? w.endsAt)}
              {w.endedByKind ? ` · ended ${ENDED_BY[w.endedByKind] ?? ''}` : ''}
            </span>
            <span class="text-sm">{w.reason}</span>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * A spa's break-glass card: its recent windows for everyone who sees the spa, and the form for
 * those whose role may open one (support, admin).
 */
export function BreakGlassCard(props: { spa: SpaDetail; windows: readonly ConsoleWindow[]; now: Date; canOpen: boolean; csrfToken: string; form?: BreakGlassFormState }) {
  const v = props.form?.values ?? {};
  const e = props.form?.errors ?? {};
  const open = props.canOpen && props.spa.status === 'active';
  return (
    <Card
      id="break-glass"
      title="Break-glass access"
      description="Emergency, read-only access to this spa’s data, for a written reason and a short time. The spa is emailed at once and sees who, why and until when; every page opened is in its audit trail."
    >
      <div class="stack">
        {open ? (
          <form class="form" method="post" action={`/spas/${props.spa.id}/break-glass`} novalidate id="break-glass-form">
            <CsrfField token={props.csrfToken} />
            {e.form ? <Alert tone="error">{e.form}</Alert> : null}
            <TextareaField
              name="reason"
              label="Why you need access"
              value={v.reason}
              required
              rows={3}
              maxlength={REASON_MAX}
              error={e.reason}
              hint={`${REASON_MIN} to ${REASON_MAX.toLocaleString('en-US')} characters: the ticket and what you must check. The spa reads this; write no client’s details in it.`}
            />
            <SelectField
              name="minutes"
              label="For how long"
              options={WINDOW_MINUTES.map((m) => ({ value: String(m), label: `${m} minutes` }))}
              value={v.minutes ?? '30'}
              required
              error={e.minutes}
              hint="It ends by itself then; you can leave earlier, and the spa can end it at any time."
            />
            <OneTimeCodeField name="code" label="Your authenticator code, to confirm" error={e.code} autofocus={false} />
            <div class="form__actions">
              <Button variant="danger">Open break-glass access</Button>
            </div>
          </form>
        ) : props.canOpen ? (
          <p class="muted">This spa is not active, so its data cannot be opened.</p>
        ) : null}
        <WindowList windows={props.windows} now={props.now} />
      </div>
    </Card>
  );
}

/** After opening: the link, shown this once, and what the spa has been told. */
export function BreakGlassOpenedPage(props: { window: OpenedWindow; link: string; spaId: string }) {
  const w = props.window;
  return (
    <div class="stack-lg console-narrow">
      <PageHeader eyebrow={<a href={`/spas/${props.spaId}`}>← {w.spaName}</a>} title="Break-glass access is open" description={`Until ${formatDayTime(w.endsAt)} (${w.minutes} minutes).`} />
      <Alert tone="warning" title="This link works once, and only until the window ends">
        <p>Open it in this browser tab: it signs you in to {w.spaName}’s CRM, read only, with a banner on every page. Every page you open is recorded in the spa’s audit trail under your name. Leave with “End break-glass access now” when you are done.</p>
      </Alert>
      <p>
        <Button variant="primary" size="lg" href={props.link} id="break-glass-link" attrs={{ rel: 'noreferrer' }}>
          Open {w.spaName}’s CRM
        </Button>
      </p>
      <Card title="The spa has been told">
        <p>
          {w.adminContactName} ({w.adminContactEmail}) was emailed who you are, your reason and when the access ends. The spa’s owners and managers see it on their Today page and can end it at any time.
        </p>
      </Card>
    </div>
  );
}
