/** Lumè staff: the list, adding someone, one person's page, and the password shown once. */
import { Alert, Badge, Button, Card, CsrfField, Field, PageHeader, SelectField } from '../../../ui/components.tsx';
import { initialsOf } from '../../../ui/initials.ts';
import { CONSOLE_PERMISSIONS, CONSOLE_ROLE_KEYS, CONSOLE_ROLES, roleName } from '../permissions.ts';
import type { StaffMember } from '../staff.ts';
import { Confirm, Facts, When } from './parts.tsx';

const ROLE_OPTIONS = CONSOLE_ROLE_KEYS.map((key) => ({ value: key, label: `${CONSOLE_ROLES[key].name} — ${CONSOLE_ROLES[key].description}` }));

function StaffStatus(props: { member: StaffMember }) {
  const m = props.member;
  if (m.status === 'deactivated') return <Badge>Deactivated</Badge>;
  if (m.mustChange) return <Badge tone="info">Waiting for first sign-in</Badge>;
  if (!m.totpEnrolled) return <Badge tone="warning">Authenticator not set up</Badge>;
  return <Badge tone="success">Active</Badge>;
}

function Person(props: { member: StaffMember }) {
  return (
    <span class="console-person">
      <span class="console-person__avatar" aria-hidden="true">
        {initialsOf(props.member.fullName)}
      </span>
      <span class="console-stack">
        <a href={`/staff/${props.member.id}`} class="console-strong-link">
          {props.member.fullName}
        </a>
        <span class="muted text-sm">{props.member.email}</span>
      </span>
    </span>
  );
}

export function StaffListPage(props: { people: StaffMember[]; selfId: string }) {
  return (
    <div class="stack-lg">
      <PageHeader
        title="Lumè staff"
        description="Everyone who can sign in to this console. A role decides what they may do; every account signs in with an authenticator app."
        actions={
          <Button variant="primary" href="/staff/new">
            Add someone
          </Button>
        }
      />
      <div class="table-wrap">
        <table class="table console-table">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Last sign-in</th>
            </tr>
          </thead>
          <tbody>
            {props.people.map((m) => (
              <tr class={m.status === 'deactivated' ? 'is-muted' : undefined}>
                <td data-label="Person">
                  <Person member={m} />
                  {m.id === props.selfId ? <span class="muted text-sm"> (you)</span> : null}
                </td>
                <td data-label="Role">
                  <Badge tone="accent">{roleName(m.role)}</Badge>
                </td>
                <td data-label="Status">
                  <StaffStatus member={m} />
                </td>
                <td data-label="Last sign-in">{m.lastSignInAt ? <When at={m.lastSignInAt} withTime /> : <span class="muted">Never</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Card title="What each role may do">
        <div class="table-wrap console-flat">
          <table class="table console-matrix">
            <thead>
              <tr>
                <th scope="col">Permission</th>
                {CONSOLE_ROLE_KEYS.map((key) => (
                  <th scope="col" class="console-matrix__role">
                    {CONSOLE_ROLES[key].name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Object.entries(CONSOLE_PERMISSIONS).map(([permission, words]) => (
                <tr>
                  <th scope="row" class="console-matrix__label">
                    {words}
                  </th>
                  {CONSOLE_ROLE_KEYS.map((key) => {
                    const yes = (CONSOLE_ROLES[key].permissions as readonly string[]).includes(permission);
                    return (
                      <td class={`console-matrix__cell${yes ? ' is-yes' : ''}`}>
                        {yes ? '✓' : '—'}
                        <span class="visually-hidden">{yes ? 'allowed' : 'not allowed'}</span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}

export function AddStaffPage(props: { csrfToken: string; values?: Record<string, string>; errors?: Record<string, string> }) {
  const v = props.values ?? {};
  const e = props.errors ?? {};
  return (
    <div class="stack-lg console-narrow">
      <PageHeader
        eyebrow={<a href="/staff">← Lumè staff</a>}
        title="Add someone"
        description="You get a password to hand over once, in person or through your password manager’s sharing. It works for 7 days; at the first sign-in they choose their own and set up their authenticator."
      />
      {e.form ? <Alert tone="error">{e.form}</Alert> : null}
      <Card>
        <form class="form" method="post" action="/staff/new" novalidate>
          <CsrfField token={props.csrfToken} />
          <Field name="full_name" label="Full name" value={v.full_name} required maxlength={120} error={e.full_name} autocomplete="off" />
          <Field name="email" type="email" label="Work email" value={v.email} required maxlength={254} error={e.email} spellcheck={false} autocomplete="off" attrs={{ autocapitalize: 'none' }} />
          <SelectField name="role" label="Role" options={ROLE_OPTIONS} value={v.role} placeholder="Choose a role…" required error={e.role} />
          <div class="form__actions">
            <Button variant="primary">Add and show the password</Button>
            <Button variant="link" href="/staff">
              Cancel
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}

/** Shown once after adding someone or resetting their sign-in. */
export function OneTimePasswordPage(props: { fullName: string; email: string; password: string; id: string; reset: boolean }) {
  return (
    <div class="stack-lg console-narrow">
      <PageHeader eyebrow={<a href="/staff">← Lumè staff</a>} title={props.reset ? 'Sign-in reset' : 'Account created'} />
      <Alert tone="warning" title="Shown only now">
        Copy this password for {props.fullName} now: Lumè keeps only a hash of it and cannot show it again.
      </Alert>
      <Card>
        <div class="stack">
          <Facts
            rows={[
              ['Sign in at', <span class="console-mono">/login on this console</span>],
              ['Email', props.email],
              ['Password', <code class="console-secret">{props.password}</code>],
            ]}
          />
          <p class="muted text-sm">
            It works once, for 7 days. {props.fullName} then chooses their own password and {props.reset ? 'sets up their authenticator again' : 'sets up an authenticator app'}.
          </p>
          <div class="form__actions">
            <Button variant="primary" href={`/staff/${props.id}`}>
              Done
            </Button>
          </div>
        </div>
      </Card>
    </div>
  );
}

const DONE: Record<string, string> = {
  role: 'Role changed. It applies from their next click.',
  deactivated: 'Deactivated. They were signed out everywhere.',
  reactivated: 'Reactivated. They can sign in again.',
};

export interface StaffMemberPageProps {
  member: StaffMember;
  self: boolean;
  csrfToken: string;
  done?: string;
  error?: string;
  roleError?: string;
}

export function StaffMemberPage(props: StaffMemberPageProps) {
  const m = props.member;
  const notice = props.done ? DONE[props.done] : undefined;
  return (
    <div class="stack-lg">
      <PageHeader eyebrow={<a href="/staff">← Lumè staff</a>} title={m.fullName} description={m.email} />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {props.error ? <Alert tone="error">{props.error}</Alert> : null}
      {props.self ? <Alert tone="info">This is your own account. Another admin changes its role, resets or deactivates it.</Alert> : null}
      <div class="console-split">
        <Card title="Account">
          <Facts
            rows={[
              ['Status', <StaffStatus member={m} />],
              ['Role', roleName(m.role)],
              ['Authenticator', m.totpEnrolled ? 'Set up' : 'Not set up yet'],
              ['Password', m.mustChange ? 'A handed-out password, to be replaced at the next sign-in' : <>Chosen by them, <When at={m.passwordChangedAt} /></>],
              ['Last sign-in', m.lastSignInAt ? <When at={m.lastSignInAt} withTime /> : 'Never'],
              ['Signed in now', m.activeSessions ? `${m.activeSessions} session${m.activeSessions === 1 ? '' : 's'}` : 'No'],
              ['Added', <When at={m.createdAt} />],
            ]}
          />
        </Card>
        {props.self ? null : (
          <div class="stack-lg">
            <Card title="Role">
              <form class="form" method="post" action={`/staff/${m.id}/role`}>
                <CsrfField token={props.csrfToken} />
                <SelectField name="role" label="Role" options={ROLE_OPTIONS} value={m.role} required error={props.roleError} />
                <div class="form__actions">
                  <Button variant="primary">Save role</Button>
                </div>
              </form>
            </Card>
            <Card title="Access">
              <div class="stack">
                {m.status === 'active' ? (
                  <>
                    <Confirm label="Reset sign-in…" action={`/staff/${m.id}/reset`} csrfToken={props.csrfToken} confirmLabel="Reset and show a new password" tone="primary">
                      For a lost phone or a forgotten password: their password and authenticator are replaced, they are signed out everywhere, and you get a new password to hand over.
                    </Confirm>
                    <Confirm label="Deactivate…" action={`/staff/${m.id}/deactivate`} csrfToken={props.csrfToken} confirmLabel={`Deactivate ${m.fullName}`}>
                      They are signed out at once and can no longer sign in. Their history stays.
                    </Confirm>
                  </>
                ) : (
                  <Confirm label="Reactivate…" action={`/staff/${m.id}/reactivate`} csrfToken={props.csrfToken} confirmLabel={`Reactivate ${m.fullName}`} tone="primary">
                    They can sign in again with their password and authenticator. Reset their sign-in if they no longer have them.
                  </Confirm>
                )}
              </div>
            </Card>
          </div>
        )}
      </div>
    </div>
  );
}
