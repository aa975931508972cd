import type { Context } from 'hono';
import { originFor } from '../../config.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { parseForm } from '../../infra/http/forms.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { policyPath } from '../identity/policy-notices.ts';
import { withConsole } from './context.ts';
import { consoleScope, signedInStaff } from './guard.ts';
import { consolePage } from './page.tsx';
import { listPolicies, policyChangeEmail, publishPolicy, publishPolicySchema } from './policies.ts';
import { PoliciesPage, type PoliciesPageProps } from './views/policies.tsx';

const MANAGE = 'manage:policy:any';

async function render(c: Context<AppEnv>, extra: Partial<PoliciesPageProps> = {}, status: 200 | 400 | 409 = 200) {
  const policies = await withConsole(c.var.deps.db, consoleScope(c), listPolicies);
  c.status(status);
  return consolePage(c, { title: 'Policies', section: '/policies' }, <PoliciesPage policies={policies} csrfToken={csrfToken(c)} {...extra} />);
}

/** Policy changes (SPEC LIFE-6): the list of versions and the publish form. */
export function registerConsolePolicyRoutes(router: SurfaceRouter): void {
  router.get('/policies', MANAGE, (c) => {
    const emailed = c.req.query('emailed');
    const version = c.req.query('published');
    const published = version && /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/.test(version) ? { version, emailed: emailed && /^\d{1,6}$/.test(emailed) ? Number(emailed) : null } : undefined;
    return render(c, { published });
  });

  router.post('/policies', MANAGE, async (c) => {
    const form = await parseForm(c, publishPolicySchema);
    if (!form.ok) return render(c, { form: { values: form.values, errors: form.errors } }, 400);
    const staff = signedInStaff(c);
    const { db, config, messaging, now } = c.var.deps;
    const result = await withConsole(db, consoleScope(c), (ctx) => publishPolicy(ctx, staff.staffId, form.data, now()));
    if (!result.ok) return render(c, { form: { values: form.values, errors: { [result.field]: result.message } } }, 409);
    const link = `${originFor(config)}${policyPath(result.policy.kind)}`;
    for (const contact of result.contacts) {
      const mail = policyChangeEmail(result.policy, contact, link);
      await messaging.phiEmail.send({ to: contact.email, subject: mail.subject, text: mail.text, spaSlug: contact.slug });
    }
    const query = new URLSearchParams({ published: result.policy.version });
    if (result.policy.material) query.set('emailed', String(result.contacts.length));
    return c.redirect(`/policies?${query}`, 303);
  });
}
