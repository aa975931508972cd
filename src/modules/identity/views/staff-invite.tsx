/** Settings → Staff → Invite: name, email and roles; the person chooses their own password from the emailed link. */
import { Alert, Button, Card, CsrfField, Field, PageHeader } from '../../../ui/components.tsx';
import type { RoleOption } from '../staff.ts';
import { RoleChecklist } from './staff-parts.tsx';

export interface InviteForm {
  values: Record<string, string>;
  roleIds: string[];
  errors: Record<string, string>;
}

export function InviteStaffPage(props: { spaName: string; roles: RoleOption[]; csrfToken: string; form?: InviteForm }) {
  const v = props.form?.values ?? {};
  const e = props.form?.errors ?? {};
  const general = e.form;
  return (
    <div class="stack-lg narrow">
      <PageHeader
        eyebrow={<a href="/settings/staff">← Staff</a>}
        title="Invite someone"
        description={`We email them a link to choose their password and join ${props.spaName}. The link works once, for 7 days; they set up two-step verification when they first sign in.`}
      />
      {Object.keys(e).length ? <Alert tone="error">{general ?? 'Please check the fields marked below. Nothing was saved.'}</Alert> : null}
      <Card>
        <form class="form" method="post" action="/settings/staff/invite">
          <CsrfField token={props.csrfToken} />
          <Field name="full_name" label="Full name" value={v.full_name} error={e.full_name} required maxlength={120} autocomplete="off" autofocus={!v.full_name} hint="As colleagues should see it, e.g. “Priya Shah, NP”." class="field--medium" />
          <Field name="email" type="email" label="Work email" value={v.email} error={e.email} required maxlength={254} autocomplete="off" spellcheck={false} attrs={{ autocapitalize: 'none' }} hint="The invitation goes here, and they sign in with it." class="field--medium" />
          <RoleChecklist roles={props.roles} selected={props.form?.roleIds ?? []} error={e.roles} />
          <div class="form__actions">
            <Button variant="primary">Send invitation</Button>
            <Button variant="link" href="/settings/staff">
              Cancel
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
