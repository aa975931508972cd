/** Prospects' rights requests: the list (overdue first, highlighted) and one request with its fulfilment. */
import type { Child } from 'hono/jsx';
import { Alert, Badge, Button, Card, CsrfField, EmptyState, Field, PageHeader, TextareaField } from '../../../ui/components.tsx';
import { daysLeft, isOverdue, RIGHTS_KIND_WORDS, type RightsRequestRow, type Submission } from '../rights-requests.ts';
import { Confirm, Facts, formatDay, formatDayTime, plural } from './parts.tsx';

function DueBadge(props: { request: RightsRequestRow; now: Date }) {
  const r = props.request;
  if (r.status === 'fulfilled') return <Badge tone="success">Fulfilled</Badge>;
  if (r.status === 'declined') return <Badge>Declined</Badge>;
  const left = daysLeft(r.dueOn, props.now);
  if (left < 0) return <Badge tone="danger">Overdue by {plural(-left, 'day')}</Badge>;
  if (left === 0) return <Badge tone="danger">Due today</Badge>;
  return <Badge tone={left <= 7 ? 'warning' : 'info'}>{plural(left, 'day')} left</Badge>;
}

function Subject(props: { request: RightsRequestRow }) {
  const r = props.request;
  if (r.prospectName === null) return <span class="muted">Submission deleted</span>;
  return (
    <span class="console-stack">
      <span>{r.prospectName}</span>
      <span class="muted text-sm">{r.spaName}</span>
    </span>
  );
}

export function RightsListPage(props: { rows: RightsRequestRow[]; show: 'open' | 'closed'; now: Date }) {
  const overdue = props.rows.filter((r) => isOverdue(r, props.now)).length;
  return (
    <div class="stack-lg">
      <PageHeader
        title="Rights requests"
        description="Prospects’ requests to see, correct, delete or export their demo request. Each must be answered within 30 days of when it was received. Open one from the demo request it concerns."
      />
      {props.show === 'open' && overdue ? (
        <Alert tone="error" title={`${plural(overdue, 'request')} overdue`}>
          The 30-day deadline has passed. Fulfil them, or decline them with the reason, today.
        </Alert>
      ) : null}
      <nav class="console-tabs" aria-label="Which requests">
        <a class="console-tabs__tab" href="/rights" aria-current={props.show === 'open' ? 'page' : undefined}>
          Open
        </a>
        <a class="console-tabs__tab" href="/rights?show=closed" aria-current={props.show === 'closed' ? 'page' : undefined}>
          Closed
        </a>
      </nav>
      {props.rows.length === 0 ? (
        <EmptyState title={props.show === 'open' ? 'Nothing open' : 'Nothing closed yet'} icon="check-circle">
          {props.show === 'open' ? 'Every prospect’s request has been answered.' : 'Fulfilled and declined requests appear here.'}
        </EmptyState>
      ) : (
        <div class="table-wrap">
          <table class="table console-table">
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Prospect</th>
                <th scope="col">Received</th>
                <th scope="col">{props.show === 'open' ? 'Due' : 'Closed'}</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr class={isOverdue(r, props.now) ? 'is-overdue' : undefined}>
                  <td data-label="Request">
                    <a href={`/rights/${r.id}`} class="console-strong-link">
                      {RIGHTS_KIND_WORDS[r.kind]}
                    </a>
                  </td>
                  <td data-label="Prospect">
                    <Subject request={r} />
                  </td>
                  <td data-label="Received">{formatDay(r.receivedOn)}</td>
                  <td data-label={props.show === 'open' ? 'Due' : 'Closed'}>{props.show === 'open' || !r.closedAt ? formatDay(r.dueOn) : formatDay(r.closedAt)}</td>
                  <td data-label="Status">
                    <DueBadge request={r} now={props.now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export interface RightsPageProps {
  request: RightsRequestRow;
  submission: Submission | null;
  now: Date;
  csrfToken: string;
  done?: string;
  error?: string;
  form?: { values?: Record<string, string>; errors?: Record<string, string> };
}

const DONE: Record<string, string> = {
  opened: 'Request opened. It is due 30 days after it was received.',
  fulfilled: 'Request fulfilled and recorded.',
  declined: 'Request declined and recorded.',
};

const HOW: Record<RightsRequestRow['kind'], string> = {
  access: 'Download the JSON below and send it to the prospect from the demo inbox, then record how you sent it.',
  export: 'Download the JSON below and send it to the prospect from the demo inbox, then record how you sent it.',
  correction: 'Change the details they asked to correct and save. Only the fields’ names are recorded in the trail, not their values.',
  deletion: 'Deleting removes the submission, its status and its notes for good. This record of the request stays, without their details.',
};

function closedRows(r: RightsRequestRow): [string, Child][] {
  if (!r.closedAt) return [];
  return [
    [r.status === 'fulfilled' ? 'Fulfilled' : 'Declined', `${r.closedBy}, ${formatDayTime(r.closedAt)}`],
    ['Outcome', <p class="console-message">{r.resolution}</p>],
  ];
}

export function RightsPage(props: RightsPageProps) {
  const r = props.request;
  const s = props.submission;
  const v = props.form?.values ?? {};
  const e = props.form?.errors ?? {};
  const open = r.status === 'open';
  return (
    <div class="stack-lg">
      <PageHeader
        eyebrow={<a href="/rights">← Rights requests</a>}
        title={RIGHTS_KIND_WORDS[r.kind]}
        description={
          <span class="cluster">
            <DueBadge request={r} now={props.now} />
            <span>{s ? `${s.name}, ${s.spaName}` : 'The submission no longer exists'}</span>
          </span>
        }
      />
      {props.done && DONE[props.done] ? <Alert tone="success">{DONE[props.done]}</Alert> : null}
      {props.error ? <Alert tone="error">{props.error}</Alert> : null}
      {open && isOverdue(r, props.now) ? (
        <Alert tone="error" title="Overdue">
          This request was due on {formatDay(r.dueOn)}. Answer it today.
        </Alert>
      ) : null}
      <div class="console-split">
        <Card title="The request">
          <Facts
            rows={[
              ['Asked to', RIGHTS_KIND_WORDS[r.kind]],
              ['Received', formatDay(r.receivedOn)],
              ['Due', formatDay(r.dueOn)],
              ['How it came in', r.details ? <p class="console-message">{r.details}</p> : <span class="muted">Not noted</span>],
              ['Opened', `${r.openedBy}, ${formatDayTime(r.openedAt)}`],
              ...closedRows(r),
              ['Submission', s ? <a href={`/demo-requests/${s.id}`}>Open the demo request</a> : <span class="muted">Deleted</span>],
            ]}
          />
        </Card>
        {open ? (
          <Card title="Fulfil" description={HOW[r.kind]}>
            {s === null && r.kind !== 'deletion' ? (
              <Alert tone="warning">The submission no longer exists (deleted on request or by retention). Decline the request and say so.</Alert>
            ) : r.kind === 'correction' && s ? (
              <form class="form" method="post" action={`/rights/${r.id}/correct`} novalidate>
                <CsrfField token={props.csrfToken} />
                <Field name="name" label="Name" value={v.name ?? s.name} required maxlength={120} error={e.name} autocomplete="off" />
                <Field name="email" type="email" label="Work email" value={v.email ?? s.email} required maxlength={254} error={e.email} autocomplete="off" spellcheck={false} />
                <Field name="phone" type="tel" label="Phone" value={v.phone ?? s.phone ?? ''} optional maxlength={30} error={e.phone} autocomplete="off" />
                <Field name="spa_name" label="Spa name" value={v.spa_name ?? s.spaName} required maxlength={160} error={e.spa_name} autocomplete="off" />
                <TextareaField name="resolution" label="What you did and how you told them" rows={3} maxlength={2000} value={v.resolution} error={e.resolution} required />
                <div class="form__actions">
                  <Button variant="primary">Save the correction</Button>
                </div>
              </form>
            ) : (
              <div class="stack">
                {(r.kind === 'access' || r.kind === 'export') && s ? (
                  <p>
                    <Button href={`/rights/${r.id}/export`} attrs={{ download: '' }}>
                      Download the JSON
                    </Button>
                  </p>
                ) : null}
                {r.kind === 'deletion' ? (
                  <Confirm
                    label="Delete the submission…"
                    action={`/rights/${r.id}/fulfil`}
                    csrfToken={props.csrfToken}
                    confirmLabel="Delete it for good"
                    open={Boolean(e.resolution)}
                    fields={<TextareaField name="resolution" label="How you told them" rows={2} maxlength={2000} value={v.resolution} error={e.resolution} required />}
                  >
                    {s ? `${s.name}’s demo request, its status and notes are deleted. This cannot be undone.` : 'The submission is already gone; this records the request as fulfilled.'}
                  </Confirm>
                ) : (
                  <form class="form" method="post" action={`/rights/${r.id}/fulfil`} novalidate>
                    <CsrfField token={props.csrfToken} />
                    <TextareaField name="resolution" label="How you sent it" rows={3} maxlength={2000} value={v.resolution} error={e.resolution} required hint="For example: emailed the JSON from the demo inbox on the day." />
                    <div class="form__actions">
                      <Button variant="primary">Mark as fulfilled</Button>
                    </div>
                  </form>
                )}
              </div>
            )}
            <div class="console-card-actions">
              <Confirm
                label="Decline…"
                action={`/rights/${r.id}/decline`}
                csrfToken={props.csrfToken}
                confirmLabel="Decline the request"
                open={Boolean(e.reason)}
                fields={<TextareaField name="reason" label="Why, as you told them" rows={2} maxlength={2000} value={v.reason} error={e.reason} required />}
              >
                Only when the request cannot be honoured, for example when you could not confirm it came from the prospect.
              </Confirm>
            </div>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
