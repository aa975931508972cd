/**
 * The spa's logo (issue 7): uploaded, replaced and removed in Settings by those who manage the
 * spa's settings, and served on the spa's host to anyone (the client's fill page and the kiosk have
 * no sign-in; a logo is not PHI). The served address carries the logo's version, so browsers keep
 * it for a year and a new logo gets a new address.
 */
import type { Context } from 'hono';
import { withTenant } from '../../../infra/db/tenant.ts';
import type { AppEnv } from '../../../infra/http/context.ts';
import { HttpError, notFound } from '../../../infra/http/errors.ts';
import type { SurfaceRouter } from '../../../infra/http/router.ts';
import { requestScope } from '../../../infra/http/scope.ts';
import { getSpaProfile } from '../../tenancy/service.ts';
import { savedSettingsPage, SETTINGS } from '../settings.routes.tsx';
import { LogoRefusedError, LogosBusyError, MAX_LOGO_BYTES, prepareLogo, type PreparedLogo } from './logo-image.ts';
import { readSpaLogo, removeSpaLogo, saveSpaLogo } from './spa-logo.ts';

/** Room for the multipart envelope and the CSRF field around a file of the largest accepted size. */
const UPLOAD_BODY_BYTES = MAX_LOGO_BYTES + 64 * 1024;

async function refused(c: Context<AppEnv>, status: 400 | 413 | 415 | 422, message: string): Promise<Response> {
  const spa = await withTenant(c.var.deps.db, requestScope(c), getSpaProfile);
  c.status(status);
  return savedSettingsPage(c, spa, `${message} Nothing was saved.`);
}

export function registerSpaLogoRoutes(router: SurfaceRouter): void {
  router.post(
    '/settings/logo',
    SETTINGS,
    async (c) => {
      const body = await c.req.parseBody();
      const file = body.logo;
      if (!(file instanceof File) || (file.size === 0 && file.name === '')) return refused(c, 400, 'Choose the logo’s image file.');
      let logo: PreparedLogo;
      try {
        logo = await prepareLogo(new Uint8Array(await file.arrayBuffer()));
      } catch (error) {
        if (error instanceof LogoRefusedError) return refused(c, error.status, error.message);
        if (error instanceof LogosBusyError) throw new HttpError(503, error.message, { 'Retry-After': '5' });
        throw error;
      }
      const operatorId = c.get('principal')!.operatorId;
      await withTenant(c.var.deps.db, requestScope(c), (ctx) => saveSpaLogo(ctx, logo, operatorId));
      return c.redirect('/settings?done=logo#logo', 303);
    },
    { bodyLimit: { bytes: UPLOAD_BODY_BYTES, tooLarge: `That file is larger than ${MAX_LOGO_BYTES / (1024 * 1024)} MB, the most a logo may be. Nothing was saved: export the logo smaller and upload it again.` } },
  );

  router.post('/settings/logo/remove', SETTINGS, async (c) => {
    await withTenant(c.var.deps.db, requestScope(c), removeSpaLogo);
    return c.redirect('/settings?done=logo-removed#logo', 303);
  });

  router.get('/brand/logo', 'public', async (c) => {
    const logo = await withTenant(c.var.deps.db, requestScope(c), readSpaLogo);
    if (!logo) throw notFound();
    const etag = `"${logo.version}"`;
    // The asked version is the current one: it never changes under this address. Otherwise (no
    // version, or an old page's) the browser must check again, so a replaced logo shows at once.
    c.header('Cache-Control', c.req.query('v') === logo.version ? 'public, max-age=31536000, immutable' : 'no-cache');
    c.header('ETag', etag);
    c.header('X-Content-Type-Options', 'nosniff');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    c.header('Content-Type', logo.contentType);
    c.header('Content-Disposition', `inline; filename="logo.${logo.contentType === 'image/webp' ? 'webp' : 'png'}"`);
    return c.body(new Uint8Array(logo.image));
  });
}
