/** Everything that happened to the record, newest first, with previous values kept visible. */
import { EmptyState } from '../../../ui/components.tsx';
import { formatDateTime, formatDay } from '../../../ui/format.ts';
import type { ClientAccess } from '../access.ts';
import { ALLERGY_SEVERITIES, FIELD_LABELS, HEALTH_KINDS } from '../fields.ts';
import type { ClientRecord } from '../records.ts';
import type { TimelineEntry } from '../timeline.ts';
import { ClientHeader } from './client-header.tsx';
import { showValue } from './values.ts';

type Change = { from: unknown; to: unknown };
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function Describe(props: { entry: TimelineEntry }) {
  const d = props.entry.detail;
  switch (props.entry.kind) {
    case 'created':
      return <p>Record created.</p>;
    case 'updated':
      return (
        <ul class="timeline__changes">
          {Object.entries(d as Record<string, Change>)
            .filter(([column]) => !column.endsWith('_consent_method') || !(column.replace('_method', '') in d))
            .map(([column, change]) => (
              <li>
                <span class="timeline__field">{FIELD_LABELS[column] ?? column}</span>: <del class="timeline__from">{showValue(column, change.from)}</del> → <ins class="timeline__to">{showValue(column, change.to)}</ins>
                {column.endsWith('_consent') && `${column}_method` in d ? ` (${showValue(`${column}_method`, (d[`${column}_method`] as Change).to)})` : ''}
              </li>
            ))}
        </ul>
      );
    case 'allergy_added':
      return <p>Allergy added: {str(d.substance)} ({ALLERGY_SEVERITIES[str(d.severity) as keyof typeof ALLERGY_SEVERITIES] ?? str(d.severity)}){str(d.reaction) ? ` — ${str(d.reaction)}` : ''}.</p>;
    case 'allergy_removed':
      return <p>Allergy removed: {str(d.substance)}.</p>;
    case 'health_added':
      return (
        <p>
          {HEALTH_KINDS[str(d.kind) as keyof typeof HEALTH_KINDS] ?? 'Health entry'} added: {str(d.label)}
          {str(d.occurredOn) ? ` (${formatDay(str(d.occurredOn))})` : ''}.
        </p>
      );
    case 'health_removed':
      return <p>{HEALTH_KINDS[str(d.kind) as keyof typeof HEALTH_KINDS] ?? 'Health entry'} removed: {str(d.label)}.</p>;
    case 'guardian_added':
      return <p>Guardian added: {str(d.name)} ({str(d.relationship)}).</p>;
    case 'guardian_removed':
      return <p>Guardian removed: {str(d.name)}.</p>;
    case 'guardian_authorized':
      return <p>Guardian authorization on file from {str(d.name)} ({str(d.source) === 'paper' ? 'paper' : 'signed form'}).</p>;
    case 'merged_in':
      return <p>A duplicate record ({str(d.name)}{str(d.dateOfBirth) ? `, born ${formatDay(str(d.dateOfBirth))}` : ''}) was merged into this one.</p>;
    default:
      return <p>{props.entry.kind.replaceAll('_', ' ')}</p>;
  }
}

export function ClientTimelinePage(props: { record: ClientRecord; access: ClientAccess; entries: TimelineEntry[] }) {
  const zone = props.record.calendar.timeZone;
  return (
    <div class="stack-lg">
      <ClientHeader record={props.record} access={props.access} tab="timeline" />
      {props.entries.length === 0 ? (
        <EmptyState title="Nothing yet">Changes to this record will appear here.</EmptyState>
      ) : (
        <ol class="timeline" aria-label="History of this record">
          {props.entries.map((e) => (
            <li class="timeline__entry">
              <div class="timeline__when">
                <time datetime={e.occurredAt.toISOString()}>{formatDateTime(e.occurredAt, zone)}</time>
                <span class="muted"> · {e.actorName ?? 'Lumè'}</span>
              </div>
              <Describe entry={e} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
