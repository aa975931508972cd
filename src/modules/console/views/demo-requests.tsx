/** Demo requests in the console: the searchable list and one request with its status, notes and rights requests. */
import { Alert, Badge, Button, Card, CsrfField, EmptyState, Field, PageHeader, SelectField, TextareaField, type BadgeTone } from '../../../ui/components.tsx';
import { DEMO_PAGE_SIZE, DEMO_STATUS_WORDS, DEMO_STATUSES, type DemoFilter, type DemoNote, type DemoRequestDetail, type DemoRequestRow, type DemoStatus } from '../demo-requests.ts';
import { daysLeft, isOverdue, RIGHTS_KIND_WORDS, RIGHTS_KINDS, type RightsRequestRow } from '../rights-requests.ts';
import { formatDay, formatDayTime, plural, When } from './parts.tsx';

const STATUS_TONES: Record<DemoStatus, BadgeTone> = {
  new: 'info',
  contacted: 'accent',
  demo_scheduled: 'warning',
  converted: 'success',
  closed: 'neutral',
};

export function DemoStatusBadge(props: { status: DemoStatus }) {
  return <Badge tone={STATUS_TONES[props.status]}>{DEMO_STATUS_WORDS[props.status]}</Badge>;
}

export function platformWords(platform: string, other: string | null, labels: Record<string, string>): string {
  if (platform === 'other') return other ? `Other: ${other}` : 'Other';
  return labels[platform] ?? platform;
}

function query(filter: Partial<DemoFilter>): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.status) params.set('status', filter.status);
  if (filter.page && filter.page > 1) params.set('page', String(filter.page));
  const s = params.toString();
  return s ? `/demo-requests?${s}` : '/demo-requests';
}

export interface DemoListProps {
  rows: DemoRequestRow[];
  total: number;
  counts: Record<DemoStatus, number>;
  filter: DemoFilter;
  platforms: Record<string, string>;
  rights: { open: number; overdue: number } | null;
  error?: string;
}

export function DemoRequestsPage(props: DemoListProps) {
  const { filter } = props;
  const all = Object.values(props.counts).reduce((a, b) => a + b, 0);
  const pages = Math.max(1, Math.ceil(props.total / DEMO_PAGE_SIZE));
  return (
    <div class="stack-lg">
      <PageHeader
        title="Demo requests"
        description="Everyone who asked for a demo on the website. Submissions are deleted automatically 24 months after they arrive unless the prospect became a customer."
      />
      {props.rights?.overdue ? (
        <Alert tone="error" title="Overdue rights requests">
          {plural(props.rights.overdue, 'prospect request is', 'prospect requests are')} past the 30-day deadline. <a href="/rights">Handle them now</a>.
        </Alert>
      ) : props.rights?.open ? (
        <Alert tone="info">
          {plural(props.rights.open, 'rights request is', 'rights requests are')} open. <a href="/rights">See them</a>.
        </Alert>
      ) : null}
      <nav class="console-tabs" aria-label="Filter by status">
        <a class="console-tabs__tab" href={query({ q: filter.q })} aria-current={filter.status === '' ? 'page' : undefined}>
          All <span class="console-tabs__count">{all}</span>
        </a>
        {DEMO_STATUSES.map((s) => (
          <a class="console-tabs__tab" href={query({ q: filter.q, status: s })} aria-current={filter.status === s ? 'page' : undefined}>
            {DEMO_STATUS_WORDS[s]} <span class="console-tabs__count">{props.counts[s]}</span>
          </a>
        ))}
      </nav>
      <form class="console-search" method="get" action="/demo-requests" role="search">
        {filter.status ? <input type="hidden" name="status" value={filter.status} /> : null}
        <Field name="q" type="search" label="Search by name, email or spa" value={filter.q} maxlength={100} error={props.error} autocomplete="off" spellcheck={false} class="console-search__field" />
        <Button variant="secondary">Search</Button>
        {filter.q ? (
          <Button variant="link" href={query({ status: filter.status })}>
            Clear
          </Button>
        ) : null}
      </form>
      {props.rows.length === 0 ? (
        <EmptyState title={filter.q || filter.status ? 'No request matches' : 'No demo requests yet'} icon="inbox">
          {filter.q || filter.status ? 'Try another search or status.' : 'Requests sent from the website’s demo form appear here.'}
        </EmptyState>
      ) : (
        <>
          <div class="table-wrap">
            <table class="table console-table">
              <thead>
                <tr>
                  <th scope="col">Prospect</th>
                  <th scope="col">Spa</th>
                  <th scope="col">Uses today</th>
                  <th scope="col">Status</th>
                  <th scope="col">Received</th>
                </tr>
              </thead>
              <tbody>
                {props.rows.map((r) => (
                  <tr>
                    <td data-label="Prospect">
                      <span class="console-stack">
                        <a href={`/demo-requests/${r.id}`} class="console-strong-link">
                          {r.name}
                        </a>
                        <span class="muted text-sm">{r.email}</span>
                      </span>
                    </td>
                    <td data-label="Spa" class="console-wrap">
                      <span class="console-stack">
                        <span>{r.spaName}</span>
                        <span class="muted text-sm">
                          {plural(r.locations, 'location')} · {plural(r.providers, 'provider')}
                        </span>
                      </span>
                    </td>
                    <td data-label="Uses today">{platformWords(r.platform, r.platformOther, props.platforms)}</td>
                    <td data-label="Status">
                      <span class="console-stack console-stack--inline">
                        <DemoStatusBadge status={r.status} />
                        {r.openRights ? <Badge tone="danger">Rights request</Badge> : null}
                        {r.notes ? <span class="muted text-sm">{plural(r.notes, 'note')}</span> : null}
                      </span>
                    </td>
                    <td data-label="Received">
                      <When at={r.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 ? (
            <nav class="console-pager" aria-label="Pages">
              {filter.page > 1 ? <Button href={query({ ...filter, page: filter.page - 1 })}>← Newer</Button> : <span />}
              <span class="muted text-sm">
                Page {filter.page} of {pages} · {plural(props.total, 'request')}
              </span>
              {filter.page < pages ? <Button href={query({ ...filter, page: filter.page + 1 })}>Older →</Button> : <span />}
            </nav>
          ) : (
            <p class="muted text-sm">{plural(props.total, 'request')}</p>
          )}
        </>
      )}
    </div>
  );
}

export interface DemoRequestPageProps {
  request: DemoRequestDetail;
  notes: DemoNote[];
  rights: RightsRequestRow[];
  platforms: Record<string, string>;
  canManage: boolean;
  canRights: boolean;
  csrfToken: string;
  now: Date;
  done?: string;
  noteForm?: { value?: string; error?: string };
  rightsForm?: { values?: Record<string, string>; errors?: Record<string, string> };
}

const DONE: Record<string, string> = {
  status: 'Status saved.',
  note: 'Note added.',
};

function Delivery(props: { sentAt: Date | null; failedAt: Date | null }) {
  if (props.sentAt) return <span>Sent to the demo inbox {formatDayTime(props.sentAt)}</span>;
  if (props.failedAt) return <span class="console-warn-text">The email provider refused it; nobody was told by email</span>;
  return <span class="muted">Waiting to be sent</span>;
}

export function DemoRequestPage(props: DemoRequestPageProps) {
  const r = props.request;
  const rf = props.rightsForm ?? {};
  const rv = rf.values ?? {};
  const re = rf.errors ?? {};
  return (
    <div class="stack-lg">
      <PageHeader eyebrow={<a href="/demo-requests">← Demo requests</a>} title={r.name} description={<span class="cluster"><DemoStatusBadge status={r.status} /><span>{r.spaName}</span></span>} />
      {props.done && DONE[props.done] ? <Alert tone="success">{DONE[props.done]}</Alert> : null}
      <div class="console-split console-split--wide-first">
        <div class="stack-lg">
          <Card title="What they sent" description={<>Received {formatDayTime(r.createdAt)}</>}>
            <dl class="console-facts">
              <div class="console-facts__row">
                <dt>Name</dt>
                <dd>{r.name}</dd>
              </div>
              <div class="console-facts__row">
                <dt>Work email</dt>
                <dd>
                  <a href={`mailto:${r.email}`}>{r.email}</a>
                </dd>
              </div>
              <div class="console-facts__row">
                <dt>Phone</dt>
                <dd>{r.phone ?? <span class="muted">Not given</span>}</dd>
              </div>
              <div class="console-facts__row">
                <dt>Spa</dt>
                <dd>{r.spaName}</dd>
              </div>
              <div class="console-facts__row">
                <dt>Size</dt>
                <dd>
                  {plural(r.locations, 'location')}, {plural(r.providers, 'provider')}
                </dd>
              </div>
              <div class="console-facts__row">
                <dt>Uses today</dt>
                <dd>{platformWords(r.platform, r.platformOther, props.platforms)}</dd>
              </div>
              <div class="console-facts__row">
                <dt>Message</dt>
                <dd>{r.message ? <p class="console-message">{r.message}</p> : <span class="muted">No message</span>}</dd>
              </div>
              <div class="console-facts__row">
                <dt>Notification</dt>
                <dd>
                  <Delivery sentAt={r.emailSentAt} failedAt={r.emailFailedAt} />
                </dd>
              </div>
            </dl>
          </Card>
          <Card title="Notes" description="For Lumè staff. A prospect who asks for their data receives these too, so write them accordingly.">
            <div class="stack">
              {props.canManage ? (
                <form class="form console-notes-form" method="post" action={`/demo-requests/${r.id}/notes`}>
                  <CsrfField token={props.csrfToken} />
                  <TextareaField name="body" label="Add a note" rows={3} maxlength={2000} value={props.noteForm?.value} error={props.noteForm?.error} />
                  <div class="form__actions">
                    <Button variant="secondary">Add note</Button>
                  </div>
                </form>
              ) : null}
              {props.notes.length ? (
                <ol class="console-notes">
                  {props.notes.map((n) => (
                    <li class="console-notes__item">
                      <p class="console-message">{n.body}</p>
                      <p class="muted text-sm">
                        {n.staffName} · {formatDayTime(n.createdAt)}
                      </p>
                    </li>
                  ))}
                </ol>
              ) : (
                <p class="muted console-empty-note">No notes yet.</p>
              )}
            </div>
          </Card>
        </div>
        <div class="stack-lg">
          <Card title="Status">
            {props.canManage ? (
              <form class="form" method="post" action={`/demo-requests/${r.id}/status`}>
                <CsrfField token={props.csrfToken} />
                <SelectField name="status" label="Where we are" options={DEMO_STATUSES.map((s) => ({ value: s, label: DEMO_STATUS_WORDS[s] }))} value={r.status} hint="“Converted” keeps the submission past the 24-month retention." />
                <div class="form__actions">
                  <Button variant="primary">Save status</Button>
                </div>
              </form>
            ) : (
              <p>
                <DemoStatusBadge status={r.status} />
              </p>
            )}
            {r.statusUpdatedAt ? (
              <p class="muted text-sm console-card-note">
                Last changed by {r.statusUpdatedBy} on {formatDay(r.statusUpdatedAt)}
              </p>
            ) : null}
          </Card>
          {props.canRights ? (
            <Card title="Rights requests" description="When this prospect asks to see, correct, delete or export their data. Due 30 days after it was received.">
              <div class="stack">
                {props.rights.length ? (
                  <ul class="console-plain-list">
                    {props.rights.map((x) => (
                      <li>
                        <a href={`/rights/${x.id}`}>{RIGHTS_KIND_WORDS[x.kind]}</a>{' '}
                        {x.status === 'open' ? (
                          isOverdue(x, props.now) ? (
                            <Badge tone="danger">Overdue since {formatDay(x.dueOn)}</Badge>
                          ) : (
                            <Badge tone="warning">Due {formatDay(x.dueOn)} · {plural(daysLeft(x.dueOn, props.now), 'day')} left</Badge>
                          )
                        ) : (
                          <Badge tone={x.status === 'fulfilled' ? 'success' : 'neutral'}>{x.status === 'fulfilled' ? 'Fulfilled' : 'Declined'}</Badge>
                        )}
                      </li>
                    ))}
                  </ul>
                ) : null}
                <details class="console-disclosure" open={Object.keys(re).length > 0}>
                  <summary class="btn btn--secondary">New rights request…</summary>
                  <form class="form console-disclosure__body" method="post" action={`/demo-requests/${r.id}/rights`} novalidate>
                    <CsrfField token={props.csrfToken} />
                    <SelectField name="kind" label="They asked to" options={RIGHTS_KINDS.map((k) => ({ value: k, label: RIGHTS_KIND_WORDS[k] }))} value={rv.kind} placeholder="Choose…" required error={re.kind} />
                    <Field name="received_on" type="date" label="Received on" value={rv.received_on ?? props.now.toISOString().slice(0, 10)} required error={re.received_on} hint="The day the prospect asked; the 30 days run from it." />
                    <TextareaField name="details" label="How they asked, how you checked it was them" rows={3} maxlength={2000} value={rv.details} error={re.details} optional hint="Kept after a deletion, so leave their details out." />
                    <div class="form__actions">
                      <Button variant="primary">Open request</Button>
                    </div>
                  </form>
                </details>
              </div>
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}
