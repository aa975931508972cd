/** Settings → Staff: everyone who can sign in, with their roles, status and licences. */
import { Alert, Button, PageHeader } from '../../../ui/components.tsx';
import { initialsOf } from '../../../ui/initials.ts';
import type { StaffSummary } from '../staff.ts';
import { formatDateTime, timeAgo } from '../../../ui/format.ts';
import { CredentialBadges, RoleBadges, StatusBadge } from './staff-parts.tsx';

export function PersonCell(props: { id: string; fullName: string; email: string }) {
  return (
    <span class="person">
      <span class="person__avatar" aria-hidden="true">
        {initialsOf(props.fullName)}
      </span>
      <span class="person__text">
        <a class="person__name" href={`/settings/staff/${props.id}`}>
          {props.fullName}
        </a>
        <span class="person__email">{props.email}</span>
      </span>
    </span>
  );
}

function LastSignIn(props: { at: Date | null; now: Date; timeZone: string; status: StaffSummary['status'] }) {
  if (!props.at) return <span class="status-cell__when">{props.status === 'invited' ? 'Invitation sent' : 'Never signed in'}</span>;
  return (
    <span class="status-cell__when">
      Signed in{' '}
      <time datetime={props.at.toISOString()} title={formatDateTime(props.at, props.timeZone)}>
        {timeAgo(props.at, props.now, props.timeZone)}
      </time>
    </span>
  );
}

export function StaffListPage(props: { spaName: string; people: StaffSummary[]; timeZone: string; now: Date; notice?: string }) {
  const count = (status: StaffSummary['status']) => props.people.filter((p) => p.status === status).length;
  const expired = props.people.filter((p) => p.status !== 'deactivated' && p.credentials.some((c) => c.standing === 'expired'));
  return (
    <div class="stack-lg">
      <PageHeader
        title="Staff"
        description={`Everyone who can sign in to ${props.spaName}. What each person may do comes from their roles, and changes apply from their next click.`}
        actions={
          <Button variant="primary" href="/settings/staff/invite">
            Invite someone
          </Button>
        }
      />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      {expired.length ? (
        <Alert tone="warning" title="Expired licence">
          {expired.map((p) => p.fullName).join(', ')} {expired.length === 1 ? 'has' : 'have'} a licence past its expiry date. Check it and record the renewal.
        </Alert>
      ) : null}
      <section class="stack" aria-labelledby="staff-heading">
        <div class="section-head">
          <h2 id="staff-heading" class="section-title">
            People
          </h2>
          <p class="section-head__meta">
            {count('active')} active · {count('invited')} invited · {count('deactivated')} deactivated
          </p>
        </div>
        <div class="table-wrap table-wrap--contained">
          <table class="table table--stack staff-table">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
                <th scope="col">Licences</th>
              </tr>
            </thead>
            <tbody>
              {props.people.map((p) => (
                <tr class={p.status === 'deactivated' ? 'is-inactive' : undefined}>
                  <td data-label="Person">
                    <PersonCell id={p.id} fullName={p.fullName} email={p.email} />
                  </td>
                  <td data-label="Roles" class="wrap-cell">
                    <RoleBadges roles={p.roles} />
                  </td>
                  <td data-label="Status">
                    <span class="status-cell">
                      <StatusBadge status={p.status} />
                      <LastSignIn at={p.lastSignInAt} now={props.now} timeZone={props.timeZone} status={p.status} />
                    </span>
                  </td>
                  <td data-label="Licences" class={p.credentials.length ? 'wrap-cell' : 'wrap-cell cell--empty'}>
                    <CredentialBadges credentials={p.credentials} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
