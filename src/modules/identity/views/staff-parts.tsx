/** Small pieces shared by the staff, account and invitation pages. */
import type { Child } from 'hono/jsx';
import { Badge, Button, CheckboxField, CsrfField } from '../../../ui/components.tsx';
import { FieldError } from '../../../ui/components/field-parts.tsx';
import { LICENCE_STATES, credentialShortName } from '../credential-catalogue.ts';
import type { OperatorStatus, RoleOption, StaffCredential } from '../staff.ts';
import { formatDay } from '../../../ui/format.ts';

export function StatusBadge(props: { status: OperatorStatus }) {
  if (props.status === 'active') return <Badge tone="success">Active</Badge>;
  if (props.status === 'invited') return <Badge tone="info">Invited</Badge>;
  return <Badge>Deactivated</Badge>;
}

export function RoleBadges(props: { roles: readonly { name: string }[] }) {
  if (!props.roles.length) return <span class="muted">No role</span>;
  return (
    <span class="badge-list">
      {props.roles.map((r) => (
        <Badge tone="accent">{r.name}</Badge>
      ))}
    </span>
  );
}

/** "NP · CA", flagged in words (not only colour) when expired or due within 60 days. */
export function CredentialBadge(props: { credential: StaffCredential }) {
  const c = props.credential;
  const name = `${credentialShortName(c.kind)} · ${c.licenceState}`;
  if (c.standing === 'expired') return <Badge tone="danger">{name} · expired</Badge>;
  if (c.standing === 'expiring') return <Badge tone="warning">{name} · expires {c.expiresOn ? formatDay(c.expiresOn) : ''}</Badge>;
  return <Badge>{name}</Badge>;
}

export function CredentialBadges(props: { credentials: readonly StaffCredential[] }) {
  if (!props.credentials.length) return <span class="muted">—</span>;
  return (
    <span class="badge-list">
      {props.credentials.map((c) => (
        <CredentialBadge credential={c} />
      ))}
    </span>
  );
}

export function stateName(code: string): string {
  return LICENCE_STATES[code] ?? code;
}

/** The roles to choose from, as checkboxes with each role's description. */
export function RoleChecklist(props: { roles: readonly RoleOption[]; selected: readonly string[]; error?: string; legend?: string }) {
  return (
    <fieldset class="fieldset role-checklist" aria-describedby={props.error ? 'roles-error' : undefined}>
      <legend class="fieldset__legend">{props.legend ?? 'Roles'}</legend>
      <p class="field__hint">Choose one or more. A person gets every permission of each of their roles.</p>
      <FieldError id="roles-error" message={props.error} />
      <div class="role-checklist__items">
        {props.roles.map((role) => (
          <CheckboxField
            id={`role-${role.id}`}
            name="roles"
            value={role.id}
            label={role.name}
            hint={role.description || undefined}
            checked={props.selected.includes(role.id)}
            class="role-checklist__item"
          />
        ))}
      </div>
    </fieldset>
  );
}

