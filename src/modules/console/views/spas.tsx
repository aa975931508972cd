/** The console's spa pages: the list, the "new spa" form and a spa's page. */
import { Alert, Button, Card, CheckboxField, CsrfField, EmptyState, Field, PageHeader, SelectField, TextareaField } from '../../../ui/components.tsx';
import type { ConsoleWindow } from '../break-glass.ts';
import type { ConsoleEvent, SpaDetail, SpaOwner, SpaSummary } from '../spas.ts';
import { BreakGlassCard, type BreakGlassFormState } from './break-glass.tsx';
import { CURRENT_BAA_VERSION, US_STATES } from '../spa-form.ts';
import { Confirm, Facts, formatDayTime, plural, SpaStatusBadge, When } from './parts.tsx';

function BaaCell(props: { version: string | null; at: Date | null }) {
  if (!props.version || !props.at) return <span class="console-warn-text">Not recorded</span>;
  return (
    <span class="console-stack">
      <span>{props.version}</span>
      <span class="muted text-sm">
        signed <When at={props.at} />
      </span>
    </span>
  );
}

function Operators(props: { active: number; invited: number }) {
  return (
    <span class="console-stack">
      <span>{props.active.toLocaleString('en-US')} active</span>
      {props.invited ? <span class="muted text-sm">{props.invited.toLocaleString('en-US')} invited</span> : null}
    </span>
  );
}

export function SpasPage(props: { spas: SpaSummary[]; canCreate: boolean; host: (slug: string) => string }) {
  const count = (status: string) => props.spas.filter((s) => s.status === status).length;
  return (
    <div class="stack-lg">
      <PageHeader
        title="Spas"
        description="Every spa on Lumè, how its contract stands and how many people use it. The console never shows a spa’s clients or records."
        actions={
          props.canCreate ? (
            <Button variant="primary" href="/spas/new">
              New spa
            </Button>
          ) : undefined
        }
      />
      {props.spas.length === 0 ? (
        <EmptyState title="No spas yet" icon="inbox" action={props.canCreate ? <Button variant="primary" href="/spas/new">Create the first spa</Button> : undefined}>
          A spa appears here as soon as it is created; its owner is invited by email.
        </EmptyState>
      ) : (
        <section class="stack" aria-labelledby="spas-heading">
          <div class="console-section-head">
            <h2 id="spas-heading" class="section-title">
              All spas
            </h2>
            <p class="console-section-head__meta">
              {plural(props.spas.length, 'spa')} · {count('active')} active · {count('suspended')} suspended
              {count('terminated') ? ` · ${count('terminated')} terminated` : ''}
            </p>
          </div>
          <div class="table-wrap">
            <table class="table console-table">
              <thead>
                <tr>
                  <th scope="col">Spa</th>
                  <th scope="col">Status</th>
                  <th scope="col">BAA</th>
                  <th scope="col" class="num">
                    Operators
                  </th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {props.spas.map((s) => (
                  <tr class={s.status === 'active' ? undefined : 'is-muted'}>
                    <td data-label="Spa">
                      <span class="console-stack">
                        <a href={`/spas/${s.id}`} class="console-strong-link">
                          {s.displayName}
                        </a>
                        <span class="muted text-sm">
                          <span class="console-mono">{props.host(s.slug)}</span> · {s.stateCode}
                        </span>
                      </span>
                    </td>
                    <td data-label="Status">
                      <SpaStatusBadge status={s.status} />
                    </td>
                    <td data-label="BAA">
                      <BaaCell version={s.baaVersion} at={s.baaAcceptedAt} />
                    </td>
                    <td data-label="Operators" class="num">
                      <Operators active={s.activeOperators} invited={s.invitedOperators} />
                    </td>
                    <td data-label="Created">
                      <When at={s.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}

export interface NewSpaFormState {
  values?: Record<string, string>;
  errors?: Record<string, string>;
}

export function NewSpaPage(props: { csrfToken: string; apex: string; form?: NewSpaFormState }) {
  const v = props.form?.values ?? {};
  const e = props.form?.errors ?? {};
  const states = Object.entries(US_STATES).map(([value, label]) => ({ value, label: `${label} (${value})` }));
  const errorCount = Object.keys(e).length;
  return (
    <div class="stack-lg console-narrow">
      <PageHeader
        eyebrow={<a href="/">← Spas</a>}
        title="New spa"
        description="Creates the spa’s workspace with the standard roles, records the BAA it signed, and emails its owner a link to choose a password. The owner then invites their team."
      />
      {errorCount ? (
        <Alert tone="error" title={errorCount === 1 ? 'One thing to fix' : `${errorCount} things to fix`}>
          {e.form ?? 'Nothing was created. Check the fields marked below.'}
        </Alert>
      ) : null}
      <form class="form" method="post" action="/spas/new" novalidate>
        <CsrfField token={props.csrfToken} />
        <Card title="The spa" description="As it appears to its staff and on its contract.">
          <div class="form">
            <Field name="display_name" label="Name" value={v.display_name} required maxlength={120} error={e.display_name} hint="What the spa calls itself, e.g. Glow Aesthetics." autocomplete="off" />
            <Field name="legal_name" label="Legal name" value={v.legal_name} required maxlength={200} error={e.legal_name} hint="The entity on the contract and the BAA." autocomplete="off" />
            <Field
              name="slug"
              label="Address"
              value={v.slug}
              required
              maxlength={40}
              error={e.slug}
              spellcheck={false}
              autocomplete="off"
              inputClass="console-mono"
              hint={
                <>
                  Lower-case letters, digits and hyphens. The spa will be at <span class="console-mono">&lt;address&gt;.{props.apex}</span>; it cannot be changed later.
                </>
              }
              attrs={{ autocapitalize: 'none' }}
            />
            <SelectField name="state_code" label="State" options={states} value={v.state_code} placeholder="Choose a state…" required error={e.state_code} hint="Where the spa practises; it sets the state rules the spa starts with." />
          </div>
        </Card>
        <Card title="Owner" description="The admin contact on the contract. They become the spa’s first owner.">
          <div class="form">
            <Field name="admin_name" label="Full name" value={v.admin_name} required maxlength={120} error={e.admin_name} autocomplete="off" />
            <Field name="admin_email" type="email" label="Email" value={v.admin_email} required maxlength={254} error={e.admin_email} hint="The invitation link goes here. It works once, for 7 days." spellcheck={false} autocomplete="off" attrs={{ autocapitalize: 'none' }} />
          </div>
        </Card>
        <Card title="Business Associate Agreement" description="Lumè may hold a spa’s data only under a signed BAA.">
          <div class="form">
            <Field name="baa_version" label="BAA version signed" value={v.baa_version ?? CURRENT_BAA_VERSION} required maxlength={20} error={e.baa_version} spellcheck={false} inputClass="console-mono" autocomplete="off" />
            <CheckboxField
              name="baa_signed"
              value="yes"
              checked={v.baa_signed === 'yes'}
              error={e.baa_signed}
              label="The spa signed this version of the BAA"
              hint="Recorded with today’s date and the owner’s name."
            />
          </div>
        </Card>
        <div class="form__actions">
          <Button variant="primary" size="lg">
            Create spa and invite owner
          </Button>
          <Button variant="link" href="/">
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}

const DONE: Record<string, { tone: 'success' | 'info'; text: string }> = {
  created: { tone: 'success', text: 'Spa created. Its owner has been emailed an invitation to choose a password (the link works once, for 7 days).' },
  suspended: { tone: 'info', text: 'Spa suspended. Its operators were signed out, and its address answers “page not found” — on every app server within 5 seconds, since each remembers a spa’s status for up to 5 seconds.' },
  reactivated: { tone: 'success', text: 'Spa reactivated. Its operators can sign in again.' },
  resent: { tone: 'success', text: 'A new invitation is on its way to the owner. Earlier links no longer work.' },
  mfa_reset: {
    tone: 'success',
    text: 'The owner’s two-step verification was reset: they were signed out, their recovery codes no longer work, and they will set up a new authenticator at their next sign-in. The spa’s admin contact and the owner have been emailed.',
  },
};

const ACTION_WORDS: Record<string, string> = {
  create: 'Created the spa',
  invite: 'Invited the owner',
  suspend: 'Suspended',
  reactivate: 'Reactivated',
  mfa_reset: 'Reset an owner’s two-step verification',
  break_glass_open: 'Opened break-glass access',
};

export interface SpaPageProps {
  spa: SpaDetail;
  history: ConsoleEvent[];
  origin: string;
  canManage: boolean;
  csrfToken: string;
  done?: string;
  error?: string;
  /** The spa's active owners, for the two-step verification reset (managers only). */
  owners?: SpaOwner[];
  mfaForm?: { values?: Record<string, string>; errors?: Record<string, string> };
  /** Break-glass (SEC-9): the spa's recent windows, whether this staff member may open one, and the form's state. */
  windows?: readonly ConsoleWindow[];
  canOpenWindow?: boolean;
  now?: Date;
  breakGlassForm?: BreakGlassFormState;
}

/** SPEC §6a: an owner who lost both the authenticator and the recovery codes, reset after Lumè verified who is asking. */
function OwnerMfaResetCard(props: { spa: SpaDetail; owners: SpaOwner[]; csrfToken: string; form?: SpaPageProps['mfaForm'] }) {
  const v = props.form?.values ?? {};
  const e = props.form?.errors ?? {};
  return (
    <Card
      title="Reset an owner’s two-step verification"
      description="Only for an owner who lost both their authenticator and their recovery codes, and only after you verified who is asking."
    >
      {props.owners.length === 0 ? (
        <p class="muted">This spa has no active owner to reset.</p>
      ) : (
        <form class="form" method="post" action={`/spas/${props.spa.id}/reset-owner-mfa`} novalidate id="reset-owner-mfa">
          <CsrfField token={props.csrfToken} />
          {e.form ? <Alert tone="error">{e.form}</Alert> : null}
          <SelectField
            name="operator_id"
            label="Owner"
            options={props.owners.map((o) => ({ value: o.id, label: `${o.fullName} (${o.email})` }))}
            value={v.operator_id}
            placeholder="Choose an owner…"
            required
            error={e.operator_id}
          />
          <TextareaField
            name="verification_note"
            label="How you verified their identity"
            value={v.verification_note}
            required
            rows={3}
            maxlength={500}
            error={e.verification_note}
            hint="20 to 500 characters, e.g. “video call, photo ID matched, callback to number on file”. Kept in Lumè’s own log, not in the spa’s."
          />
          <CheckboxField
            name="identity_confirmed"
            value="yes"
            checked={v.identity_confirmed === 'yes'}
            error={e.identity_confirmed}
            label="I verified this owner’s identity"
            hint={`They will be signed out, their recovery codes will stop working, and they will set up a new authenticator at next sign-in. ${props.spa.adminContactEmail} and the owner are emailed.`}
          />
          <div class="form__actions">
            <Button variant="danger">Reset two-step verification</Button>
          </div>
        </form>
      )}
    </Card>
  );
}

export function SpaPage(props: SpaPageProps) {
  const { spa } = props;
  const notice = props.done ? DONE[props.done] : undefined;
  return (
    <div class="stack-lg">
      <PageHeader
        eyebrow={<a href="/">← Spas</a>}
        title={spa.displayName}
        description={
          <span class="cluster">
            <SpaStatusBadge status={spa.status} />
            <span class="console-mono">{props.origin}</span>
          </span>
        }
      />
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {props.error ? <Alert tone="error">{props.error}</Alert> : null}
      {spa.status === 'suspended' ? (
        <Alert tone="warning" title="Suspended">
          Nobody can sign in, and every page at this spa’s address answers “page not found”. Its data is kept as it was.
        </Alert>
      ) : null}
      <div class="console-split">
        <div class="stack-lg">
          <Card title="Contract">
            <Facts
              rows={[
                ['Legal name', spa.legalName],
                ['State', `${US_STATES[spa.stateCode] ?? spa.stateCode} (${spa.stateCode})`],
                ['Admin contact', <span class="console-stack"><span>{spa.adminContactName}</span><span class="muted">{spa.adminContactEmail}</span></span>],
                [
                  'BAA',
                  spa.baaVersion && spa.baaAcceptedAt ? (
                    <span>
                      Version <strong>{spa.baaVersion}</strong>, signed by {spa.baaAcceptedBy} on <When at={spa.baaAcceptedAt} />
                    </span>
                  ) : (
                    <span class="console-warn-text">Not recorded</span>
                  ),
                ],
                ['Created', <When at={spa.createdAt} withTime />],
              ]}
            />
          </Card>
          <Card title="Use">
            <Facts
              rows={[
                ['Operators', `${spa.activeOperators.toLocaleString('en-US')} active, ${spa.invitedOperators.toLocaleString('en-US')} invited`],
                ['Locations', plural(spa.locations, 'location')],
                ['Owner invitation', spa.ownersInvited ? <span class="console-warn-text">Not accepted yet</span> : 'Accepted'],
              ]}
            />
            {props.canManage && spa.ownersInvited && spa.status === 'active' ? (
              <div class="console-card-actions">
                <Confirm label="Send the invitation again" action={`/spas/${spa.id}/resend-invitation`} csrfToken={props.csrfToken} confirmLabel="Send a new link" tone="primary">
                  A new link goes to {spa.adminContactEmail}. Earlier links stop working.
                </Confirm>
              </div>
            ) : null}
          </Card>
        </div>
        <div class="stack-lg">
          {props.canManage && spa.status !== 'terminated' ? (
            <Card title={spa.status === 'active' ? 'Suspend' : 'Reactivate'}>
              {spa.status === 'active' ? (
                <div class="stack">
                  <p>Suspending stops the spa at once: its operators are signed out, nobody can sign in, and its address answers “page not found” — to its clients’ booking and form links too. Nothing is deleted.</p>
                  <Confirm label="Suspend this spa…" action={`/spas/${spa.id}/suspend`} csrfToken={props.csrfToken} confirmLabel={`Suspend ${spa.displayName}`}>
                    Each app server remembers a spa’s status for up to 5 seconds, so a page may still open for a few seconds after this.
                  </Confirm>
                </div>
              ) : (
                <div class="stack">
                  <p>Reactivating opens the spa’s address again and lets its operators sign in.</p>
                  <Confirm label="Reactivate this spa…" action={`/spas/${spa.id}/reactivate`} csrfToken={props.csrfToken} confirmLabel={`Reactivate ${spa.displayName}`} tone="primary">
                    It takes effect on every app server within 5 seconds.
                  </Confirm>
                </div>
              )}
            </Card>
          ) : null}
          {spa.status !== 'terminated' ? (
            <BreakGlassCard spa={spa} windows={props.windows ?? []} now={props.now ?? new Date()} canOpen={props.canOpenWindow ?? false} csrfToken={props.csrfToken} form={props.breakGlassForm} />
          ) : null}
          {props.canManage && spa.status !== 'terminated' ? <OwnerMfaResetCard spa={spa} owners={props.owners ?? []} csrfToken={props.csrfToken} form={props.mfaForm} /> : null}
          <Card title="Console history" description="What Lumè staff did to this spa.">
            {props.history.length ? (
              <ol class="console-timeline">
                {props.history.map((e) => (
                  <li class="console-timeline__item">
                    <span class="console-timeline__what">
                      {ACTION_WORDS[e.action] ?? e.action.replaceAll('_', ' ')}
                      {e.outcome === 'success' ? '' : ` (${e.outcome.replace('_', ' ')})`}
                    </span>
                    <span class="muted text-sm">
                      {e.staffName ?? 'Lumè'} · {formatDayTime(e.occurredAt)}
                    </span>
                  </li>
                ))}
              </ol>
            ) : (
              <p class="muted">Nothing yet.</p>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
