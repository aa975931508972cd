import type { Context } from 'hono';
import { z } from 'zod';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { parseForm } from '../../infra/http/forms.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { crmPage } from '../../ui/crm-page.tsx';
import { FORM_LINK_DAYS, getSpaSettings, IDLE_MINUTES, MAJORITY_AGE, updateSpaSettings } from './settings.ts';
import type { SpaProfile } from '../tenancy/service.ts';
import { LogoCard } from './views/logo-card.tsx';
import { SettingsPage } from './views/settings.tsx';

export const SETTINGS = 'manage:settings:any';

const wholeNumber = (what: string, range: { min: number; max: number }) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${what}.`)
    .regex(/^\d{1,3}$/, `Enter a whole number from ${range.min} to ${range.max}.`)
    .transform(Number)
    .refine((n) => n >= range.min && n <= range.max, `Choose a number from ${range.min} to ${range.max}.`);

const settingsSchema = z.object({
  idle_timeout_minutes: wholeNumber('the number of minutes', IDLE_MINUTES),
  age_of_majority: wholeNumber('an age', MAJORITY_AGE),
  chart_cosign: z.literal('yes').optional(),
  // Absent (a form from before the setting existed) keeps the spa's current value.
  form_link_days: wholeNumber('the number of days', FORM_LINK_DAYS).optional(),
});

function links(c: Context<AppEnv>) {
  const has = (p: string) => c.get('principal')!.permissions.has(p);
  return [
    ...(has('manage:staff:any') ? [{ href: '/settings/staff', title: 'Staff', text: 'Invite people, change their roles, record licences, deactivate.' }] : []),
    ...(has('manage:role:any') ? [{ href: '/settings/roles', title: 'Roles', text: 'See what each role may do, and create roles of your own.' }] : []),
    ...(has('manage:schedule:any')
      ? [
          { href: '/settings/locations', title: 'Locations', text: 'Opening hours, closures and holidays, rooms and devices.' },
          { href: '/settings/schedules', title: 'Schedules', text: 'Who works where and when: weekly hours, breaks, one-off days, time off.' },
          { href: '/settings/services', title: 'Services', text: 'What clients book: phases, prices, who may perform them, the forms they ask for.' },
          { href: '/settings/products', title: 'Products', text: 'What is injected or applied, for charts and lot recall.' },
        ]
      : []),
    ...(has('manage:form:any') ? [{ href: '/settings/forms', title: 'Forms', text: 'Intake, consents and releases: build them, and choose when they are asked.' }] : []),
  ];
}

const NOTICES: Record<string, string> = { saved: 'Settings saved.', logo: 'Logo saved.', 'logo-removed': 'Logo removed.' };

/** The settings page as saved, with a refused logo upload's message when there is one. */
export function savedSettingsPage(c: Context<AppEnv>, spa: SpaProfile, logoError?: string) {
  const values = {
    idle_timeout_minutes: String(spa.idleTimeoutMinutes),
    age_of_majority: String(spa.ageOfMajority),
    chart_cosign: spa.chartCosignRequired ? 'yes' : '',
    form_link_days: String(spa.formLinkDays),
  };
  const notice = logoError ? undefined : NOTICES[c.req.query('done') ?? ''];
  const logo = <LogoCard spaName={spa.displayName} version={spa.logoVersion} error={logoError} csrfToken={csrfToken(c)} />;
  return crmPage(c, { title: 'Settings', section: '/settings' }, <SettingsPage spaName={spa.displayName} values={values} csrfToken={csrfToken(c)} notice={notice} links={links(c)} logo={logo} />);
}

export function registerSettingsRoutes(router: SurfaceRouter): void {
  router.get('/settings', SETTINGS, async (c) => savedSettingsPage(c, await withTenant(c.var.deps.db, requestScope(c), getSpaSettings)));

  router.post('/settings', SETTINGS, async (c) => {
    const form = await parseForm(c, settingsSchema);
    if (!form.ok) {
      const values = {
        idle_timeout_minutes: form.values.idle_timeout_minutes ?? '',
        age_of_majority: form.values.age_of_majority ?? '',
        chart_cosign: form.values.chart_cosign ?? '',
        form_link_days: form.values.form_link_days ?? '',
      };
      c.status(400);
      const principal = c.get('principal')!;
      const logo = <LogoCard spaName={principal.spaName} version={principal.spaLogoVersion ?? null} csrfToken={csrfToken(c)} />;
      return crmPage(c, { title: 'Settings', section: '/settings' }, <SettingsPage spaName={principal.spaName} values={values} errors={form.errors} csrfToken={csrfToken(c)} links={links(c)} logo={logo} />);
    }
    await withTenant(c.var.deps.db, requestScope(c), (ctx) =>
      updateSpaSettings(ctx, {
        idleTimeoutMinutes: form.data.idle_timeout_minutes,
        ageOfMajority: form.data.age_of_majority,
        chartCosignRequired: form.data.chart_cosign === 'yes',
        formLinkDays: form.data.form_link_days,
      }),
    );
    return c.redirect('/settings?done=saved', 303);
  });
}
