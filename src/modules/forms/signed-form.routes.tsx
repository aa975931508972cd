/**
 * One form of a client in the CRM (issue 7, PUB-2, CRM-5): the page, the drawn signature, the PDF
 * and emailing it to the client. What a form says is medical history, so these need
 * `read:health:any` (owners, managers, providers; the front desk sees only status, on the Forms
 * tab). Every response is `private, no-store`; every read, download and send is audited naming the
 * client, in the transaction that reads.
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
import { readClientRecord } from '../clients/records.ts';
import { isRecordId } from '../identity/form-list.ts';
import { demandPermission } from '../identity/guard.ts';
import { downloadSignedFormPdf, emailSignedFormPdf, readClientForm, signatureImage } from './signed-forms.ts';
import { SignedFormPage, type SignedFormView } from './views/signed-form-page.tsx';

const READ = 'read:health:any';
const PATH = '/clients/:id/forms/:formId';

const DONE: Record<string, string> = {
  emailed: 'Sent to the client’s email address on file, with the signed PDF attached. It is recorded in the audit trail.',
};

const tenant = <T,>(c: Context<AppEnv>, fn: (ctx: ServiceCtx) => Promise<T>) => withTenant(c.var.deps.db, requestScope(c), fn);

function recordId(c: Context<AppEnv>, name: string): string {
  const value = c.req.param(name);
  if (!isRecordId(value)) throw notFound();
  return value.toLowerCase();
}

function noStore(c: Context<AppEnv>): void {
  c.header('Cache-Control', 'private, no-store');
  c.header('X-Content-Type-Options', 'nosniff');
}

/** Emailing a client sends PHI out of the spa: not during Lumè's break-glass access. */
const mayEmail = (c: Context<AppEnv>) => !c.get('principal')!.breakGlass;

async function renderPage(c: Context<AppEnv>, extra: Pick<SignedFormView, 'error'> = {}, status: 200 | 409 = 200): Promise<Response> {
  await demandPermission(c, 'read:client:any'); // the page shows the record's header too
  const clientId = recordId(c, 'id');
  const formId = recordId(c, 'formId');
  const access = clientAccess(c.get('principal')!.permissions);
  const page = await tenant(c, async (ctx) => {
    const record = await readClientRecord(ctx, clientId, access, c.var.deps.now());
    if (!record) throw notFound();
    if ('mergedInto' in record) return { kind: 'moved', to: `/clients/${record.mergedInto}/forms/${formId}` } as const;
    const form = await readClientForm(ctx, clientId, formId);
    if (!form) throw notFound();
    return { kind: 'page', record, form } as const;
  });
  if (page.kind === 'moved') return c.redirect(page.to, 303);
  noStore(c);
  c.status(status);
  return crmPage(
    c,
    // Page titles never name the client or the treatment (shared tablets keep titles in their history).
    { title: 'Client form', section: '/clients' },
    <SignedFormPage record={page.record} access={access} form={page.form} canEmail={mayEmail(c)} csrfToken={csrfToken(c)} notice={DONE[c.req.query('done') ?? '']} {...extra} />,
  );
}

export function registerSignedFormRoutes(router: SurfaceRouter): void {
  router.get(PATH, READ, (c) => renderPage(c));

  router.get(`${PATH}/signature.png`, READ, async (c) => {
    const clientId = recordId(c, 'id');
    const formId = recordId(c, 'formId');
    const png = await tenant(c, (ctx) => signatureImage(ctx, clientId, formId));
    if (!png) throw notFound();
    noStore(c);
    c.header('Content-Type', 'image/png');
    c.header('Content-Disposition', 'inline; filename="signature.png"');
    return c.body(new Uint8Array(png), 200);
  });

  router.get(`${PATH}/pdf`, READ, async (c) => {
    const clientId = recordId(c, 'id');
    const formId = recordId(c, 'formId');
    const outcome = await tenant(c, (ctx) => downloadSignedFormPdf(ctx, c.var.deps.files, clientId, formId, c.var.deps.now()));
    if (!outcome.ok && outcome.status === 404) throw notFound();
    if (!outcome.ok) throw new HttpError(409, outcome.message);
    noStore(c);
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', `attachment; filename="${outcome.filename}"`);
    return c.body(new Uint8Array(outcome.pdf), 200);
  });

  router.post(`${PATH}/email`, READ, async (c) => {
    if (!mayEmail(c)) throw new HttpError(403, 'Emailing a client is not part of break-glass access.');
    const clientId = recordId(c, 'id');
    const formId = recordId(c, 'formId');
    const outcome = await tenant(c, (ctx) => emailSignedFormPdf(ctx, c.var.deps.files, { clientId, formId, spaSlug: c.var.tenant.slug, now: c.var.deps.now() }));
    if (!outcome.ok && outcome.status === 404) throw notFound();
    if (!outcome.ok) return renderPage(c, { error: outcome.message }, 409);
    // Delivered once the transaction that audited the send has committed.
    await c.var.deps.messaging.phiEmail.send(outcome.message);
    return c.redirect(`/clients/${clientId}/forms/${formId}?done=emailed`, 303);
  });
}
