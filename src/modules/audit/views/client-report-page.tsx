import { Badge, Button, EmptyState, PageHeader } from '../../../ui/components.tsx';
import { isListAppearance, localDate, type AuditRow, type ClientReport } from '../search.ts';
import { From, Outcome, Who } from './cells.tsx';
import { Pager } from './pager.tsx';
import { dayLabel, When, zoneName } from './time.tsx';
import { actionWords, plural, recordWords, surfaceWords } from './words.tsx';

/**
 * The header of the per-client access report. Until the clients module exists there is no
 * record to name the client by, so it shows the id; pass `displayName` once there is one.
 */
export function ClientReportHeader(props: { clientId: string; displayName?: string; exportHref?: string }) {
  return (
    <PageHeader
      eyebrow={<a href="/audit">← Audit trail</a>}
      title="Who saw this client"
      description={
        <>
          {props.displayName ? <strong>{props.displayName}</strong> : null}
          {props.displayName ? ' · ' : null}
          Client record: <code class="audit-client-id">{props.clientId}</code>
        </>
      }
      actions={
        props.exportHref ? (
          <Button href={props.exportHref} variant="secondary">
            Download CSV
          </Button>
        ) : null
      }
    />
  );
}

function Summary(props: { report: ClientReport }) {
  const { summary, timeZone } = props.report;
  return (
    <dl class="audit-summary">
      <div class="audit-summary__item">
        <dt>People</dt>
        <dd>{summary.people.toLocaleString('en-US')}</dd>
      </div>
      <div class="audit-summary__item">
        <dt>Accesses</dt>
        <dd>
          {summary.accesses.toLocaleString('en-US')}
          {summary.listAppearances ? <span class="audit-summary__note">{plural(summary.listAppearances, 'in a list', 'in lists')}</span> : null}
        </dd>
      </div>
      <div class="audit-summary__item">
        <dt>First access</dt>
        <dd>{summary.first ? <When at={summary.first} timeZone={timeZone} /> : '—'}</dd>
      </div>
      <div class="audit-summary__item">
        <dt>Last access</dt>
        <dd>{summary.last ? <When at={summary.last} timeZone={timeZone} /> : '—'}</dd>
      </div>
    </dl>
  );
}

/** How the client was seen: opened directly, or as one of several in a list or search. */
function How(props: { row: AuditRow }) {
  const { row } = props;
  const others = row.clientIds.length - 1;
  if (isListAppearance(row)) {
    return (
      <div class="audit-how">
        <Badge tone="info">Appeared in a list</Badge>
        <span class="audit-how__detail">
          {actionWords(row.action)} · {recordWords(row.recordType)}
          {others > 0 ? ` · with ${plural(others, 'other client')}` : ''}
        </span>
      </div>
    );
  }
  return (
    <div class="audit-how">
      <span>
        {actionWords(row.action).replace(/^./, (c) => c.toUpperCase())} · {recordWords(row.recordType)}
      </span>
    </div>
  );
}

/** Rows split into the spa's calendar days, keeping their order. */
function byDay(rows: readonly AuditRow[], timeZone: string): { key: string; label: string; rows: AuditRow[] }[] {
  const days: { key: string; label: string; rows: AuditRow[] }[] = [];
  for (const row of rows) {
    const key = localDate(row.occurredAt, timeZone);
    const last = days.at(-1);
    if (last?.key === key) last.rows.push(row);
    else days.push({ key, label: dayLabel(row.occurredAt, timeZone), rows: [row] });
  }
  return days;
}

function AccessTable(props: { report: ClientReport }) {
  const { report } = props;
  const zone = zoneName(report.timeZone);
  return (
    <div class="table-wrap audit-table-wrap">
      <table class="table audit-table audit-table--report">
        <caption class="visually-hidden">Accesses to this client’s records, newest first, grouped by day</caption>
        <thead>
          <tr>
            <th scope="col">
              Time <span class="audit-table__zone">({zone})</span>
            </th>
            <th scope="col">Who</th>
            <th scope="col">How</th>
            <th scope="col">From</th>
            <th scope="col" class="audit-col-surface">Surface</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        {byDay(report.page.rows, report.timeZone).map((day) => (
          <tbody>
            <tr class="audit-day">
              <th scope="rowgroup" colspan={6}>
                <time datetime={day.key}>{day.label}</time>
              </th>
            </tr>
            {day.rows.map((row) => (
              <tr>
                <th scope="row" data-label="Time" class="audit-table__when">
                  <When at={row.occurredAt} timeZone={report.timeZone} format="clock" />
                </th>
                <td data-label="Who">
                  <Who row={row} roleNames={report.roleNames} clientId={report.clientId} />
                </td>
                <td data-label="How">
                  <How row={row} />
                </td>
                <td data-label="From">
                  <From row={row} />
                </td>
                <td data-label="Surface" class="audit-col-surface">{surfaceWords(row.surface)}</td>
                <td data-label="Outcome">
                  <Outcome outcome={row.outcome} />
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

/** GET /audit/clients/:clientId — who saw this client, when and how. */
export function ClientReportPage(props: { report: ClientReport; onFirstPage: boolean; displayName?: string }) {
  const { report } = props;
  const base = `/audit/clients/${report.clientId}`;
  const href = (param: Record<string, string> = {}) => {
    const q = new URLSearchParams(param).toString();
    return q ? `${base}?${q}` : base;
  };
  return (
    <div class="stack-lg audit">
      <ClientReportHeader clientId={report.clientId} displayName={props.displayName} exportHref={report.summary.accesses > 0 ? `/audit/export.csv?client=${report.clientId}` : undefined} />
      {report.summary.accesses > 0 ? (
        <>
          <Summary report={report} />
          <section class="stack" aria-labelledby="access-heading">
            <h2 id="access-heading" class="section-title">
              Accesses
            </h2>
            <p class="audit-count">
              Every time this client’s records were opened, changed, exported or shown in a list. “Appeared in a list” means the client was one of several on a screen such as a
              search or the calendar.
            </p>
            {report.page.rows.length ? <AccessTable report={report} /> : null}
            <Pager page={report.page} href={href} label="Access report pages" onFirstPage={props.onFirstPage} />
          </section>
        </>
      ) : (
        <EmptyState title="No recorded access" icon="shield">
          Nobody has opened, changed, exported or listed this client’s records here. Every access will appear on this page as it happens.
        </EmptyState>
      )}
    </div>
  );
}
