/** Settings → Roles: every role with its permissions, side by side. */
import { Alert, Badge, Button, Icon, PageHeader } from '../../../ui/components.tsx';
import { permissionGroups } from '../permission-groups.ts';
import { PERMISSIONS } from '../permissions.ts';
import type { RoleSummary } from '../roles-admin.ts';

export function RoleKindBadge(props: { builtin: boolean }) {
  return props.builtin ? <Badge>Built-in</Badge> : <Badge tone="accent">Custom</Badge>;
}

function Matrix(props: { roles: RoleSummary[] }) {
  return (
    <div class="table-wrap table-wrap--contained">
      <table class="table matrix">
        <caption class="visually-hidden">Which permissions each role includes</caption>
        <thead>
          <tr>
            <th scope="col">Permission</th>
            {props.roles.map((r) => (
              <th scope="col" class="matrix__role">
                <a href={`/settings/roles/${r.id}`}>{r.name}</a>
              </th>
            ))}
          </tr>
        </thead>
        {permissionGroups().map((group) => (
          <tbody>
            <tr class="matrix__group">
              <th scope="rowgroup" colspan={props.roles.length + 1}>
                {group.title}
              </th>
            </tr>
            {group.permissions.map((p) => (
              <tr>
                <th scope="row" class="matrix__label">
                  {p.label}
                </th>
                {props.roles.map((r) =>
                  r.permissions.includes(p.key) ? (
                    <td class="matrix__cell matrix__cell--yes">
                      <Icon name="check" />
                      <span class="visually-hidden">Yes</span>
                    </td>
                  ) : (
                    <td class="matrix__cell">
                      <span aria-hidden="true">·</span>
                      <span class="visually-hidden">No</span>
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

export function RolesPage(props: { roles: RoleSummary[]; notice?: string }) {
  const total = Object.keys(PERMISSIONS).length;
  return (
    <div class="stack-lg">
      <PageHeader
        title="Roles"
        description="A role is a set of permissions. A person may hold several roles and gets every permission of each. Changes apply from everyone’s next click."
        actions={
          <Button variant="primary" href="/settings/roles/new">
            Create a role
          </Button>
        }
      />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      <div class="table-wrap table-wrap--contained">
        <table class="table table--stack">
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">What it is for</th>
              <th scope="col" class="num">People</th>
              <th scope="col" class="num">Permissions</th>
            </tr>
          </thead>
          <tbody>
            {props.roles.map((r) => (
              <tr>
                <td data-label="Role">
                  <span class="role-name">
                    <a href={`/settings/roles/${r.id}`}>{r.name}</a>
                    <RoleKindBadge builtin={r.builtin} />
                  </span>
                </td>
                <td data-label="What it is for" class="wrap">
                  {r.description || <span class="muted">—</span>}
                </td>
                <td data-label="People" class="num">
                  {r.memberCount}
                </td>
                <td data-label="Permissions" class="num">
                  {r.permissions.filter((p) => Object.hasOwn(PERMISSIONS, p)).length} of {total}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section class="stack" aria-labelledby="matrix-heading">
        <h2 id="matrix-heading" class="section-title">
          Permissions by role
        </h2>
        <Matrix roles={props.roles} />
      </section>
    </div>
  );
}
