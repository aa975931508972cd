/** The client record's Charts tab: every treatment charted, newest first, with its products and state. */
import { Badge, EmptyState } from '../../../ui/components.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import type { ClientAccess } from '../../clients/access.ts';
import type { ClientRecord } from '../../clients/records.ts';
import { ClientHeader } from '../../clients/views/client-header.tsx';
import type { ClientChartSummary } from '../charts.ts';
import { formatAmount } from '../face-map/points.ts';

export function ChartState(props: { status: 'draft' | 'signed'; awaitingCosign?: boolean }) {
  if (props.status === 'draft') return <Badge tone="warning">Draft</Badge>;
  return props.awaitingCosign ? <Badge tone="info">Signed · awaiting co-signature</Badge> : <Badge tone="success">Signed</Badge>;
}

export function ClientChartsPage(props: { record: ClientRecord; access: ClientAccess; charts: ClientChartSummary[] }) {
  return (
    <div class="stack-lg">
      <ClientHeader record={props.record} access={props.access} tab="charts" />
      {props.charts.length === 0 ? (
        <EmptyState title="No charts yet">A provider starts a chart from the appointment page once the client is checked in.</EmptyState>
      ) : (
        <ul class="item-list client-charts">
          {props.charts.map((ch) => (
            <li class="item-list__item">
              <div>
                <a href={`/charts/${ch.id}`}>
                  <strong>{ch.serviceName}</strong>
                </a>{' '}
                <ChartState status={ch.status} awaitingCosign={ch.awaitingCosign} />
                <div class="item-list__meta">
                  {formatDateTime(ch.startsAt, ch.timeZone)} · {ch.providerName}
                  {ch.products.length ? ` · ${ch.products.map((p) => p.amount === null ? p.name : `${p.name} ${formatAmount(p.amount, p.unit)}`).join(', ')}` : ''}
                  {ch.addenda ? ` · ${ch.addenda} addend${ch.addenda === 1 ? 'um' : 'a'}` : ''}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
