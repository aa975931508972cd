/**
 * One form of a client (issue 7, PUB-2): a signed form as it was signed (the frozen content drawn
 * by the one renderer, read-only, in the language signed), its signature, the signature record and
 * whether its SHA-256 still verifies, with the PDF to download or email; a pending form's
 * questions with the answers saved so far.
 */
import { Alert, Badge, Button, CsrfField } from '../../../ui/components.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import type { ClientAccess } from '../../clients/access.ts';
import type { ClientRecord } from '../../clients/records.ts';
import { ClientHeader } from '../../clients/views/client-header.tsx';
import { layoutForm, type FormLayout } from '../layout.ts';
import type { ClientFormStatus } from '../rules.ts';
import type { ClientFormDetail, SignatureDetail } from '../signed-forms.ts';
import { FormBlocks } from './form-blocks.tsx';
import { KindBadge } from './forms-pages.tsx';

export interface SignedFormView {
  record: ClientRecord;
  access: ClientAccess;
  form: ClientFormDetail;
  /** Whether this operator may email the PDF (not in break-glass). */
  canEmail: boolean;
  csrfToken: string;
  notice?: string;
  error?: string;
}

const STATUS: Record<ClientFormStatus, { label: string; tone: 'warning' | 'success' | 'neutral' | 'danger' }> = {
  pending: { label: 'Pending', tone: 'warning' },
  signed: { label: 'Signed', tone: 'success' },
  expired: { label: 'Expired', tone: 'danger' },
  voided: { label: 'Voided', tone: 'neutral' },
};

const SIGNER = { client: 'The client', guardian: 'Parent or guardian' } as const;

/** How much of a laid-out form is answered: every question, acknowledgement and initialled paragraph. */
export function progressOf(layout: FormLayout): { answered: number; total: number } {
  let answered = 0;
  let total = 0;
  for (const b of layout.blocks) {
    if (b.kind === 'field') (total += 1), (answered += b.answered ? 1 : 0);
    else if (b.kind === 'acknowledgement') (total += 1), (answered += b.checked ? 1 : 0);
    else if (b.kind === 'initials') (total += 1), (answered += b.value ? 1 : 0);
  }
  return { answered, total };
}

function base(view: SignedFormView): string {
  return `/clients/${view.record.profile.id}/forms/${view.form.id}`;
}

function Verification(props: { sig: SignatureDetail }) {
  return props.sig.verified ? <Badge tone="success">Verified</Badge> : <Badge tone="danger">ALTERED</Badge>;
}

function SignatureInk(props: { view: SignedFormView; sig: SignatureDetail }) {
  const tz = props.view.form.timeZone;
  return (
    <div class="signed-form__signature">
      <img class="signed-form__ink" src={`${base(props.view)}/signature.png`} alt={`Signature drawn by ${props.sig.typedName}`} width={300} height={100} />
      <p class="signed-form__name">{props.sig.typedName}</p>
      <p class="muted text-sm">
        {SIGNER[props.sig.signerKind]}, {formatDateTime(props.sig.signedAt, tz)}
      </p>
    </div>
  );
}

/** Download and email: what a signed form offers. */
function Actions(props: { view: SignedFormView; sig: SignatureDetail }) {
  const { view, sig } = props;
  const profile = view.record.profile;
  const why = view.form.status !== 'signed'
    ? 'it was voided.'
    : !sig.verified
      ? 'its content no longer matches the signature.'
      : !profile.email_consent
        ? 'the client has not agreed to email.'
        : !profile.email
          ? 'the client has no email address on file.'
          : null;
  return (
    <div class="signed-form__actions">
      <Button href={`${base(view)}/pdf`} variant="primary" size="sm">
        Download PDF
      </Button>
      {view.canEmail && !why ? (
        <details class="confirm">
          <summary class="btn btn--sm btn--secondary">Email to client…</summary>
          <div class="confirm__panel">
            <p class="confirm__text">
              Send this signed form as a PDF to <strong>{profile.email}</strong>? The email names the spa; the form is in the attached PDF.
            </p>
            <form method="post" action={`${base(view)}/email`} class="confirm__form">
              <CsrfField token={view.csrfToken} />
              <Button size="sm" variant="primary">
                Send the PDF
              </Button>
            </form>
          </div>
        </details>
      ) : null}
      {view.canEmail && why ? <p class="muted text-sm signed-form__why">Cannot be emailed: {why}</p> : null}
    </div>
  );
}

/** The signature record: who, when, from where, and the hash. */
function SignatureRecord(props: { view: SignedFormView; sig: SignatureDetail }) {
  const { sig } = props;
  const rows: [string, string][] = [
    ['Signed by', `${sig.typedName} (${SIGNER[sig.signerKind].toLowerCase()})`],
    ['Signed at', `${formatDateTime(sig.signedAt, props.view.form.timeZone)} (${props.view.form.timeZone})`],
    ['Signed at (UTC)', `${sig.signedAt.toISOString().slice(0, 19).replace('T', ' ')} UTC`],
    ['Language', sig.lang === 'es' ? 'Spanish' : 'English'],
    ['IP address', sig.ip ?? 'Not recorded'],
    ['Browser', sig.userAgent ?? 'Not recorded'],
    ['Signing link', sig.linkId ?? 'Not through a link'],
  ];
  return (
    <section class="card" aria-labelledby="signature-record-title">
      <header class="card__header">
        <h2 class="card__title" id="signature-record-title">
          Signature record
        </h2>
        <Verification sig={sig} />
      </header>
      <div class="card__body">
        <dl class="signed-form__record">
          {rows.map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </>
          ))}
          <dt>Content SHA-256</dt>
          <dd>
            <code class="signed-form__hash">{sig.contentSha256}</code>
            <p class="text-sm muted">
              {sig.verified
                ? 'The stored content (the form as asked and every answer) still hashes to this value: it is as signed.'
                : 'The stored content no longer hashes to this value: it was changed after signing. Tell the spa’s owner; do not rely on it.'}
            </p>
          </dd>
        </dl>
      </div>
    </section>
  );
}

function SignedBody(props: { view: SignedFormView; sig: SignatureDetail }) {
  const { view, sig } = props;
  if (!sig.content) {
    return <Alert tone="error">The stored content can no longer be read as a form: it was changed after signing.</Alert>;
  }
  const layout = layoutForm(sig.content.definition, { answers: sig.content.answers, lang: sig.lang });
  return <FormBlocks layout={layout} mode="read" headingLevel={2} signature={<SignatureInk view={view} sig={sig} />} />;
}

function PendingBody(props: { view: SignedFormView }) {
  const { form, record } = props.view;
  const lang = record.profile.preferred_language === 'es' ? 'es' : 'en';
  const layout = layoutForm(form.definition, { answers: form.progress, lang });
  const { answered, total } = progressOf(layout);
  return (
    <>
      <div class="signed-form__progress">
        <p>
          <strong>
            {answered} of {total}
          </strong>{' '}
          answered so far. The client signs at the end; nothing here is signed yet.
        </p>
        <progress max={total} value={answered} aria-label="Answered so far">
          {answered} of {total}
        </progress>
      </div>
      <FormBlocks layout={layout} mode="read" headingLevel={2} />
    </>
  );
}

export function SignedFormPage(props: SignedFormView) {
  const { form } = props;
  const sig = form.signature;
  const tz = form.timeZone;
  const facts = [`Version ${form.version}`, `asked ${formatDateTime(form.createdAt, tz)}`, sig ? `signed ${formatDateTime(sig.signedAt, tz)}` : ''].filter(Boolean);
  return (
    <div class="stack-lg">
      <ClientHeader record={props.record} access={props.access} tab="forms" />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      {props.error ? <Alert tone="error">Nothing was sent: {props.error}</Alert> : null}
      {sig && !sig.verified ? (
        <Alert tone="error" title="ALTERED: this form’s stored content does not match its signature">
          Its SHA-256 no longer verifies, so what is shown below is not what was signed. Do not rely on it, and tell the spa’s owner.
        </Alert>
      ) : null}
      <section class="card signed-form" aria-labelledby="signed-form-title">
        <header class="card__header signed-form__header">
          <div class="stack-sm">
            <a class="text-sm" href={`/clients/${props.record.profile.id}/forms`}>
              ← All forms
            </a>
            <h2 class="card__title" id="signed-form-title">
              {form.templateName}
            </h2>
            <div class="cluster">
              <KindBadge kind={form.kind} />
              <Badge tone={STATUS[form.status].tone}>{STATUS[form.status].label}</Badge>
              {sig ? <Verification sig={sig} /> : null}
            </div>
            <p class="muted text-sm">{facts.join(' · ')}</p>
          </div>
          {sig ? <Actions view={props} sig={sig} /> : null}
        </header>
        <div class="card__body">
          {form.voided ? (
            <Alert tone="warning">
              Voided {formatDateTime(form.voided.at, tz)}
              {form.voided.by ? ` by ${form.voided.by}` : ''}: “{form.voided.reason}”
            </Alert>
          ) : null}
          {sig ? <SignedBody view={props} sig={sig} /> : <PendingBody view={props} />}
        </div>
      </section>
      {sig ? <SignatureRecord view={props} sig={sig} /> : null}
    </div>
  );
}
