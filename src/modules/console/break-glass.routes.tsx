import type { Context } from 'hono';
import { originFor } from '../../config.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { notFound } from '../../infra/http/errors.ts';
import { parseForm } from '../../infra/http/forms.ts';
import { consumeRateLimit, rateLimitHits } from '../../infra/http/rate-limit.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { BREAK_GLASS_CODE_FAILURES, breakGlassSchema, openWindow, windowOpenedEmail, type OpenedWindow } from './break-glass.ts';
import { withConsole } from './context.ts';
import { consoleScope, signedInStaff } from './guard.ts';
import { consolePage } from './page.tsx';
import { renderSpa } from './spas.routes.tsx';
import { isRecordId } from './validation.ts';
import { BreakGlassOpenedPage } from './views/break-glass.tsx';

const OPEN = 'use:break-glass:any';

/** Tells the spa at once (SEC-9): the admin contact's email, through the PHI email port. */
async function notifySpa(c: Context<AppEnv>, w: OpenedWindow): Promise<void> {
  const { config, messaging } = c.var.deps;
  const mail = windowOpenedEmail(w, `${originFor(config, w.slug)}/`);
  await messaging.phiEmail.send({ to: w.adminContactEmail, subject: mail.subject, text: mail.text, spaSlug: w.slug });
}

/** Break-glass from a spa's page in the console. */
export function registerConsoleBreakGlassRoutes(router: SurfaceRouter): void {
  router.post('/spas/:id/break-glass', OPEN, async (c) => {
    const id = c.req.param('id');
    if (!isRecordId(id)) throw notFound();
    const form = await parseForm(c, breakGlassSchema);
    const shown = { ...form.values, code: '' };
    if (!form.ok) return renderSpa(c, id, { breakGlassForm: { values: shown, errors: form.errors } }, 400);
    const staff = signedInStaff(c);
    const { db, config, log, now } = c.var.deps;
    if ((await rateLimitHits(db, BREAK_GLASS_CODE_FAILURES, staff.staffId, c.var.requestId)) >= BREAK_GLASS_CODE_FAILURES.limit) {
      return renderSpa(c, id, { breakGlassForm: { values: shown, errors: { code: 'Too many wrong codes. Wait 15 minutes, then try again.' } } }, 429);
    }
    const at = now();
    const result = await withConsole(db, consoleScope(c), (ctx) => openWindow(ctx, config.masterKey, staff.staffId, id, form.data, at));
    if (!result.ok) {
      if (result.status === 404) throw notFound();
      if (result.field === 'code') await consumeRateLimit(db, BREAK_GLASS_CODE_FAILURES, staff.staffId, c.var.requestId);
      return renderSpa(c, id, { breakGlassForm: { values: shown, errors: { [result.field ?? 'form']: result.message } } }, result.status);
    }
    // High severity for whoever watches the logs: ids only, never the reason.
    log.warn({ event: 'break_glass_opened', tenant: id, staff: staff.staffId, grant: result.grantId, minutes: result.minutes }, 'break-glass access opened');
    await notifySpa(c, result);
    const link = `${originFor(config, result.slug)}/break-glass/${result.token}`;
    return consolePage(c, { title: 'Break-glass access', section: '/' }, <BreakGlassOpenedPage window={result} link={link} spaId={id} />);
  });
}
