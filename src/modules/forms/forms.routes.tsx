/**
 * Forms (issue 7): the spa's templates and the builder under Settings (`manage:form:any`), the
 * starter library, and the client's Forms tab (`read:form-status:any`; sending, revoking links and
 * voiding pending forms with `manage:form:any` or `write:client:any`; voiding signed forms with
 * `manage:form:any` only). Routes parse, call one service, render.
 */
import type { Context } from 'hono';
import { withTenant, type ServiceCtx } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { HttpError, notFound } from '../../infra/http/errors.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { crmPage } from '../../ui/crm-page.tsx';
import { clientAccess } from '../clients/access.ts';
import { readClientRecord, spaCalendar } from '../clients/records.ts';
import { isRecordId } from '../identity/form-list.ts';
import { demandPermission } from '../identity/guard.ts';
import { formBody } from '../../infra/http/forms.ts';
import { applyEdit, draftFromDefinition, draftOf, parseEdit, previewOf, readBuilderForm, type BuilderDraft } from './builder-form.ts';
import { originFor } from '../../config.ts';
import { spaDisplayName } from '../identity/link-pages.tsx';
import { formLinkDays, listClientForms, listClientLinks, revokeClientLink, voidClientForm } from './client-forms.ts';
import { mayHandleLinks, MANAGE_FORMS } from './link-rights.ts';
import { daysToMs } from './link-state.ts';
import { deliverLinkMessage, pendingFormsOfAppointment, pendingFormsOfClient, sendFormLink } from './form-links.ts';
import { STARTERS, starterByKey } from './starters/index.ts';
import { copyStarter, createBlankTemplate, getTemplate, getVersion, listTemplates, saveTemplate, setTemplateArchived } from './templates.ts';
import { BuilderPage, PREVIEW_NOTE, type BuilderView } from './views/builder.tsx';
import { ClientFormsPage, type ClientFormsView } from './views/client-forms.tsx';
import { FormPreview } from './views/form-preview.tsx';
import { FormsListPage, LibraryPage, StarterPage, VersionPage } from './views/forms-pages.tsx';

const SECTION = '/settings/forms';

const DONE: Record<string, string> = {
  copied: 'Added from the starter library. Make it yours, then save.',
  blank: 'A blank form is ready: write its title and questions, then save.',
  saved: 'Saved. No client had been asked this version yet, so it was updated.',
  versioned: 'Saved as a new version. Forms already asked keep the version they were asked on.',
  unchanged: 'Saved. The form’s text did not change, so its version stays the same.',
  archived: 'Archived. It is no longer asked at booking; forms already asked keep it.',
  restored: 'Restored. It is asked again by its rule.',
  voided: 'Form voided. It stays on the record, marked voided.',
  sent_sms: 'Link sent by text to the mobile number on file. It works until everything it covers is signed, or until it expires (see “Links sent”).',
  sent_email: 'Link sent by email to the address on file. It works until everything it covers is signed, or until it expires (see “Links sent”).',
  revoked: 'Link revoked. It no longer opens anything, even on a phone where it is already open.',
  unlocked: 'Welcome back: the tablet is unlocked, and the forms it showed are closed to it.',
};

const tenant = <T,>(c: Context<AppEnv>, fn: (ctx: ServiceCtx) => Promise<T>) => withTenant(c.var.deps.db, requestScope(c), fn);

function recordId(c: Context<AppEnv>, name = 'id'): string {
  const value = c.req.param(name);
  if (!isRecordId(value)) throw notFound();
  return value.toLowerCase();
}

async function renderBuilder(c: Context<AppEnv>, id: string, view: Partial<Pick<BuilderView, 'draft' | 'errors' | 'focus' | 'previewLang'>> = {}, status: 200 | 400 | 409 = 200) {
  const loaded = await tenant(c, async (ctx) => ({ template: await getTemplate(ctx, id), calendar: await spaCalendar(ctx, c.var.deps.now()) }));
  if (!loaded.template) throw notFound();
  const t = loaded.template;
  const draft = view.draft ?? draftFromDefinition(t.current.definition, { name: t.name, kind: t.kind, rule: t.rule, renewalMonths: t.renewalMonths });
  c.status(status);
  return crmPage(
    c,
    { title: 'Form builder', section: SECTION },
    <BuilderPage template={t} draft={draft} errors={view.errors ?? {}} focus={view.focus ?? null} previewLang={view.previewLang} csrfToken={csrfToken(c)} timeZone={loaded.calendar.timeZone} notice={DONE[c.req.query('done') ?? '']} />,
  );
}

/** The language the builder's preview was showing (posted by its switch). */
const previewLangOf = (body: Record<string, string[]>) => (body['form-preview-lang']?.[0] === 'es' ? 'es' : 'en');

/** Where the page puts the focus after an edit: on the item it concerned. */
function focusAfter(op: string, index: number | null): BuilderView['focus'] {
  if (index === null) return null;
  if (op.startsWith('up:')) return { index, on: 'up' };
  if (op.startsWith('down:')) return { index, on: 'down' };
  if (op.startsWith('option:')) return { index, on: 'options' };
  return { index, on: 'label' };
}

export function registerFormRoutes(router: SurfaceRouter): void {
  router.get(SECTION, MANAGE_FORMS, async (c) => {
    const templates = await tenant(c, listTemplates);
    return crmPage(c, { title: 'Forms', section: SECTION }, <FormsListPage templates={templates} csrfToken={csrfToken(c)} notice={DONE[c.req.query('done') ?? '']} />);
  });

  router.post(SECTION, MANAGE_FORMS, async (c) => {
    const id = await tenant(c, createBlankTemplate);
    return c.redirect(`${SECTION}/${id}?done=blank`, 303);
  });

  router.get(`${SECTION}/library`, MANAGE_FORMS, async (c) => {
    const templates = await tenant(c, listTemplates);
    const copied: Record<string, number> = {};
    for (const t of templates) if (t.starterKey) copied[t.starterKey] = (copied[t.starterKey] ?? 0) + 1;
    return crmPage(c, { title: 'Starter library', section: SECTION }, <LibraryPage starters={STARTERS} copied={copied} csrfToken={csrfToken(c)} />);
  });

  router.get(`${SECTION}/library/:key`, MANAGE_FORMS, (c) => {
    const starter = starterByKey(c.req.param('key') ?? '');
    if (!starter) throw notFound();
    return crmPage(c, { title: 'Starter library', section: SECTION }, <StarterPage starter={starter} csrfToken={csrfToken(c)} />);
  });

  router.post(`${SECTION}/library/:key`, MANAGE_FORMS, async (c) => {
    const id = await tenant(c, (ctx) => copyStarter(ctx, c.req.param('key') ?? ''));
    if (!id) throw notFound();
    return c.redirect(`${SECTION}/${id}?done=copied`, 303);
  });

  router.get(`${SECTION}/:id`, MANAGE_FORMS, (c) => renderBuilder(c, recordId(c)));

  router.post(`${SECTION}/:id`, MANAGE_FORMS, async (c) => {
    const id = recordId(c);
    const body = await formBody(c);
    const op = body.op?.[0] ?? 'save';
    if (op !== 'save') {
      // An edit of the draft: nothing is saved, what was typed comes back with the change made.
      const edit = parseEdit(op, body.add_type?.[0] ?? '');
      if (!edit) throw new HttpError(400, 'That change is not one the builder offers.');
      const draft = readBuilderForm(body).draft;
      const index = applyEdit(draft, edit);
      return renderBuilder(c, id, { draft, focus: focusAfter(op, index), previewLang: previewLangOf(body) });
    }
    const form = readBuilderForm(body);
    if (!form.ok) return renderBuilder(c, id, { draft: form.draft, errors: form.errors, previewLang: previewLangOf(body) }, 400);
    const outcome = await tenant(c, (ctx) => saveTemplate(ctx, id, form.settings, form.definition));
    if (!outcome) throw notFound();
    if (!outcome.ok) return renderBuilder(c, id, { draft: form.draft, errors: { [outcome.field]: outcome.message } }, 409);
    return c.redirect(`${SECTION}/${id}?done=${outcome.newVersion ? 'versioned' : outcome.changed ? 'saved' : 'unchanged'}`, 303);
  });

  // The live preview: the draft as typed, drawn by the client's renderer. Reads and saves nothing but the template's existence.
  router.post(`${SECTION}/:id/preview`, MANAGE_FORMS, async (c) => {
    const id = recordId(c);
    const body = await formBody(c);
    const exists = await tenant(c, async (ctx) => (await ctx.tx.$client.query('SELECT 1 FROM form_templates WHERE id = $1', [id])).rowCount);
    if (!exists) throw notFound();
    const draft: BuilderDraft = draftOf(body);
    return c.html(<FormPreview definition={previewOf(draft)} title="Preview" note={PREVIEW_NOTE} lang={previewLangOf(body)} form="builder" />);
  });

  router.get(`${SECTION}/:id/versions/:version`, MANAGE_FORMS, async (c) => {
    const id = recordId(c);
    const raw = c.req.param('version') ?? '';
    const number = /^\d{1,6}$/.test(raw) ? Number(raw) : null;
    if (number === null) throw notFound();
    const found = await tenant(c, async (ctx) => ({ version: await getVersion(ctx, id, number), template: await getTemplate(ctx, id), calendar: await spaCalendar(ctx, c.var.deps.now()) }));
    if (!found.version || !found.template) throw notFound();
    const v = found.version;
    return crmPage(
      c,
      { title: 'Form version', section: SECTION },
      <VersionPage templateId={id} name={v.name} version={v.version} current={found.template.current.version} definition={v.definition} createdAt={v.createdAt} uses={v.uses} timeZone={found.calendar.timeZone} />,
    );
  });

  for (const [verb, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    router.post(`${SECTION}/:id/${verb}`, MANAGE_FORMS, async (c) => {
      const id = recordId(c);
      if (!(await tenant(c, (ctx) => setTemplateArchived(ctx, id, archived)))) throw notFound();
      return c.redirect(`${SECTION}/${id}?done=${verb}d`, 303);
    });
  }

  router.get('/clients/:id/forms', 'read:form-status:any', async (c) => {
    await demandPermission(c, 'read:client:any'); // the tab shows the record's header too
    return renderClientForms(c, recordId(c));
  });

  router.post('/clients/:id/forms/send', 'read:form-status:any', sendForms);

  router.post('/clients/:id/forms/links/:linkId/revoke', 'read:form-status:any', async (c) => {
    const clientId = recordId(c);
    const linkId = recordId(c, 'linkId');
    const principal = c.get('principal')!;
    if (!mayHandleLinks(principal)) throw new HttpError(403, 'Revoking a link needs the right to edit clients or to manage forms.');
    const outcome = await tenant(c, (ctx) => revokeClientLink(ctx, clientId, linkId, principal.operatorId, c.var.deps.now()));
    if (!outcome.ok && outcome.status === 404) throw notFound();
    if (!outcome.ok) return renderClientForms(c, clientId, { revokeError: outcome.message }, 409);
    return c.redirect(`/clients/${clientId}/forms?done=revoked#form-links`, 303);
  });

  // Who may void: a pending form is only a request, so those who may send it (front desk
  // included, `write:client:any`) may withdraw it. A signed form is the client's consent on
  // record; withdrawing it is not a front-desk act (SPEC §1 and SEC-2: front desk does check-in,
  // booking and payments and sees form status), so it takes `manage:form:any` (owner and manager
  // by default, or a role the spa gives it).
  router.post('/clients/:id/forms/:formId/void', 'read:form-status:any', async (c) => {
    const clientId = recordId(c);
    const formId = recordId(c, 'formId');
    const principal = c.get('principal')!;
    if (!mayHandleLinks(principal)) throw new HttpError(403, 'Voiding a form needs the right to edit clients or to manage forms.');
    const body = await formBody(c);
    const reason = body.reason?.[0] ?? '';
    const outcome = await tenant(c, (ctx) => voidClientForm(ctx, clientId, formId, reason, principal.operatorId, principal.permissions.has(MANAGE_FORMS)));
    if (!outcome.ok) {
      if (outcome.status === 404) throw notFound();
      if (outcome.status === 403) throw new HttpError(403, outcome.message);
      return renderClientForms(c, clientId, { voidError: { formId, message: outcome.message, reason } }, outcome.status);
    }
    return c.redirect(`/clients/${clientId}/forms?done=voided#form-${formId}`, 303);
  });
}

/** Sends a link to the pending forms (all of them, or one visit's) by text or email, honouring consent. */
async function sendForms(c: Context<AppEnv>): Promise<Response> {
  const clientId = recordId(c);
  const principal = c.get('principal')!;
  if (!mayHandleLinks(principal)) {
    throw new HttpError(403, 'Sending forms needs the right to edit clients or to manage forms.');
  }
  const body = await formBody(c);
  const channel = body.channel?.[0];
  const which = body.forms?.[0] ?? 'all';
  if (channel !== 'sms' && channel !== 'email') return renderClientForms(c, clientId, { sendError: 'Choose a text message or an email.' }, 400);
  if (which !== 'all' && !isRecordId(which)) return renderClientForms(c, clientId, { sendError: 'Choose which forms to send.' }, 400);
  const spaName = await spaDisplayName(c);
  const now = c.var.deps.now();
  const made = await tenant(c, async (ctx) => {
    const formIds = which === 'all' ? await pendingFormsOfClient(ctx, clientId) : await pendingFormsOfAppointment(ctx, clientId, which);
    if (formIds.length === 0) return { ok: false as const, status: 409 as const, message: 'Nothing is waiting to be signed there.' };
    return sendFormLink(ctx, {
      clientId, clientFormIds: formIds, channel, sentBy: principal.operatorId,
      // The configured origin of the spa's host, never the request's Host header.
      origin: originFor(c.var.deps.config, c.var.tenant.slug), spaName, spaSlug: c.var.tenant.slug, now,
      ttlMs: daysToMs(await formLinkDays(ctx)),
    });
  });
  if (!made.ok && made.status === 404) throw notFound();
  if (!made.ok) return renderClientForms(c, clientId, { sendError: made.message }, made.status === 400 ? 400 : 409);
  await deliverLinkMessage(c.var.deps.messaging, made.message);
  return c.redirect(`/clients/${clientId}/forms?done=sent_${channel}`, 303);
}

async function renderClientForms(c: Context<AppEnv>, clientId: string, extra: Partial<ClientFormsView> = {}, status: 200 | 400 | 409 = 200): Promise<Response> {
  const principal = c.get('principal')!;
  const access = clientAccess(principal.permissions);
  const now = c.var.deps.now();
  const page = await tenant(c, async (ctx) => {
    const record = await readClientRecord(ctx, clientId, access, now);
    if (!record) throw notFound();
    if ('mergedInto' in record) return { kind: 'moved', to: `/clients/${record.mergedInto}/forms` } as const;
    return { kind: 'page', record, forms: await listClientForms(ctx, clientId, now), links: await listClientLinks(ctx, clientId, now), linkDays: await formLinkDays(ctx) } as const;
  });
  if (page.kind === 'moved') return c.redirect(page.to, 303);
  const handles = mayHandleLinks(principal);
  c.status(status);
  return crmPage(
    c,
    // Page titles never name the client (shared tablets keep titles in their history).
    { title: 'Client forms', section: '/clients' },
    <ClientFormsPage
      record={page.record}
      access={access}
      forms={page.forms}
      links={page.links}
      linkDays={page.linkDays}
      canVoid={handles}
      canVoidSigned={handles && principal.permissions.has(MANAGE_FORMS)}
      now={now}
      csrfToken={csrfToken(c)}
      notice={DONE[c.req.query('done') ?? '']}
      {...extra}
    />,
  );
}
