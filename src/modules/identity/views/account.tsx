/** My account: who I am here, my signed-in devices, my password. */
import { Alert, Badge, Button, Card, CsrfField, Field, PageHeader } from '../../../ui/components.tsx';
import type { AccountOverview, OwnSession } from '../account.ts';
import { PASSWORD_HINT } from '../password-form.ts';
import { formatDateTime, formatDay, timeAgo } from '../../../ui/format.ts';
import { CredentialBadge, stateName } from './staff-parts.tsx';

export interface AccountView {
  account: AccountOverview;
  csrfToken: string;
  now: Date;
  notice?: string;
  passwordErrors?: Record<string, string>;
}

function SessionRow(props: { session: OwnSession; now: Date; timeZone: string; csrfToken: string }) {
  const s = props.session;
  return (
    <li class="device">
      <div class="device__text">
        <p class="device__name">
          {s.browser} {s.current ? <Badge tone="accent">This device</Badge> : null}
          {s.stage !== 'active' ? <Badge tone="warning">Waiting for the second step</Badge> : null}
        </p>
        <p class="device__meta">
          <span>
            Signed in <time datetime={s.createdAt.toISOString()}>{formatDateTime(s.createdAt, props.timeZone)}</time>
          </span>
          <span>
            Last active {s.current ? 'now' : <time datetime={s.lastActiveAt.toISOString()}>{timeAgo(s.lastActiveAt, props.now, props.timeZone)}</time>}
          </span>
          <span>IP {s.ip ?? 'unknown'}</span>
        </p>
      </div>
      <form method="post" action={`/account/sessions/${s.id}/end`} class="device__action">
        <CsrfField token={props.csrfToken} />
        <Button size="sm">{s.current ? 'Sign out here' : 'Sign out'}</Button>
      </form>
    </li>
  );
}

export function AccountPage(props: AccountView) {
  const a = props.account;
  const e = props.passwordErrors ?? {};
  const others = a.sessions.filter((s) => !s.current).length;
  return (
    <div class="stack-lg">
      <PageHeader title="My account" description={`${a.fullName} · ${a.email}`} />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      <Card
        title="Where you are signed in"
        description={others ? `You are signed in on ${others + 1} devices. Sign out of any you do not recognise, then change your password.` : 'Only this device is signed in.'}
        id="sessions"
      >
        <ul class="device-list">
          {a.sessions.map((s) => (
            <SessionRow session={s} now={props.now} timeZone={a.timeZone} csrfToken={props.csrfToken} />
          ))}
        </ul>
      </Card>
      <div class="split">
        <Card title="Change password" description="Changing it signs you out on every other device." id="password">
          <form class="form" method="post" action="/account/password">
            <CsrfField token={props.csrfToken} />
            {e.form ? <Alert tone="error">{e.form}</Alert> : null}
            <input type="email" name="username" value={a.email} autocomplete="username" hidden />
            <Field name="current_password" type="password" label="Current password" autocomplete="current-password" required maxlength={1024} error={e.current_password} />
            <Field name="password" type="password" label="New password" autocomplete="new-password" required maxlength={1024} hint={PASSWORD_HINT} error={e.password} />
            <Field name="password_confirm" type="password" label="Type the new password again" autocomplete="new-password" required maxlength={1024} error={e.password_confirm} />
            <div class="form__actions">
              <Button variant="primary">Change password</Button>
            </div>
          </form>
        </Card>
        <Card title="Your access">
          <dl class="facts">
            <div class="facts__row">
              <dt>Roles</dt>
              <dd>
                {a.roles.length ? (
                  <ul class="plain-list">
                    {a.roles.map((r) => (
                      <li>
                        <strong>{r.name}</strong>
                        {r.description ? <span class="muted"> — {r.description}</span> : null}
                      </li>
                    ))}
                  </ul>
                ) : (
                  'None'
                )}
              </dd>
            </div>
            <div class="facts__row">
              <dt>Licences</dt>
              <dd>
                {a.credentials.length ? (
                  <ul class="plain-list">
                    {a.credentials.map((c) => (
                      <li>
                        <CredentialBadge credential={c} />{' '}
                        <span class="muted">
                          {c.licenceNumber}, {stateName(c.licenceState)}
                          {c.expiresOn ? `, until ${formatDay(c.expiresOn)}` : ''}
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  'None recorded'
                )}
              </dd>
            </div>
            <div class="facts__row">
              <dt>Two-step verification</dt>
              <dd>{a.totpEnrolledAt ? `On since ${formatDateTime(a.totpEnrolledAt, a.timeZone)}` : 'Not set up'}</dd>
            </div>
            <div class="facts__row">
              <dt>Password changed</dt>
              <dd>{a.passwordChangedAt ? timeAgo(a.passwordChangedAt, props.now, a.timeZone) : '—'}</dd>
            </div>
          </dl>
          <p class="card-note">Roles and licences are managed by your spa’s owner or manager.</p>
        </Card>
      </div>
    </div>
  );
}
