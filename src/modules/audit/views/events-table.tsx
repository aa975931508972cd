import type { AuditRow } from '../search.ts';
import { Clients, From, Outcome, What, Who } from './cells.tsx';
import { When, zoneName } from './time.tsx';
import { Badge } from '../../../ui/components.tsx';
import { actionWords, isHighSeverity, surfaceWords } from './words.tsx';

/**
 * The audit screen's table. Each row's time is its row header, so a screen reader
 * announces "when" with every cell; on phones the rows become labelled cards.
 */
export function EventsTable(props: { rows: readonly AuditRow[]; timeZone: string; roleNames: Record<string, string>; caption: string }) {
  const zone = zoneName(props.timeZone);
  return (
    <div class="table-wrap audit-table-wrap">
      <table class="table audit-table">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">
              When <span class="audit-table__zone">({zone})</span>
            </th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">What</th>
            <th scope="col">Clients</th>
            <th scope="col">From</th>
            <th scope="col" class="audit-col-surface">Surface</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <th scope="row" data-label="When" class="audit-table__when">
                <When at={row.occurredAt} timeZone={props.timeZone} format="stacked" />
              </th>
              <td data-label="Who">
                <Who row={row} roleNames={props.roleNames} />
              </td>
              <td data-label="Action">
                {actionWords(row.action)}
                {isHighSeverity(row.action) ? (
                  <>
                    {' '}
                    <Badge tone="danger">High severity</Badge>
                  </>
                ) : null}
              </td>
              <td data-label="What">
                <What row={row} />
              </td>
              <td data-label="Clients">
                <Clients ids={row.clientIds} />
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
      </table>
    </div>
  );
}
