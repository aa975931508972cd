/**
 * The client's form pages on the spa's host (issue 7, PUB-1, §6a), reached by a sent link: the
 * token moves at once into a short-lived HttpOnly cookie scoped to /f and out of the address bar;
 * every page is no-store and sends no Referer. A bad, revoked or expired link gets one plain page
 * (410) and counts against the address (more than 20 a minute: 429). Answers are saved into the
 * form's progress whatever they hold, with each field's message beside it. An intake form signed
 * before may be filled from last time once the client confirms a code sent to them (prefill.ts).
 * On the front desk's tablet (kiosk mode, ADR 012) the link is served only while the session lent
 * to it lasts, every access is audited naming the lending operator, and earlier answers may be held back.
 */
import type { Context } from 'hono';
import { withTenant, type ServiceCtx, type TenantScope } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { dropLinkToken, heldLinkToken, holdLinkToken, type LinkCookie } from '../identity/link-cookie.ts';
import { HttpError } from '../../infra/http/errors.ts';
import { consumeRateLimit } from '../../infra/http/rate-limit.ts';
import { formFields } from '../../infra/http/forms.ts';
import { guardLinkAttempts, spaBrand } from '../identity/link-pages.tsx';
import { BAD_LINKS_PER_IP } from '../identity/password-reset.ts';
import { answersFromForm, isLang, type Lang } from './definition.ts';
import { fillPageSpa, loadFillPage, type FillPageData } from './fill-page-data.ts';
import { deliverLinkMessage, openFormLink, saveFormProgress, signLinkedForm } from './form-links.ts';
import { confirmPrefillCode, sendPrefillCode } from './prefill.ts';
import { FillPage, FormLinkGonePage, FormsSignedPage } from './views/fill-page.tsx';
import { gateKioskLink, kioskActor, type KioskGate } from '../kiosk/kiosk.ts';
import { KIOSK_ENDED_REASON, KioskEndedPage, KioskThanksPage } from '../kiosk/views/kiosk-pages.tsx';
import type { PrefillNotice } from './views/prefill-panel.tsx';

export const FORM_COOKIE: LinkCookie = { name: '__Secure-lume_form', path: '/f' };

function privatePage(c: Context<AppEnv>): void {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
}

const langOf = (c: Context<AppEnv>, fallback: string | undefined): Lang => {
  const asked = c.req.query('lang') ?? fallback;
  return isLang(asked) ? asked : 'en';
};

async function clientLanguage(ctx: ServiceCtx, clientId: string): Promise<Lang | null> {
  const { rows } = await ctx.tx.$client.query<{ lang: string }>('SELECT preferred_language AS lang FROM clients WHERE id = $1', [clientId]);
  const lang = rows[0]?.lang;
  return isLang(lang) ? lang : null;
}

/** The same page whatever was wrong with the link, counted against the address. */
async function gone(c: Context<AppEnv>): Promise<Response> {
  privatePage(c);
  dropLinkToken(c, FORM_COOKIE);
  const retry = await consumeRateLimit(c.var.deps.db, BAD_LINKS_PER_IP, c.var.ip, c.var.requestId);
  if (retry) throw new HttpError(429, 'Too many links that do not work came from your network. Please wait a minute and try again.', { 'Retry-After': String(retry) });
  return c.html(<FormLinkGonePage {...await spaBrand(c)} />, 410);
}

/** On a lent tablet, the operator who lent it is the actor of every audit row, beside the client they name. */
function fillScope(c: Context<AppEnv>): TenantScope {
  const hold = c.get('kioskHold');
  return hold ? { ...requestScope(c), actor: kioskActor(hold) } : requestScope(c);
}

type Served = Extract<KioskGate, { state: 'phone' | 'kiosk' }>;
const hideBefore = (gate: Served) => (gate.state === 'kiosk' ? gate.hideProgressBefore : null);

/**
 * Runs a fill-page request in one transaction once the kiosk gate lets the link through; a kiosk
 * whose lent session is over (or a lent tablet asking for another link) gets its own answer instead.
 */
async function withLink<T>(c: Context<AppEnv>, fn: (ctx: ServiceCtx, token: string, gate: Served) => Promise<T>): Promise<{ shut: 'ended' | 'refused' } | { shut: null; value: T }> {
  const token = heldLinkToken(c, FORM_COOKIE);
  return withTenant(c.var.deps.db, fillScope(c), async (ctx) => {
    const gate = await gateKioskLink(ctx, token, c.get('kioskHold'), c.var.deps.now());
    if (gate.state === 'ended' || gate.state === 'refused') return { shut: gate.state };
    return { shut: null, value: await fn(ctx, token, gate) };
  });
}

/** The tablet after its kiosk ended: the staff session's end said, the form cookie dropped, nothing of the client. */
async function shutPage(c: Context<AppEnv>, shut: 'ended' | 'refused'): Promise<Response> {
  if (shut === 'refused') return gone(c);
  privatePage(c);
  dropLinkToken(c, FORM_COOKIE);
  return c.html(<KioskEndedPage {...await spaBrand(c)} csrfToken={csrfToken(c)} reason={KIOSK_ENDED_REASON} canClose={false} />, 410);
}

type PageErrors = { formId: string; errors: Record<string, string>; refused?: boolean } | null;

async function page(c: Context<AppEnv>, data: FillPageData, lang: Lang, errors: PageErrors, status: 200 | 400 | 404 | 409 | 410 | 429 = 200, prefillNotice: PrefillNotice | null = null): Promise<Response> {
  privatePage(c);
  const { open, spa } = data;
  if (open.state === 'signed' && open.kiosk) return c.html(<KioskThanksPage spaName={spa.name} spaLogo={spa.logoVersion} lang={lang} />);
  if (open.state === 'signed') return c.html(<FormsSignedPage spaName={spa.name} spaLogo={spa.logoVersion} timeZone={spa.timeZone} signedAt={open.signedAt} lang={lang} />);
  if (open.state !== 'open') return gone(c);
  return c.html(
    <FillPage spaName={spa.name} spaLogo={spa.logoVersion} timeZone={spa.timeZone} link={open} lang={lang} csrfToken={csrfToken(c)} errors={errors} offers={data.offers} prefillNotice={prefillNotice} heldBack={data.heldBack} />,
    status,
  );
}

export function registerFormFillRoutes(router: SurfaceRouter): void {
  /** The sent link: the token goes into the cookie, the client to a token-free address. */
  router.get('/f/:token', 'link-token', async (c) => {
    await guardLinkAttempts(c);
    privatePage(c);
    const token = c.req.param('token') ?? '';
    const { open, lang } = await withTenant(c.var.deps.db, requestScope(c), async (ctx) => {
      const open = await openFormLink(ctx, token, c.var.deps.now());
      return { open, lang: open.state === 'open' ? await clientLanguage(ctx, open.clientId) : null };
    });
    if (open.state === 'invalid' || open.state === 'expired') return gone(c);
    holdLinkToken(c, FORM_COOKIE, token);
    // The page opens in the client's language (the message they were sent was in it too).
    return c.redirect(lang && lang !== 'en' ? `/f?lang=${lang}` : '/f', 303);
  });

  router.get('/f', 'link-token', async (c) => {
    await guardLinkAttempts(c);
    const now = c.var.deps.now();
    const held = await withLink(c, (ctx, token, gate) => loadFillPage(ctx, token, now, hideBefore(gate)));
    if (held.shut) return shutPage(c, held.shut);
    return page(c, held.value, langOf(c, undefined), null);
  });

  /** Saves one form's answers so far, or signs it (op=sign); the page comes back with each field's message. */
  router.post('/f/progress', 'link-token', async (c) => {
    await guardLinkAttempts(c);
    const raw = await c.req.parseBody({ all: true });
    const body: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(raw)) body[k.replace(/^f\d{1,2}-/, '')] = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    const lang = langOf(c, body.lang?.[0]);
    const formId = body.form_id?.[0] ?? '';
    const now = c.var.deps.now();
    const signing = body.op?.[0] === 'sign';
    const held = await withLink(c, async (ctx, token, gate) => {
      const hide = hideBefore(gate);
      const open = await openFormLink(ctx, token, now);
      const form = open.state === 'open' ? open.forms.find((f) => f.id === formId) : undefined;
      if (!form) return { data: await loadFillPage(ctx, token, now, hide), errors: null, signed: false };
      const answers = answersFromForm(form.definition, body);
      if (signing) {
        const signed = await signLinkedForm(
          ctx,
          token,
          formId,
          {
            answers,
            signatureDataUrl: body.signature?.[0] ?? '',
            typedName: body.signer_name?.[0] ?? '',
            consent: body.signer_consent?.[0] === 'yes',
            asGuardian: body.signer_guardian?.[0] === 'yes',
            lang,
            ip: c.var.ip ?? null,
            userAgent: c.req.header('user-agent') ?? null,
          },
          now,
        );
        if (signed.ok) return { data: null, errors: null, signed: true };
        return { data: await loadFillPage(ctx, token, now, hide), errors: signed.state === 'refused' ? signed.errors : null, signed: false };
      }
      // On a kiosk holding earlier answers back, this save replaces them: the page told the client so.
      const saved = await saveFormProgress(ctx, token, formId, answers, lang, now);
      return { data: await loadFillPage(ctx, token, now, hide), errors: saved.ok ? saved.errors : null, signed: false };
    });
    if (held.shut) return shutPage(c, held.shut);
    const result = held.value;
    if (result.signed || !result.data) {
      privatePage(c);
      return c.redirect(`/f?lang=${lang}`, 303);
    }
    if (!result.errors) return page(c, result.data, lang, null);
    return page(c, result.data, lang, { formId, errors: result.errors, refused: signing }, signing ? 400 : 200);
  });

  registerPrefillRoutes(router);
}

/**
 * "Use my answers from last time": send a code to the client's phone or email on file, then check
 * it. The code's message goes out after the transaction commits; the page comes back with the
 * code entry, the answers filled in, or a plain message.
 */
function registerPrefillRoutes(router: SurfaceRouter): void {
  router.post('/f/prefill/send', 'link-token', async (c) => {
    await guardLinkAttempts(c);
    const body = await formFields(c);
    const lang = langOf(c, body.lang);
    const formId = body.form_id ?? '';
    const now = c.var.deps.now();
    const held = await withLink(c, async (ctx, token, gate) => {
      const spa = await fillPageSpa(ctx);
      const sent = await sendPrefillCode(ctx, { token, formId, lang, secret: c.var.deps.config.secret, spaName: spa.name, spaSlug: c.var.tenant.slug, now });
      return { sent, data: await loadFillPage(ctx, token, now, hideBefore(gate)) };
    });
    if (held.shut) return shutPage(c, held.shut);
    const { sent, data } = held.value;
    if (sent.ok) {
      await deliverLinkMessage(c.var.deps.messaging, sent.message);
      return page(c, data, lang, null, 200, { formId, kind: 'sent' });
    }
    return page(c, data, lang, null, sent.status, { formId, kind: 'problem', message: sent.message });
  });

  router.post('/f/prefill/confirm', 'link-token', async (c) => {
    await guardLinkAttempts(c);
    const body = await formFields(c);
    const lang = langOf(c, body.lang);
    const formId = body.form_id ?? '';
    const now = c.var.deps.now();
    const held = await withLink(c, async (ctx, token, gate) => {
      const hide = hideBefore(gate);
      const confirmed = await confirmPrefillCode(ctx, { token, formId, code: body.code ?? '', lang, secret: c.var.deps.config.secret, now, hideProgressBefore: hide });
      return { confirmed, data: await loadFillPage(ctx, token, now, hide) };
    });
    if (held.shut) return shutPage(c, held.shut);
    const { confirmed, data } = held.value;
    if (confirmed.ok) return page(c, data, lang, null, 200, { formId, kind: 'filled', count: confirmed.filled.length });
    return page(c, data, lang, null, confirmed.status, { formId, kind: 'problem', message: confirmed.message });
  });

}
