/** One role: read-only for built-in roles; a form for custom ones (and for creating one). */
import { ConfirmAction, Alert, Button, Card, CheckboxField, CsrfField, Field, Icon, PageHeader, TextareaField } from '../../../ui/components.tsx';
import { FieldError } from '../../../ui/components/field-parts.tsx';
import { permissionGroups } from '../permission-groups.ts';
import type { RoleDetail } from '../roles-admin.ts';
import { StatusBadge } from './staff-parts.tsx';

export interface RoleFormState {
  values: Record<string, string>;
  permissions: string[];
  errors: Record<string, string>;
}

function PermissionChecklist(props: { selected: string[]; error?: string }) {
  return (
    <div class="stack">
      <div>
        <p class="fieldset__legend" id="permissions-label">
          Permissions
        </p>
        <p class="field__hint">Give the least a person needs for their work. Clinical data is only for people who treat clients.</p>
        <FieldError id="permissions-error" message={props.error} />
      </div>
      <div class="permission-area">
      <div class="permission-groups">
        {permissionGroups().map((group) => (
          <fieldset class="fieldset permission-group">
            <legend class="permission-group__title">{group.title}</legend>
            <div class="stack-sm">
              {group.permissions.map((p) => (
                <CheckboxField id={`perm-${p.key}`} name="permissions" value={p.key} label={p.label} checked={props.selected.includes(p.key)} />
              ))}
            </div>
          </fieldset>
        ))}
      </div>
      </div>
    </div>
  );
}

function RoleFields(props: { form: RoleFormState }) {
  const { values, errors } = props.form;
  return (
    <>
      <Field name="name" label="Name" value={values.name} error={errors.name} required maxlength={60} hint="For example “Lead injector” or “Front desk — evenings”." />
      <TextareaField name="description" label="What it is for" value={values.description} error={errors.description} optional maxlength={300} rows={2} />
      <PermissionChecklist selected={props.form.permissions} error={errors.permissions} />
    </>
  );
}

function formAlert(errors: Record<string, string>) {
  if (!Object.keys(errors).length) return null;
  return <Alert tone="error">{errors.form ?? 'Please check the fields marked below. Nothing was saved.'}</Alert>;
}

export function NewRolePage(props: { csrfToken: string; form: RoleFormState; basedOn?: string }) {
  return (
    <div class="stack-lg narrow-wide">
      <PageHeader
        eyebrow={<a href="/settings/roles">← Roles</a>}
        title="Create a role"
        description={props.basedOn ? `Starting from the permissions of ${props.basedOn}. Adjust them, name the role and save.` : 'Name the role and choose its permissions. Then give it to people on their staff page.'}
      />
      {formAlert(props.form.errors)}
      <Card>
        <form class="form" method="post" action="/settings/roles/new">
          <CsrfField token={props.csrfToken} />
          <RoleFields form={props.form} />
          <div class="form__actions">
            <Button variant="primary">Create role</Button>
            <Button variant="link" href="/settings/roles">
              Cancel
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}

function Members(props: { role: RoleDetail; linkPeople: boolean }) {
  if (!props.role.members.length) return <p class="muted">Nobody holds this role yet.</p>;
  return (
    <ul class="plain-list member-list">
      {props.role.members.map((m) => (
        <li>
          {props.linkPeople ? <a href={`/settings/staff/${m.id}`}>{m.fullName}</a> : m.fullName} {m.status !== 'active' ? <StatusBadge status={m.status as 'invited' | 'deactivated'} /> : null}
        </li>
      ))}
    </ul>
  );
}

export function BuiltinRolePage(props: { role: RoleDetail; linkPeople: boolean }) {
  const { role } = props;
  return (
    <div class="stack-lg">
      <PageHeader
        eyebrow={<a href="/settings/roles">← Roles</a>}
        title={role.name}
        description={role.description}
        actions={
          <Button href={`/settings/roles/new?from=${role.id}`}>Create a role based on this one</Button>
        }
      />
      <Alert tone="info">Built-in roles cannot be changed or deleted, so every spa starts from the same safe defaults. For a different mix, create a custom role.</Alert>
      <Card title="Permissions" description="What people with this role may do. Greyed items are not included.">
        <div class="permission-area">
          <div class="permission-groups">
            {permissionGroups().map((group) => (
              <section class="permission-group" aria-label={group.title}>
                <h3 class="permission-group__title">{group.title}</h3>
                <ul class="permission-list">
                  {group.permissions.map((p) => {
                    const has = role.permissions.includes(p.key);
                    return (
                      <li class={has ? 'permission-list__item is-on' : 'permission-list__item'}>
                        {has ? <Icon name="check" class="permission-list__icon" /> : <span class="permission-list__icon" aria-hidden="true" />}
                        <span>{p.label}</span>
                        <span class="visually-hidden">{has ? '(included)' : '(not included)'}</span>
                      </li>
                    );
                  })}
                </ul>
              </section>
            ))}
          </div>
        </div>
      </Card>
      <Card title="People with this role">
        <Members role={role} linkPeople={props.linkPeople} />
      </Card>
    </div>
  );
}

export function CustomRolePage(props: { role: RoleDetail; csrfToken: string; form: RoleFormState; linkPeople: boolean; notice?: string; error?: string }) {
  const { role } = props;
  const holders = role.members.length;
  return (
    <div class="stack-lg">
      <PageHeader eyebrow={<a href="/settings/roles">← Roles</a>} title={role.name} description={role.description || 'A custom role of this spa.'} />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      {props.error ? <Alert tone="error">{props.error}</Alert> : null}
      {formAlert(props.form.errors)}
      <div class="split split--main-aside">
        <Card title="Edit role" description="Changes apply to everyone with this role from their next click.">
          <form class="form" method="post" action={`/settings/roles/${role.id}`}>
            <CsrfField token={props.csrfToken} />
            <RoleFields form={props.form} />
            <div class="form__actions">
              <Button variant="primary">Save changes</Button>
            </div>
          </form>
        </Card>
        <div class="stack-lg">
          <Card title="People with this role">
            <Members role={role} linkPeople={props.linkPeople} />
          </Card>
          <Card title="Delete this role">
            {holders ? (
              <p class="muted">
                {holders === 1 ? 'One person holds' : `${holders} people hold`} this role. Give them another role first; then you can delete it.
              </p>
            ) : (
              <ConfirmAction label="Delete role…" action={`/settings/roles/${role.id}/delete`} csrfToken={props.csrfToken} confirmLabel={`Delete ${role.name}`}>
                <p>Nobody holds this role. Deleting it cannot be undone.</p>
              </ConfirmAction>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
