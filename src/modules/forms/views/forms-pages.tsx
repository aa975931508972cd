/** Settings → Forms: the spa's templates, the starter library, and one version as it was written. */
import { Alert, Badge, Button, Card, CsrfField, EmptyState, PageHeader } from '../../../ui/components.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { isAnswerable, missingSpanish, type FormDefinition } from '../definition.ts';
import { FORM_KINDS, ruleSummary, type FormKind } from '../rules.ts';
import type { Starter } from '../starters/index.ts';
import type { TemplateSummary } from '../templates.ts';
import { FormPreview } from './form-preview.tsx';

const KIND_TONE: Record<FormKind, 'accent' | 'info' | 'success' | 'warning' | 'neutral'> = {
  intake: 'accent',
  consent: 'info',
  photo_release: 'success',
  guardian_authorization: 'warning',
  other: 'neutral',
};

export function KindBadge(props: { kind: FormKind }) {
  return <Badge tone={KIND_TONE[props.kind]}>{FORM_KINDS[props.kind]}</Badge>;
}

/** Where a template is asked, in words for the list. */
function askedWhere(t: TemplateSummary) {
  const minors = t.kind === 'guardian_authorization' ? ' of a client under the age of majority' : '';
  if (t.services.length) return <span class="forms-table__where">When booked{minors}: {t.services.map((s) => s.name).join(', ')}</span>;
  if (t.rule === 'per_service') return <Badge tone="warning">Link a service to ask it</Badge>;
  return <span class="forms-table__where">At any booking{minors}</span>;
}

function TemplateTable(props: { title: string; templates: TemplateSummary[] }) {
  const id = `forms-${props.title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section class="stack" aria-labelledby={id}>
      <h2 class="section-title" id={id}>
        {props.title}
      </h2>
      <div class="table-wrap table-wrap--contained">
        <table class="table table--stack forms-table">
          <thead>
            <tr>
              <th scope="col">Form</th>
              <th scope="col">When it is asked</th>
              <th scope="col">Version</th>
            </tr>
          </thead>
          <tbody>
            {props.templates.map((t) => (
              <tr class={t.archived ? 'is-inactive' : undefined}>
                <td data-label="Form" class="wrap-cell">
                  <a class="forms-table__name" href={`/settings/forms/${t.id}`}>
                    {t.name}
                  </a>
                  <span class="cluster forms-table__flags">
                    <KindBadge kind={t.kind} />
                    {t.archived ? <Badge>Archived</Badge> : null}
                  </span>
                </td>
                <td data-label="When it is asked" class="wrap-cell">
                  <span class="forms-table__rule">{ruleSummary(t.rule, t.renewalMonths)}</span>
                  {askedWhere(t)}
                </td>
                <td data-label="Version" class="forms-table__version">
                  <span>Version {t.version}</span>
                  <span class="muted text-sm">{t.uses === 0 ? 'not asked yet' : `asked ${t.uses} time${t.uses === 1 ? '' : 's'}`}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function AddButtons(props: { csrfToken: string }) {
  return (
    <div class="btn-row">
      <Button variant="primary" href="/settings/forms/library">
        Add from the starter library
      </Button>
      <form method="post" action="/settings/forms" class="inline-form">
        <CsrfField token={props.csrfToken} />
        <Button variant="secondary">Start a blank form</Button>
      </form>
    </div>
  );
}

export function FormsListPage(props: { templates: TemplateSummary[]; csrfToken: string; notice?: string }) {
  const live = props.templates.filter((t) => !t.archived);
  const archived = props.templates.filter((t) => t.archived);
  return (
    <div class="stack-lg">
      <PageHeader
        title="Forms"
        description="Intake, consent and release forms your clients fill in and sign. Each is asked by its rule when an appointment is booked; link consents to services on the services screen."
        actions={<AddButtons csrfToken={props.csrfToken} />}
      />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      {props.templates.length === 0 ? (
        <EmptyState title="No forms yet" icon="document" action={<Button variant="primary" href="/settings/forms/library">Browse the starter library</Button>}>
          Start from a consent or intake written by the Lumè team, in English and Spanish, and make it yours.
        </EmptyState>
      ) : null}
      {live.length ? <TemplateTable title="In use" templates={live} /> : null}
      {archived.length ? <TemplateTable title="Archived" templates={archived} /> : null}
    </div>
  );
}

function counts(def: FormDefinition): string {
  const answerable = def.items.filter(isAnswerable);
  const initials = answerable.filter((i) => i.type === 'initials').length;
  const questions = answerable.length - initials;
  return [`${questions} question${questions === 1 ? '' : 's'}`, initials ? `${initials} initialled paragraph${initials === 1 ? '' : 's'}` : ''].filter(Boolean).join(' · ');
}

export function LibraryPage(props: { starters: readonly Starter[]; copied: Record<string, number>; csrfToken: string }) {
  return (
    <div class="stack-lg">
      <PageHeader
        eyebrow={<a href="/settings/forms">← Forms</a>}
        title="Starter library"
        description="Forms written by the Lumè team in plain English and Spanish. Add one to your forms, then edit it to match how your spa works: your copy is yours, and the library never changes it."
      />
      <ul class="starter-grid" role="list">
        {props.starters.map((s) => (
          <li class="card starter-card">
            <div class="starter-card__body">
              <div class="cluster">
                <KindBadge kind={s.kind} />
                <span class="text-sm muted">English · Español</span>
              </div>
              <h2 class="starter-card__title">{s.name}</h2>
              <p class="starter-card__summary">{s.summary}</p>
              <p class="text-sm muted">
                {counts(s.definition)} · {ruleSummary(s.rule, s.renewalMonths)}
              </p>
              {props.copied[s.key] ? <p class="text-sm starter-card__copied">Already in your forms{props.copied[s.key]! > 1 ? ` (${props.copied[s.key]} copies)` : ''}</p> : null}
            </div>
            <div class="starter-card__actions">
              <Button size="sm" variant="link" href={`/settings/forms/library/${s.key}`} attrs={{ 'aria-label': `Preview: ${s.name}` }}>
                Preview
              </Button>
              <form method="post" action={`/settings/forms/library/${s.key}`}>
                <CsrfField token={props.csrfToken} />
                <Button size="sm" variant="primary" attrs={{ 'aria-label': `Add to my forms: ${s.name}` }}>
                  Add to my forms
                </Button>
              </form>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function StarterPage(props: { starter: Starter; csrfToken: string }) {
  const s = props.starter;
  return (
    <div class="stack-lg">
      <PageHeader
        eyebrow={<a href="/settings/forms/library">← Starter library</a>}
        title={s.name}
        description={s.summary}
        actions={
          <form method="post" action={`/settings/forms/library/${s.key}`}>
            <CsrfField token={props.csrfToken} />
            <Button variant="primary">Add to my forms</Button>
          </form>
        }
      />
      <div class="form-preview-frame">
        <FormPreview definition={s.definition} title="As your clients see it" />
      </div>
    </div>
  );
}

export function VersionPage(props: { templateId: string; name: string; version: number; current: number; definition: FormDefinition; createdAt: Date; uses: number; timeZone: string }) {
  const missing = missingSpanish(props.definition).length;
  return (
    <div class="stack-lg">
      <PageHeader
        eyebrow={<a href={`/settings/forms/${props.templateId}`}>← {props.name}</a>}
        title={`${props.name}, version ${props.version}`}
        description={`Written ${formatDateTime(props.createdAt, props.timeZone)} · ${props.uses === 0 ? 'not asked of any client' : `asked ${props.uses} time${props.uses === 1 ? '' : 's'}`}${missing ? ` · ${missing} item${missing === 1 ? '' : 's'} without Spanish` : ''}`}
      />
      {props.version === props.current ? (
        <Alert tone="info">This is the current version. Edit it on the form’s page.</Alert>
      ) : (
        <Alert tone="info">An earlier version, kept exactly as clients were asked it. Forms asked on it keep it; new forms use version {props.current}.</Alert>
      )}
      <Card>
        <div class="form-preview-frame">
          <FormPreview definition={props.definition} id="version-preview" title={`Version ${props.version}`} />
        </div>
      </Card>
    </div>
  );
}
