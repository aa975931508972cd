/**
 * The form builder (issue 7): the template's settings, its texts in English and Spanish, its
 * items in order (add, move, remove, edit each), a live preview drawn by the same blocks as the
 * client's page, and the version history. One server-rendered form: without script every button
 * posts the page; with htmx the edits swap the editor in place and the preview follows typing.
 */
import type { Child } from 'hono/jsx';
import { Alert, Badge, Button, Card, CheckboxField, ConfirmAction, CsrfField, Field, PageHeader, SelectField, TextareaField } from '../../../ui/components.tsx';
import { FieldError } from '../../../ui/components/field-parts.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { previewOf, itemField, optionField, type BuilderDraft, type DraftItem, type DraftText } from '../builder-form.ts';
import { ITEM_TYPES, LIMITS, type ItemType } from '../definition.ts';
import { ASSIGNMENT_RULES, FORM_KINDS, RENEWAL_MONTHS } from '../rules.ts';
import type { TemplateDetail } from '../templates.ts';
import { KindBadge } from './forms-pages.tsx';
import { FormPreview } from './form-preview.tsx';

export interface BuilderView {
  template: TemplateDetail;
  draft: BuilderDraft;
  errors: Record<string, string>;
  csrfToken: string;
  timeZone: string;
  notice?: string;
  /** The language the preview was showing. */
  previewLang?: 'en' | 'es';
  /** The item an edit concerned: shown open, and focused. */
  focus?: { index: number; on: 'label' | 'up' | 'down' | 'options' } | null;
}

/** What an item's main text is called, by kind. */
const TEXT_NAME: Record<ItemType, string> = {
  section: 'Section title',
  short_text: 'Question',
  long_text: 'Question',
  single_choice: 'Question',
  multiple_choice: 'Question',
  yes_no: 'Question',
  date: 'Question',
  number: 'Question',
  acknowledgement: 'Statement the client ticks',
  initials: 'Paragraph the client initials',
  signature: 'Label above the signature',
};

const multiline = (type: ItemType) => type === 'acknowledgement' || type === 'initials';

/** One text in both languages, side by side on a wide screen. */
function TwoLanguages(props: { n?: number; base: string; name: string; value: DraftText; errors: Record<string, string>; rows?: number; optional?: boolean; max: number; autofocus?: boolean; focusName?: string; hint?: Child }) {
  const name = (lang: 'en' | 'es') => (props.n === undefined ? `${props.base}_${lang}` : itemField(props.n, `${props.base}_${lang}`));
  const one = (lang: 'en' | 'es') => {
    const label = `${props.name} (${lang === 'en' ? 'English' : 'Spanish'})`;
    const common = { name: name(lang), label, value: props.value[lang], error: props.errors[name(lang)], optional: lang === 'es' || props.optional, maxlength: props.max };
    const focus = (lang === 'en' && props.autofocus) || props.focusName === name(lang) ? { autofocus: true } : {};
    return props.rows ? <TextareaField {...common} rows={props.rows} attrs={{ lang, ...focus }} /> : <Field {...common} attrs={{ lang, ...focus }} />;
  };
  return (
    <div class="builder-langs">
      {props.hint ? <p class="field__hint builder-langs__hint">{props.hint}</p> : null}
      {one('en')}
      {one('es')}
    </div>
  );
}

function EditButton(props: { action: string; op: string; label: string; aria: string; autofocus?: boolean; variant?: 'secondary' | 'danger' }) {
  return (
    <button
      type="submit"
      name="op"
      value={props.op}
      class={`btn btn--sm btn--${props.variant ?? 'secondary'}`}
      aria-label={props.aria}
      formnovalidate
      autofocus={props.autofocus}
      hx-post={props.action}
      hx-sync="closest form:replace"
      hx-target="#builder-area"
      hx-select="#builder-area"
      hx-swap="outerHTML"
    >
      {props.label}
    </button>
  );
}

/** The input of the first problem, focused when the page comes back (the browser scrolls to it). */
function firstError(errors: Record<string, string>): string | undefined {
  return Object.keys(errors).find((k) => !/^i\d+$/.test(k) && k !== 'form');
}

function short(text: string, max = 90): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function ItemEditor(props: { action: string; item: DraftItem; n: number; count: number; errors: Record<string, string>; focus: BuilderView['focus']; focusName?: string }) {
  const { item, n, errors, action, focusName } = props;
  const e = (part: string) => errors[itemField(n, part)];
  const problem = Boolean(errors[`i${n}`]);
  const focused = props.focus?.index === n;
  const open = problem || focused;
  const typeName = ITEM_TYPES[item.type];
  const choice = item.type === 'single_choice' || item.type === 'multiple_choice';
  const optionRows = choice ? item.options : [];
  const spanishMissing = Boolean(item.label.en) && !item.label.es;
  return (
    <li class={`builder-item builder-item--${item.type}${problem ? ' builder-item--invalid' : ''}`} id={`builder-item-${n}`}>
      <details class="builder-item__details" open={open}>
        <summary class="builder-item__summary">
          <span class="builder-item__number" aria-hidden="true">
            {n + 1}
          </span>
          <span class="builder-item__what">
            <span class="builder-item__meta">
              <span class="builder-item__type">{typeName}</span>
              {item.required && item.type !== 'section' && item.type !== 'signature' ? <span class="builder-item__flag">Required</span> : null}
              {spanishMissing ? <Badge tone="warning">No Spanish</Badge> : null}
              {problem ? <Badge tone="danger">Needs another look</Badge> : null}
            </span>
            <span class="builder-item__label">{short(item.label.en, 160) || <em class="muted">New item</em>}</span>
          </span>
        </summary>
        <div class="builder-item__body stack">
          <input type="hidden" name={itemField(n, 'type')} value={item.type} />
          <input type="hidden" name={itemField(n, 'id')} value={item.id} />
          <FieldError id={`i${n}-item-error`} message={e('item') ?? e('type')} />
          <TwoLanguages focusName={focusName} n={n} base="label" name={TEXT_NAME[item.type]} value={item.label} errors={errors} rows={multiline(item.type) ? 4 : undefined} max={multiline(item.type) ? LIMITS.statement : item.type === 'section' ? LIMITS.title : LIMITS.label} autofocus={focused && props.focus?.on === 'label'} />
          {item.type === 'section' ? (
            <TwoLanguages focusName={focusName} n={n} base="body" name="Text under the title" value={item.body} errors={errors} rows={3} optional max={LIMITS.sectionBody} />
          ) : (
            <TwoLanguages focusName={focusName} n={n} base="help" name="Help text" value={item.help} errors={errors} rows={2} optional max={LIMITS.help} />
          )}
          {choice ? (
            <fieldset class="fieldset builder-options" aria-describedby={e('options') ? `i${n}-options-error` : undefined}>
              <legend class="fieldset__legend">Answers to choose from</legend>
              <p class="field__hint">One answer per row; at least two. A row left empty is dropped.</p>
              <FieldError id={`i${n}-options-error`} message={e('options')} />
              <ol class="builder-options__list">
                {optionRows.map((o, k) => (
                  <li class="builder-option">
                    <input type="hidden" name={optionField(n, k, 'id')} value={o.id} />
                    <Field name={optionField(n, k, 'en')} label={`Answer ${k + 1} (English)`} value={o.text.en} error={errors[optionField(n, k, 'en')]} maxlength={LIMITS.option} attrs={{ lang: 'en', ...(focused && props.focus?.on === 'options' && k === optionRows.length - 1 ? { autofocus: true } : {}) }} />
                    <Field name={optionField(n, k, 'es')} label={`Answer ${k + 1} (Spanish)`} value={o.text.es} error={errors[optionField(n, k, 'es')]} optional maxlength={LIMITS.option} attrs={{ lang: 'es' }} />
                  </li>
                ))}
              </ol>
              {optionRows.length < LIMITS.options ? <EditButton action={action} op={`option:${n}`} label="Add an answer" aria={`Add an answer: item ${n + 1}`} /> : null}
            </fieldset>
          ) : null}
          {item.type === 'yes_no' ? (
            <TwoLanguages focusName={focusName} n={n} base="follow" name="Follow-up when the answer is yes" value={item.follow} errors={errors} optional max={LIMITS.label} hint="Asked, and then required, only when the client answers yes. Leave it empty for a plain yes or no." />
          ) : null}
          {item.type === 'number' ? (
            <div class="builder-number">
              <Field name={itemField(n, 'min')} label="Smallest allowed" value={item.min} error={e('min')} optional inputmode="decimal" maxlength={14} />
              <Field name={itemField(n, 'max')} label="Largest allowed" value={item.max} error={e('max')} optional inputmode="decimal" maxlength={14} />
              <Field name={itemField(n, 'unit_en')} label="Unit (English)" value={item.unit.en} error={e('unit_en')} optional maxlength={LIMITS.unit} placeholder="lb" />
              <Field name={itemField(n, 'unit_es')} label="Unit (Spanish)" value={item.unit.es} error={e('unit_es')} optional maxlength={LIMITS.unit} placeholder="lb" />
            </div>
          ) : null}
          <div class="builder-item__foot">
            {item.type === 'section' ? null : item.type === 'signature' ? (
              <p class="field__hint">Every form is signed once, here: the signature is always required.</p>
            ) : (
              <CheckboxField name={itemField(n, 'required')} id={`i${n}-required`} label={item.type === 'acknowledgement' ? 'The client must tick it' : item.type === 'initials' ? 'The client must initial it' : 'An answer is required'} checked={item.required} />
            )}
            <div class="builder-item__actions" role="group" aria-label={`Item ${n + 1}`}>
              {n > 0 ? <EditButton action={action} op={`up:${n}`} label="Move up" aria={`Move up: item ${n + 1}`} autofocus={focused && props.focus?.on === 'up'} /> : null}
              {n < props.count - 1 ? <EditButton action={action} op={`down:${n}`} label="Move down" aria={`Move down: item ${n + 1}`} autofocus={focused && props.focus?.on === 'down'} /> : null}
              <EditButton action={action} op={`remove:${n}`} label="Remove" aria={`Remove: item ${n + 1}`} variant="danger" />
            </div>
          </div>
        </div>
      </details>
    </li>
  );
}

function Settings(props: { draft: BuilderDraft; errors: Record<string, string> }) {
  const { draft: d, errors: e } = props;
  return (
    <Card id="form-settings" title="Settings" description="Seen by your team only." class="builder-settings">
      <div class="stack">
        <Field name="name" label="Name in your lists" value={d.name} error={e.name} required maxlength={120} attrs={firstError(e) === 'name' ? { autofocus: true } : undefined} />
        <div class="field-row">
          <SelectField name="kind" label="Kind" value={d.kind} error={e.kind} options={Object.entries(FORM_KINDS).map(([value, label]) => ({ value, label }))} />
          <SelectField name="rule" label="When it is asked" value={d.rule} error={e.rule} options={Object.entries(ASSIGNMENT_RULES).map(([value, r]) => ({ value, label: r.label }))} />
        </div>
        <Field
          class="builder-renewal"
          name="renewal_months"
          type="number"
          inputmode="numeric"
          label="Ask again after (months)"
          value={d.renewalMonths}
          error={e.renewal_months}
          hint="A signed form older than this is asked for again at the next booking."
          attrs={{ min: RENEWAL_MONTHS.min, max: RENEWAL_MONTHS.max, ...(firstError(e) === 'renewal_months' ? { autofocus: true } : {}) }}
        />
        <p class="field__hint">
          Per service: asked each time a service linked to it is booked (link services on the <a href="/settings/services">services screen</a>). The other rules ask every client at booking, or only with the linked services when some are linked. A guardian’s authorization is asked only for clients under the age of majority.
        </p>
      </div>
    </Card>
  );
}

export const PREVIEW_NOTE = 'Updates as you type. Nothing is saved until you press Save.';

/** The editor and the preview: what an edit swaps. */
function BuilderArea(props: BuilderView) {
  const { draft, errors } = props;
  const action = `/settings/forms/${props.template.id}`;
  return (
    <div class="builder" id="builder-area">
      <form
        id="builder"
        class="builder__editor"
        method="post"
        action={action}
        novalidate
        hx-post={`${action}/preview`}
        hx-trigger="input delay:500ms"
        hx-target="#form-preview"
        hx-select="#form-preview"
        hx-swap="outerHTML"
        hx-sync="this:drop"
        hx-disinherit="*"
      >
        <CsrfField token={props.csrfToken} />
        <Settings draft={draft} errors={errors} />
        <Card id="form-texts" title="Title and introduction" description="What the client reads first.">
          <div class="stack">
            <TwoLanguages base="title" name="Title" value={draft.title} errors={errors} max={LIMITS.title} focusName={firstError(errors)} />
            <TwoLanguages base="intro" name="Introduction" value={draft.intro} errors={errors} rows={3} optional max={LIMITS.intro} focusName={firstError(errors)} />
          </div>
        </Card>
        <section class="card builder-items" aria-labelledby="builder-items-title">
          <header class="card__header">
            <div>
              <h2 class="card__title" id="builder-items-title">
                Items
              </h2>
              <p class="card__description">
                {draft.items.length} of at most {LIMITS.items}. Open an item to edit it in both languages.
              </p>
            </div>
          </header>
          <div class="card__body stack">
            <FieldError id="items-error" message={errors.items} />
            <ol class="builder-items__list">
              {draft.items.map((item, n) => (
                <ItemEditor action={action} item={item} n={n} count={draft.items.length} errors={errors} focus={props.focus} focusName={firstError(errors)} />
              ))}
            </ol>
            <div class="builder-add">
              <SelectField name="add_type" label="Add an item" value="short_text" options={Object.entries(ITEM_TYPES).map(([value, label]) => ({ value, label }))} />
              <EditButton action={action} op="add" label="Add" aria="Add this item" />
            </div>
          </div>
        </section>
        <div class="builder-save">
          <Button variant="primary" name="op" value="save">
            Save
          </Button>
          <p class="field__hint">{saveHint(props.template)}</p>
        </div>
      </form>
      <aside class="builder__preview" aria-label="Live preview">
        <FormPreview definition={previewOf(draft)} title="Preview" note={PREVIEW_NOTE} lang={props.previewLang} form="builder" />
      </aside>
    </div>
  );
}

function saveHint(t: TemplateDetail): string {
  const v = t.current.version;
  if (t.current.uses) return `Version ${v} has been asked of clients, so saving makes version ${v + 1}. Forms already asked keep version ${v}.`;
  return `No client has been asked version ${v} yet, so saving updates it.`;
}

function Versions(props: { template: TemplateDetail; timeZone: string }) {
  return (
    <Card id="form-versions" title="Versions" description="Each version stays exactly as clients were asked it.">
      <ol class="version-list" reversed>
        {props.template.versions.map((v) => (
          <li class="version-list__item">
            <a href={`/settings/forms/${props.template.id}/versions/${v.version}`}>Version {v.version}</a>
            {v.version === props.template.current.version ? <Badge tone="accent">Current</Badge> : null}
            <span class="version-list__meta">
              {formatDateTime(v.createdAt, props.timeZone)}
              {v.createdBy ? ` · ${v.createdBy}` : ''}
              {' · '}
              {v.uses === 0 ? 'not asked yet' : `asked ${v.uses} time${v.uses === 1 ? '' : 's'}`}
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

export function BuilderPage(props: BuilderView) {
  const t = props.template;
  const hasErrors = Object.keys(props.errors).length > 0;
  return (
    <div class="stack-lg builder-page">
      <PageHeader
        eyebrow={<a href="/settings/forms">← Forms</a>}
        title={t.name}
        description={
          <span class="cluster">
            <KindBadge kind={t.kind} />
            <span>Version {t.current.version}</span>
            {t.current.uses ? <Badge tone="info">In use</Badge> : <Badge>Not asked yet</Badge>}
            {t.archived ? <Badge>Archived</Badge> : null}
          </span>
        }
        actions={
          <Button variant="primary" name="op" value="save" attrs={{ form: 'builder' }}>
            Save
          </Button>
        }
      />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      {hasErrors ? <Alert tone="error">{props.errors.form ?? 'Nothing was saved: some entries need another look. They are marked below, and what you typed is kept.'}</Alert> : null}
      <BuilderArea {...props} />
      <Versions template={t} timeZone={props.timeZone} />
      <Card title={t.archived ? 'Ask it again' : 'Stop asking it'}>
        {t.archived ? (
          <form method="post" action={`/settings/forms/${t.id}/restore`}>
            <CsrfField token={props.csrfToken} />
            <p class="field__hint">Restored, it is asked again by its rule at the next bookings.</p>
            <Button size="sm" variant="primary">
              Restore
            </Button>
          </form>
        ) : (
          <ConfirmAction label="Archive…" action={`/settings/forms/${t.id}/archive`} csrfToken={props.csrfToken} confirmLabel={`Archive ${t.name}`}>
            <p>It is no longer asked at booking. Forms already asked, pending or signed, keep it.</p>
          </ConfirmAction>
        )}
      </Card>
    </div>
  );
}
