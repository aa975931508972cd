import { Badge } from '../../../ui/components.tsx';
import type { AuditRow } from '../search.ts';
import { browserSummary } from './user-agent.tsx';
import { outcomeBadge, recordWords, roleWords, shortId, surfaceWords } from './words.tsx';

/** The cells the audit screen and the per-client report share. */

export const clientReportHref = (clientId: string) => `/audit/clients/${clientId}`;

export function ClientLink(props: { id: string }) {
  return (
    <a class="audit-id" href={clientReportHref(props.id)}>
      <span class="visually-hidden">Client </span>
      <code>{shortId(props.id)}</code>
    </a>
  );
}

/** Who acted: the operator and their role at the time, or which other kind of actor. */
export function Who(props: { row: AuditRow; roleNames: Record<string, string>; clientId?: string }) {
  const { row } = props;
  switch (row.actorKind) {
    case 'operator':
      return (
        <div class="audit-who">
          <span class="audit-who__name">{row.actorName ?? 'Former staff member'}</span>
          {row.actorRole ? <span class="audit-who__role">{roleWords(row.actorRole, props.roleNames)}</span> : null}
        </div>
      );
    case 'client':
      // On a client's own report, the client who acted is that client; another client's id is not shown there.
      if (props.clientId) return <span>{row.actorId === props.clientId ? 'The client (through a link)' : 'Another client (through a link)'}</span>;
      return (
        <span>
          Client {row.actorId ? <ClientLink id={row.actorId} /> : null}
        </span>
      );
    case 'staff':
      // Inside a break-glass window (SEC-9) the spa sees the staff member's name, from the window it granted.
      return (
        <div class="audit-who">
          <span class="audit-who__name">{row.actorName ? `${row.actorName} (Lumè staff)` : 'Lumè staff'}</span>
          {row.actorRole === 'lume_break_glass' ? <span class="audit-who__role">Break-glass access</span> : null}
        </div>
      );
    case 'system':
      return <span>System</span>;
    default:
      return <span>{row.action === 'login_failed' ? 'Unknown — failed sign-in' : 'Not signed in'}</span>;
  }
}

/** What was touched: the kind of record and a short id, or the account a sign-in concerned. */
export function What(props: { row: AuditRow }) {
  const { row } = props;
  return (
    <span class="audit-what">
      {recordWords(row.recordType)}
      {row.recordName ? <span class="audit-what__id"> · {row.recordName}</span> : null}
      {!row.recordName && row.recordId ? (
        <>
          {' '}
          <code class="audit-what__id" title={row.recordId}>
            {shortId(row.recordId)}
          </code>
        </>
      ) : null}
    </span>
  );
}

/** The clients concerned: up to three links, or a count that opens to the links. */
export function Clients(props: { ids: readonly string[] }) {
  const { ids } = props;
  if (ids.length === 0) {
    return (
      <span class="audit-none">
        <span aria-hidden="true">—</span>
        <span class="visually-hidden">None</span>
      </span>
    );
  }
  const links = (
    <ul class="audit-clients__list">
      {ids.map((id) => (
        <li>
          <ClientLink id={id} />
        </li>
      ))}
    </ul>
  );
  if (ids.length <= 3) return links;
  return (
    <details class="audit-clients">
      <summary>{ids.length} clients</summary>
      {links}
    </details>
  );
}

/**
 * Where from: the address and a short browser summary (the full user agent on hover and in
 * the CSV). The surface is repeated here for tables too narrow for their own Surface column,
 * which the stylesheet then hides (only one of the two is ever displayed).
 */
export function From(props: { row: AuditRow }) {
  const { row } = props;
  return (
    <div class="audit-from">
      <span class={row.ip?.includes(':') ? 'audit-from__ip audit-from__ip--v6' : 'audit-from__ip'}>{row.ip ?? 'No address'}</span>
      <span class="audit-from__ua" title={row.userAgent ?? undefined}>
        {browserSummary(row.userAgent)}
      </span>
      <span class="audit-from__surface">{surfaceWords(row.surface)}</span>
    </div>
  );
}

export function Outcome(props: { outcome: string }) {
  const badge = outcomeBadge(props.outcome);
  return <Badge tone={badge.tone}>{badge.label}</Badge>;
}
