/** One chart: the draft form for its author, or the signed record with its addenda and co-signature. */
import { Alert, Badge, Button, Card, CheckboxField, CsrfField, Field, PageHeader, SelectField, TextareaField } from '../../../ui/components.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { AllergyAlert } from '../../clients/views/client-header.tsx';
import type { VisitForm } from '../../forms/check-in-forms.ts';
import { ChartConsentsCard } from '../../forms/views/visit-forms.tsx';
import { dayIn } from '../../identity/spa-time.ts';
import { PRODUCT_ROWS, SETTING_ROWS, TEMPLATES, TEXT_FIELDS, productKey, type TextField } from '../chart-form.ts';
import type { CatalogueProduct } from '../chart-form.ts';
import { chartAbilities, type ChartView, type ChartViewer } from '../charts.ts';
import { FaceMap, type FaceMapProduct } from '../face-map/face-map.tsx';
import { formatAmount, type DraftInjectionPoint } from '../face-map/points.ts';
import { PhotoTile, type ShownPhoto } from '../photos/views/photo-parts.tsx';

export interface ChartPageView {
  chart: ChartView;
  viewer: ChartViewer;
  catalogue: CatalogueProduct[];
  /** This visit's before/after photos, with links signed for the viewer (none without read:photo:any). */
  photos: ShownPhoto[];
  /** The visit's consents and forms, for those who may see which are signed (null otherwise). */
  forms: VisitForm[] | null;
  csrfToken: string;
  notice?: string;
  /** Posted values shown again after a refusal, or "copy last treatment" values. */
  values?: Record<string, string>;
  errors?: Record<string, string>;
  pointErrors?: string[];
  draftPoints?: DraftInjectionPoint[];
  problem?: string;
  addendumError?: string;
}

const SOAP: TextField[] = ['subjective', 'objective', 'assessment', 'plan'];
const SOAP_HINTS: Partial<Record<TextField, string>> = {
  subjective: 'What the client reports: concerns, goals, changes since last visit.',
  objective: 'What you observe and measure.',
  assessment: 'Your clinical impression.',
  plan: 'Follow-up, next visit, what to adjust.',
};

/** The values the form shows: posted ones after a refusal, else the stored chart. */
function formValues(chart: ChartView, posted?: Record<string, string>): Record<string, string> {
  if (posted) return posted;
  const values: Record<string, string> = { template: chart.template, points: JSON.stringify(chart.points) };
  for (const key of Object.keys(TEXT_FIELDS)) values[key] = chart.text[key as TextField];
  for (const p of chart.products) {
    const row = p.key.slice(1);
    values[`product_${row}`] = p.productId;
    values[`lot_${row}`] = p.lotNumber;
    values[`expiry_${row}`] = p.lotExpiry;
    values[`amount_${row}`] = p.amount === null ? '' : String(p.amount);
  }
  chart.settings.forEach((s, row) => {
    values[`setting_${row}`] = s.label;
    values[`value_${row}`] = s.value;
  });
  return values;
}

const SETTING_EXAMPLES = ['Fluence (J/cm²)', 'Spot size (mm)', 'Pulse width (ms)', 'Passes', 'Wavelength (nm)', 'Cooling'];

/** The rows a repeated group shows: those filled in, plus one empty row (a save offers the next). */
function shownRows(values: Record<string, string>, prefix: 'product' | 'setting', max: number): number {
  let last = -1;
  for (let row = 0; row < max; row++) if (values[`${prefix}_${row}`]) last = row;
  return Math.min(max, last + 2);
}

function faceMapProducts(values: Record<string, string>, catalogue: readonly CatalogueProduct[]): FaceMapProduct[] {
  const out: FaceMapProduct[] = [];
  for (let row = 0; row < PRODUCT_ROWS; row++) {
    const product = catalogue.find((p) => p.id === values[`product_${row}`]);
    if (product) out.push({ key: productKey(row), label: product.name, unit: product.unit });
  }
  return out;
}

function draftPointsOf(values: Record<string, string>): DraftInjectionPoint[] {
  try {
    const parsed = JSON.parse(values.points || '[]');
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function ChartForm(props: ChartPageView) {
  const { chart, catalogue } = props;
  const values = formValues(chart, props.values);
  const errors = props.errors ?? {};
  const template = values.template === 'free' ? 'free' : 'soap';
  const products = faceMapProducts(values, catalogue);
  const choices = catalogue.filter((p) => p.active || chart.products.some((u) => u.productId === p.id)).map((p) => ({ value: p.id, label: `${p.name} (${p.unit})` }));
  return (
    <form method="post" action={`/charts/${chart.id}`} class="stack-lg chart-form" data-chart-form>
      <CsrfField token={props.csrfToken} />
      <Card title="Treatment" description="What was done at this visit.">
        <div class="stack">
          <TextareaField name="procedure" label={TEXT_FIELDS.procedure.label} value={values.procedure} rows={3} error={errors.procedure} maxlength={TEXT_FIELDS.procedure.max} />
        </div>
      </Card>
      <Card title="Products and lots" description="Each product from the box in hand: lot and expiry are what a recall looks for.">
        <div class="stack">
          {Array.from({ length: shownRows(values, 'product', PRODUCT_ROWS) }, (_, row) => (
            <fieldset class="chart-product-row">
              <legend class="visually-hidden">Product {row + 1}</legend>
              <SelectField name={`product_${row}`} label={`Product ${row + 1}`} options={choices} placeholder="None" value={values[`product_${row}`]} error={errors[`product_${row}`]} />
              <Field name={`lot_${row}`} label="Lot number" value={values[`lot_${row}`]} error={errors[`lot_${row}`]} maxlength={40} autocomplete="off" spellcheck={false} />
              <Field name={`expiry_${row}`} label="Lot expiry" type="date" value={values[`expiry_${row}`]} error={errors[`expiry_${row}`]} />
              <Field name={`amount_${row}`} label="Total" inputmode="decimal" value={values[`amount_${row}`]} error={errors[`amount_${row}`]} optional />
            </fieldset>
          ))}
          <p class="card-note">Save the draft after choosing a product: the diagram then offers it. A product marked on the diagram totals its points; the total is needed before signing.</p>
        </div>
      </Card>
      <Card title="Injection sites" description="Tap a drawing to place a point, or add one from the list.">
        <FaceMap name="points" points={props.draftPoints ?? draftPointsOf(values)} products={products} errors={props.pointErrors} />
      </Card>
      <Card title="Device settings" description="For laser and energy treatments: each setting as used.">
        <div class="chart-settings">
          {Array.from({ length: shownRows(values, 'setting', SETTING_ROWS) }, (_, row) => (
            <div class="chart-settings__row">
              <Field name={`setting_${row}`} label={`Setting ${row + 1}`} placeholder={SETTING_EXAMPLES[row]} value={values[`setting_${row}`]} error={errors[`setting_${row}`]} maxlength={60} />
              <Field name={`value_${row}`} label="Value" value={values[`value_${row}`]} error={errors[`value_${row}`]} maxlength={60} />
            </div>
          ))}
        </div>
      </Card>
      <Card title="Provider note">
        <div class="stack">
          <SelectField name="template" label="Template" options={Object.entries(TEMPLATES).map(([value, label]) => ({ value, label }))} value={template} hint="A SOAP note has four parts; a free-form note is one text." />
          <div class="chart-note" data-template={template}>
            {SOAP.map((key) => (
              <TextareaField name={key} label={TEXT_FIELDS[key].label} value={values[key]} rows={3} hint={SOAP_HINTS[key]} error={errors[key]} maxlength={TEXT_FIELDS[key].max} class="chart-note__soap" />
            ))}
            <TextareaField name="narrative" label={TEXT_FIELDS.narrative.label} value={values.narrative} rows={8} error={errors.narrative} maxlength={TEXT_FIELDS.narrative.max} class="chart-note__free" />
          </div>
        </div>
      </Card>
      <Card title="After the treatment">
        <div class="form-grid">
          <TextareaField name="aftercare" label={TEXT_FIELDS.aftercare.label} value={values.aftercare} rows={3} error={errors.aftercare} maxlength={TEXT_FIELDS.aftercare.max} />
          <TextareaField name="outcome" label={TEXT_FIELDS.outcome.label} value={values.outcome} rows={3} error={errors.outcome} maxlength={TEXT_FIELDS.outcome.max} />
          <TextareaField name="adverse_events" label={TEXT_FIELDS.adverse_events.label} value={values.adverse_events} rows={3} hint="Leave empty when there were none." error={errors.adverse_events} maxlength={TEXT_FIELDS.adverse_events.max} />
        </div>
      </Card>
      <Card title="Save or sign">
        <div class="stack">
          {props.problem ? <Alert tone="error">{props.problem}</Alert> : null}
          <CheckboxField name="attest" value="yes" label="I gave this treatment and this chart is accurate and complete. Once signed it cannot be changed; corrections become addenda." />
          <div class="chart-actions">
            <Button variant="secondary">Save draft</Button>
            <Button variant="primary" attrs={{ formaction: `/charts/${chart.id}/sign` }}>
              Sign chart
            </Button>
          </div>
        </div>
      </Card>
    </form>
  );
}

function SignedChart(props: { chart: ChartView }) {
  const { chart } = props;
  const note = chart.template === 'soap' ? SOAP.filter((k) => chart.text[k]) : (['narrative'] as TextField[]).filter((k) => chart.text[k]);
  const more = (['aftercare', 'outcome', 'adverse_events'] as TextField[]).filter((k) => chart.text[k]);
  return (
    <div class="stack-lg">
      <Card title="Treatment">
        <dl class="chart-record">
          {chart.text.procedure ? (
            <>
              <dt>{TEXT_FIELDS.procedure.label}</dt>
              <dd class="preserve-lines">{chart.text.procedure}</dd>
            </>
          ) : null}
          {chart.products.map((p) => (
            <>
              <dt>{p.name}</dt>
              <dd>
                {p.amount === null ? 'amount not entered' : formatAmount(p.amount, p.unit)} · lot <span class="chart-lot">{p.lotNumber}</span>, expires {p.lotExpiry}
              </dd>
            </>
          ))}
          {chart.settings.map((s) => (
            <>
              <dt>{s.label}</dt>
              <dd>{s.value}</dd>
            </>
          ))}
        </dl>
      </Card>
      {chart.points.length ? (
        <Card title="Injection sites">
          <FaceMap name="points" points={chart.points} products={chart.products.map((p) => ({ key: p.key, label: p.name, unit: p.unit }))} readOnly />
        </Card>
      ) : null}
      <Card title={chart.template === 'soap' ? 'SOAP note' : 'Note'}>
        <dl class="chart-record">
          {[...note, ...more].map((k) => (
            <>
              <dt>{TEXT_FIELDS[k].label}</dt>
              <dd class="preserve-lines">{chart.text[k]}</dd>
            </>
          ))}
        </dl>
        {!chart.text.adverse_events ? <p class="card-note">No adverse events recorded.</p> : null}
      </Card>
    </div>
  );
}

function Signatures(props: ChartPageView) {
  const { chart } = props;
  const zone = chart.appointment.timeZone;
  const can = chartAbilities(chart, props.viewer);
  if (!chart.signed) return null;
  return (
    <Card title="Signatures and addenda">
      <div class="stack">
        {!chart.signed.intact ? (
          <Alert tone="error" title="This chart does not match its signature">
            Its stored content has changed since it was signed. Report this to Lumè support; do not rely on this chart until it is explained.
          </Alert>
        ) : null}
        <p>
          Signed by <strong>{chart.signed.name}</strong> on {formatDateTime(chart.signed.at, zone)}.{' '}
          <span class="muted chart-seal" title="SHA-256 of the signed content">
            Fingerprint {chart.signed.sha256.slice(0, 16)}…
          </span>
        </p>
        {chart.cosign.required ? (
          chart.cosign.at ? (
            <p>
              Co-signed by <strong>{chart.cosign.name}</strong> on {formatDateTime(chart.cosign.at, zone)}.
            </p>
          ) : (
            <Alert tone="warning" title="Waiting for the supervising physician’s co-signature">
              {can.cosign ? (
                <form method="post" action={`/charts/${chart.id}/cosign`} class="inline-form">
                  <CsrfField token={props.csrfToken} />
                  <Button variant="primary" size="sm">
                    Co-sign as supervising physician
                  </Button>
                </form>
              ) : (
                'The spa asks for a co-signature on every chart.'
              )}
            </Alert>
          )
        ) : null}
        {chart.addenda.length ? (
          <ol class="item-list chart-addenda" aria-label="Addenda">
            {chart.addenda.map((d) => (
              <li class="item-list__item">
                <div>
                  <div class="item-list__meta">
                    Addendum by {d.authorName}, {formatDateTime(d.createdAt, zone)}
                  </div>
                  <p class="preserve-lines">{d.body}</p>
                </div>
              </li>
            ))}
          </ol>
        ) : null}
        {can.addendum ? (
          <form method="post" action={`/charts/${chart.id}/addenda`} class="stack">
            <CsrfField token={props.csrfToken} />
            <TextareaField name="body" label="Add an addendum" rows={3} maxlength={4000} error={props.addendumError} hint="A correction or later observation. The signed chart above stays as it was." />
            <div>
              <Button>Add addendum</Button>
            </div>
          </form>
        ) : null}
      </div>
    </Card>
  );
}

export function ChartPage(props: ChartPageView) {
  const { chart } = props;
  const zone = chart.appointment.timeZone;
  const can = chartAbilities(chart, props.viewer);
  const visitDay = dayIn(zone, chart.appointment.startsAt);
  return (
    <div class="stack-lg chart-page">
      <PageHeader
        title={`${chart.service.name} chart`}
        description={`${chart.client.name} · ${formatDateTime(chart.appointment.startsAt, zone)} at ${chart.appointment.locationName} · ${chart.provider.name}`}
        actions={
          <div class="badge-list">
            {chart.status === 'signed' ? <Badge tone="success">Signed</Badge> : <Badge tone="warning">Draft</Badge>}
            {chart.cosign.required && !chart.cosign.at && chart.status === 'signed' ? <Badge tone="info">Awaiting co-signature</Badge> : null}
          </div>
        }
      />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      <AllergyAlert allergies={chart.client.allergies} />
      <nav class="chart-links" aria-label="Related">
        <a href={`/clients/${chart.client.id}/charts`}>All of this client’s charts</a>
        <a href={`/clients/${chart.client.id}/photos`}>Photos</a>
        <a href={`/appointments/${chart.appointment.id}`}>The appointment of {visitDay}</a>
      </nav>
      {props.forms ? <ChartConsentsCard forms={props.forms} appointmentId={chart.appointment.id} clientId={chart.client.id} timeZone={zone} canOpen={props.viewer.permissions.has('read:health:any')} /> : null}
      {can.edit ? (
        <>
          <form method="post" action={`/charts/${chart.id}/copy-last`} class="inline-form">
            <CsrfField token={props.csrfToken} />
            <Button size="sm" variant="secondary">
              Copy last treatment
            </Button>
            <span class="muted"> Fills this form from the client’s previous {chart.service.name} chart, for you to adjust. Lot numbers stay empty.</span>
          </form>
          {props.errors && Object.keys(props.errors).length ? <Alert tone="error">Some fields need attention: nothing was saved.</Alert> : null}
          <ChartForm {...props} />
        </>
      ) : chart.status === 'draft' ? (
        <Alert tone="info" title="Draft">
          {chart.provider.name} has not signed this chart yet. Only they can edit and sign it.
        </Alert>
      ) : null}
      {chart.status === 'signed' || !can.edit ? <SignedChart chart={chart} /> : null}
      {props.photos.length ? (
        <Card title="Photos of this visit" actions={<a href={`/clients/${chart.client.id}/photos`}>All photos</a>}>
          <ul class="photo-grid">
            {props.photos.map((p) => (
              <PhotoTile photo={p} base={`/clients/${chart.client.id}`} />
            ))}
          </ul>
        </Card>
      ) : null}
      <Signatures {...props} />
    </div>
  );
}
