/** Charts waiting for someone: unsigned after 72 hours, never started, or awaiting a co-signature. */
import { Alert, Badge, EmptyState, PageHeader } from '../../../ui/components.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { UNSIGNED_AFTER_HOURS, type FollowUpRow } from '../follow-up.ts';

const STATE: Record<FollowUpRow['state'], { label: string; tone: 'danger' | 'warning' | 'info' }> = {
  not_started: { label: 'Not started', tone: 'danger' },
  draft: { label: 'Unsigned draft', tone: 'warning' },
  awaiting_cosign: { label: 'Awaiting your co-signature', tone: 'info' },
};

export function FollowUpPage(props: { rows: FollowUpRow[]; everyone: boolean }) {
  return (
    <div class="stack-lg">
      <PageHeader
        title="Charts to finish"
        description={`${props.everyone ? 'Every provider’s' : 'Your'} treatments given more than ${UNSIGNED_AFTER_HOURS} hours ago whose chart is not signed, and signed charts waiting for a co-signature.`}
      />
      {props.rows.length === 0 ? (
        <EmptyState title="Nothing to finish">Every treatment older than three days is charted and signed.</EmptyState>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption>{props.rows.length} to finish</caption>
            <thead>
              <tr>
                <th scope="col">Given</th>
                <th scope="col">Client</th>
                <th scope="col">Service</th>
                <th scope="col">Provider</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>{formatDateTime(r.startsAt, r.timeZone)}</td>
                  <td>{r.clientName}</td>
                  <td>{r.chartId ? <a href={`/charts/${r.chartId}`}>{r.serviceName}</a> : <a href={`/appointments/${r.appointmentId}`}>{r.serviceName}</a>}</td>
                  <td>{r.providerName}</td>
                  <td>
                    <Badge tone={STATE[r.state].tone}>{STATE[r.state].label}</Badge>
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

/** On Today: how many charts wait for the viewer, with the way to them. */
export function ChartsToFinish(props: { count: number }) {
  if (props.count === 0) return null;
  return (
    <Alert tone="warning" title={`${props.count} chart${props.count === 1 ? '' : 's'} to finish`}>
      Treatments given more than {UNSIGNED_AFTER_HOURS} hours ago without a signed chart, or waiting for a co-signature. <a href="/charts/follow-up">See them</a>
    </Alert>
  );
}
