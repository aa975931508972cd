import { Badge, Button, Card, CsrfField, type BadgeTone } from '../../../ui/components.tsx';
import type { WindowSummary } from '../service.ts';
import { dayAndTime, RECENT_DAYS_LABEL, windowState, type WindowState } from '../window.ts';

const STATE: Record<WindowState, { label: string; tone: BadgeTone }> = {
  waiting: { label: 'Open, link not used yet', tone: 'warning' },
  open: { label: 'In use now', tone: 'danger' },
  ended: { label: 'Ended early', tone: 'neutral' },
  expired: { label: 'Over', tone: 'neutral' },
};

function howItEnded(w: WindowSummary): string | null {
  if (w.endedByKind === 'operator') return `Ended by ${w.endedByName ?? 'a staff member'}`;
  if (w.endedByKind === 'staff') return `Ended by ${w.staffName}`;
  if (w.endedByKind === 'idle') return 'Ended after inactivity';
  return null;
}

/**
 * The spa's side of break-glass (SEC-9), on the Today page of those who read the audit trail:
 * each recent window with who, why and when; those who manage settings may end an open one.
 */
export function BreakGlassWindows(props: { windows: readonly WindowSummary[]; now: Date; timeZone: string; canEnd: boolean; csrfToken: string }) {
  if (props.windows.length === 0) return null;
  const active = props.windows.some((w) => ['waiting', 'open'].includes(windowState(w, props.now)));
  return (
    <Card
      id="break-glass"
      class={active ? 'break-glass-windows break-glass-windows--active' : 'break-glass-windows'}
      title={active ? 'Lumè support has break-glass access to your spa now' : 'Lumè break-glass access'}
      description={`Emergency, read-only access by Lumè staff in the last ${RECENT_DAYS_LABEL}. Every page they opened is in the audit trail under their name.`}
      actions={
        <Button variant="secondary" size="sm" href="/audit?person=staff">
          See what they opened
        </Button>
      }
    >
      <ul class="stack break-glass-list">
        {props.windows.map((w) => {
          const state = windowState(w, props.now);
          const ended = howItEnded(w);
          return (
            <li class="stack-sm break-glass-list__item" data-break-glass-window={w.id}>
              <div class="cluster">
                <strong>{w.staffName}</strong>
                <Badge tone={STATE[state].tone}>{STATE[state].label}</Badge>
              </div>
              <p class="muted text-sm">
                From {dayAndTime(w.openedAt, props.timeZone)} until {dayAndTime(w.endedAt && w.endedAt < w.endsAt ? w.endedAt : w.endsAt, props.timeZone)}
                {ended ? ` · ${ended}` : ''}
              </p>
              <blockquote class="break-glass-reason">{w.reason}</blockquote>
              {props.canEnd && (state === 'waiting' || state === 'open') ? (
                <form method="post" action={`/break-glass/${w.id}/end`} class="cluster">
                  <CsrfField token={props.csrfToken} />
                  <Button variant="danger" size="sm">
                    End this access now
                  </Button>
                </form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
