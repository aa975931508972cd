/** Settings → Staff → one person: roles, access (invitation, deactivation) and provider licences. */
import { ConfirmAction, Alert, Button, Card, CsrfField, Field, PageHeader, SelectField } from '../../../ui/components.tsx';
import { CREDENTIAL_KINDS, LICENCE_STATES } from '../credential-catalogue.ts';
import type { StaffMemberPage } from '../staff.ts';
import { formatDateTime, formatDay, timeAgo } from '../../../ui/format.ts';
import { CredentialBadge, RoleBadges, RoleChecklist, StatusBadge, stateName } from './staff-parts.tsx';
import type { FutureAppointment } from '../../scheduling/future-appointments.ts';
import { FutureAppointmentList } from '../../scheduling/views/future-appointments.tsx';

export interface StaffMemberView {
  page: StaffMemberPage;
  csrfToken: string;
  now: Date;
  /** The person is the one looking. */
  self: boolean;
  /** Why the viewer may not change this person (they hold powers the viewer lacks). */
  locked?: string;
  notice?: string;
  /** A refused action (deactivate, resend…), shown at the top. */
  error?: string;
  rolesForm?: { selected: string[]; error?: string };
  credentialForm?: { values: Record<string, string>; errors: Record<string, string> };
  /** Their appointments from now on, to reassign before deactivating them. */
  futureAppointments?: FutureAppointment[];
}

const KIND_OPTIONS = Object.entries(CREDENTIAL_KINDS).map(([value, label]) => ({ value, label }));
const STATE_OPTIONS = Object.entries(LICENCE_STATES).map(([value, label]) => ({ value, label: `${label} (${value})` }));

function Access(props: StaffMemberView) {
  const { person, timeZone } = props.page;
  const base = `/settings/staff/${person.id}`;
  return (
    <Card title="Access" headingLevel={2}>
      <dl class="facts">
        <div class="facts__row">
          <dt>Status</dt>
          <dd>
            <StatusBadge status={person.status} />
          </dd>
        </div>
        <div class="facts__row">
          <dt>Last sign-in</dt>
          <dd>{person.lastSignInAt ? <time datetime={person.lastSignInAt.toISOString()}>{formatDateTime(person.lastSignInAt, timeZone)}</time> : 'Never'}</dd>
        </div>
        <div class="facts__row">
          <dt>Two-step verification</dt>
          <dd>{person.totpEnrolledAt ? `On since ${formatDateTime(person.totpEnrolledAt, timeZone)}` : 'Set up at first sign-in'}</dd>
        </div>
        {person.status === 'invited' ? (
          <div class="facts__row">
            <dt>Invitation</dt>
            <dd>{person.invitationExpiresAt ? `Link works until ${formatDateTime(person.invitationExpiresAt, timeZone)}` : 'The link has expired'}</dd>
          </div>
        ) : null}
        <div class="facts__row">
          <dt>Added</dt>
          <dd>{timeAgo(person.createdAt, props.now, timeZone)}</dd>
        </div>
      </dl>
      {props.self ? (
        <p class="card-note">
          This is you. Your password and signed-in devices are in <a href="/account">My account</a>.
        </p>
      ) : props.locked ? null : (
        <div class="card-actions">
          {person.status === 'invited' ? (
            <form method="post" action={`${base}/resend-invitation`}>
              <CsrfField token={props.csrfToken} />
              <Button size="sm">Send a new invitation link</Button>
            </form>
          ) : null}
          {person.status === 'active' && person.totpEnrolledAt && !person.roles.some((r) => r.key === 'owner') ? (
            <ConfirmAction label="Reset two-step verification…" action={`${base}/reset-mfa`} csrfToken={props.csrfToken} confirmLabel={`Reset for ${person.fullName}`}>
              <p>
                For someone who lost their phone and their recovery codes. {person.fullName} will be signed out everywhere and will set up a new authenticator at their next sign-in. We email them to say so.
              </p>
            </ConfirmAction>
          ) : null}
          {person.status !== 'deactivated' ? (
            <ConfirmAction label="Deactivate…" action={`${base}/deactivate`} csrfToken={props.csrfToken} confirmLabel={`Deactivate ${person.fullName}`}>
              <p>
                {person.fullName} will be signed out on every device at once and cannot sign in until reactivated. Their history stays.
              </p>
              {props.futureAppointments?.length ? (
                <>
                  <p>
                    <strong>They have {props.futureAppointments.length} upcoming appointment{props.futureAppointments.length === 1 ? '' : 's'}.</strong> Move {props.futureAppointments.length === 1 ? 'it' : 'them'} to someone else:
                  </p>
                  <FutureAppointmentList appointments={props.futureAppointments} />
                </>
              ) : null}
            </ConfirmAction>
          ) : (
            <form method="post" action={`${base}/reactivate`}>
              <CsrfField token={props.csrfToken} />
              <Button size="sm" variant="primary">
                Reactivate
              </Button>
            </form>
          )}
        </div>
      )}
    </Card>
  );
}

function Roles(props: StaffMemberView) {
  const { person, roles } = props.page;
  if (props.locked) {
    return (
      <Card title="Roles">
        <RoleBadges roles={person.roles} />
      </Card>
    );
  }
  const selected = props.rolesForm?.selected ?? person.roles.map((r) => r.id);
  return (
    <Card title="Roles" description="Changes apply from their next click; they stay signed in.">
      <form class="form" method="post" action={`/settings/staff/${person.id}/roles`}>
        <CsrfField token={props.csrfToken} />
        <RoleChecklist roles={roles} selected={selected} error={props.rolesForm?.error} legend="Their roles" />
        <div class="form__actions">
          <Button variant="primary">Save roles</Button>
        </div>
      </form>
    </Card>
  );
}

function Licences(props: StaffMemberView) {
  const { person } = props.page;
  const v = props.credentialForm?.values ?? {};
  const e = props.credentialForm?.errors ?? {};
  const base = `/settings/staff/${person.id}/credentials`;
  return (
    <Card title="Provider licences" description="Later, services use these to decide who may perform which treatment." id="licences">
      <div class="stack">
        {person.credentials.length ? (
          <div class="table-wrap table-wrap--contained">
            <table class="table table--stack">
              <thead>
                <tr>
                  <th scope="col">Licence</th>
                  <th scope="col">Number</th>
                  <th scope="col">State</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {person.credentials.map((c) => (
                  <tr>
                    <td data-label="Licence">
                      <CredentialBadge credential={c} />
                    </td>
                    <td data-label="Number">
                      <code>{c.licenceNumber}</code>
                    </td>
                    <td data-label="State">{stateName(c.licenceState)}</td>
                    <td data-label="Expires">{c.expiresOn ? formatDay(c.expiresOn) : '—'}</td>
                    <td class="table__actions">
                      <ConfirmAction label="Remove…" action={`${base}/${c.id}/delete`} csrfToken={props.csrfToken} confirmLabel="Remove licence">
                        <p>
                          Remove licence {c.licenceNumber} ({c.licenceState})? Keep expired licences if you need their history.
                        </p>
                      </ConfirmAction>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">No licences recorded.</p>
        )}
        <form class="form licence-form" method="post" action={base}>
          <CsrfField token={props.csrfToken} />
          <h3 class="form__title">Add a licence</h3>
          {e.form ? <Alert tone="error">{e.form}</Alert> : null}
          <div class="field-row">
            <SelectField name="kind" label="Kind" options={KIND_OPTIONS} placeholder="Choose…" value={v.kind} error={e.kind} required />
            <Field name="licence_number" label="Licence number" value={v.licence_number} error={e.licence_number} required maxlength={40} spellcheck={false} autocomplete="off" />
          </div>
          <div class="field-row">
            <SelectField name="licence_state" label="State" options={STATE_OPTIONS} placeholder="Choose…" value={v.licence_state} error={e.licence_state} required />
            <Field name="expires_on" type="date" label="Expires on" value={v.expires_on} error={e.expires_on} required />
          </div>
          <div class="form__actions">
            <Button>Add licence</Button>
          </div>
        </form>
      </div>
    </Card>
  );
}

export function StaffMemberPageView(props: StaffMemberView) {
  const { person } = props.page;
  return (
    <div class="stack-lg">
      <PageHeader
        eyebrow={<a href="/settings/staff">← Staff</a>}
        title={person.fullName}
        description={
          <span class="cluster">
            <span>{person.email}</span>
            <StatusBadge status={person.status} />
          </span>
        }
      />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      {props.error ? <Alert tone="error">{props.error}</Alert> : null}
      {props.locked ? <Alert tone="info">{props.locked}</Alert> : null}
      {person.status === 'deactivated' && !props.notice ? <Alert tone="warning">{person.fullName} is deactivated and cannot sign in. Their history stays in the audit trail.</Alert> : null}
      {person.status === 'invited' && !props.notice ? (
        <Alert tone="info">{person.invitationExpiresAt ? `${person.fullName} has not accepted the invitation yet.` : `${person.fullName}’s invitation link has expired. Send a new one when they are ready.`}</Alert>
      ) : null}
      <div class="split split--wide-first">
        <Roles {...props} />
        <Access {...props} />
      </div>
      <Licences {...props} />
    </div>
  );
}
