/**
 * A living style guide: every component of the UI kit inside the CRM or console shell, with
 * sample data. For development only (e.g. mounted by the devtools module); never linked from
 * a real page.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  CheckboxField,
  CsrfField,
  EmptyState,
  Field,
  PageHeader,
  SelectField,
  TextareaField,
} from './components.tsx';
import { ConsoleLayout, CrmLayout, type NavItem } from './layouts.tsx';
import { FaceMap, type FaceMapProduct } from '../modules/charting/face-map/face-map.tsx';
import type { InjectionPoint } from '../modules/charting/face-map/points.ts';

const crmNav: NavItem[] = [
  { href: '#', label: 'Today' },
  { href: '#', label: 'Calendar' },
  { href: '#', label: 'Clients', current: true },
  { href: '#', label: 'Forms' },
  { href: '#', label: 'Invoices' },
  { href: '#', label: 'Messages' },
  { href: '#', label: 'Reports' },
  { href: '#', label: 'Settings' },
];

const consoleNav: NavItem[] = [
  { href: '#', label: 'Spas', current: true },
  { href: '#', label: 'Demo requests' },
  { href: '#', label: 'Privacy requests' },
  { href: '#', label: 'Staff' },
  { href: '#', label: 'Audit' },
];

const sampleRows = [
  { name: 'Avery Lin', next: 'Thu 10:30', provider: 'Dana R., NP', forms: 'signed' },
  { name: 'Jordan Patel', next: 'Fri 14:00', provider: 'Sam K., RN', forms: 'missing' },
  { name: 'Riley Moreno', next: '—', provider: 'Dana R., NP', forms: 'expired' },
] as const;

const chartProducts: FaceMapProduct[] = [
  { key: 'botox', label: 'Botox', unit: 'units' },
  { key: 'voluma', label: 'Juvéderm Voluma', unit: 'mL' },
  { key: 'volbella', label: 'Juvéderm Volbella', unit: 'mL' },
];

/** A neurotoxin upper face and a little filler: 24 units of Botox, 1.1 mL of Voluma, 0.55 mL of Volbella. */
const chartPoints: InjectionPoint[] = [
  { view: 'front', x: 200, y: 202, site: 'Glabella (procerus)', product: 'botox', amount: 4 },
  { view: 'front', x: 172, y: 184, site: 'Corrugator, right', product: 'botox', amount: 4 },
  { view: 'front', x: 228, y: 184, site: 'Corrugator, left', product: 'botox', amount: 4 },
  { view: 'front', x: 176, y: 140, site: 'Forehead (frontalis)', product: 'botox', amount: 2 },
  { view: 'front', x: 224, y: 140, site: 'Forehead (frontalis)', product: 'botox', amount: 2 },
  { view: 'right', x: 238, y: 226, site: 'Crow’s feet, right', product: 'botox', amount: 4 },
  { view: 'left', x: 162, y: 226, site: 'Crow’s feet, left', product: 'botox', amount: 4 },
  { view: 'right', x: 246, y: 266, site: 'Cheek (malar), right', product: 'voluma', amount: 0.5 },
  { view: 'left', x: 154, y: 266, site: 'Cheek (malar), left', product: 'voluma', amount: 0.5 },
  { view: 'front', x: 200, y: 390, site: 'Chin (mentalis)', product: 'voluma', amount: 0.1 },
  { view: 'front', x: 200, y: 326, site: 'Upper lip', product: 'volbella', amount: 0.3 },
  { view: 'front', x: 200, y: 346, site: 'Lower lip', product: 'volbella', amount: 0.25 },
];

function FormsBadge(props: { state: 'signed' | 'missing' | 'expired' }) {
  if (props.state === 'signed') return <Badge tone="success">Signed</Badge>;
  if (props.state === 'missing') return <Badge tone="warning">Consent missing</Badge>;
  return <Badge tone="danger">Intake expired</Badge>;
}

function Samples() {
  return (
    <div class="stack-lg">
      <PageHeader
        eyebrow={<a href="#">Clients</a>}
        title="Style guide"
        description="Every component of the Lumè UI kit, with sample data."
        actions={
          <>
            <Button href="#" variant="secondary">
              Export CSV
            </Button>
            <Button href="#" variant="primary">
              New client
            </Button>
          </>
        }
      />

      <div class="stack-sm">
        <Alert tone="info" title="Heads up">
          Reminders for tomorrow go out at 6 pm.
        </Alert>
        <Alert tone="success">The appointment was moved to Friday at 2 pm.</Alert>
        <Alert tone="warning" title="Consent missing">
          Two clients booked today have not signed their treatment consent.
        </Alert>
        <Alert tone="error">That card was declined. Nothing was charged.</Alert>
      </div>

      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Next visit</th>
              <th scope="col">Provider</th>
              <th scope="col">Forms</th>
              <th scope="col" class="num">
                Balance
              </th>
            </tr>
          </thead>
          <tbody>
            {sampleRows.map((row, index) => (
              <tr>
                <td>
                  <a href="#">{row.name}</a>
                </td>
                <td>{row.next}</td>
                <td>{row.provider}</td>
                <td>
                  <FormsBadge state={row.forms} />
                </td>
                <td class="num">${(index * 125).toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <Card
        id="sample-form"
        title="Client details"
        description="Inline errors keep what was typed."
        footer={
          <>
            <Button type="button" variant="link">
              Cancel
            </Button>
            <Button variant="primary" attrs={{ form: 'sample-client-form' }}>
              Save client
            </Button>
          </>
        }
      >
        <form class="form" method="post" action="#" id="sample-client-form">
          <CsrfField token="sample" />
          <div class="field-row">
            <Field name="first_name" label="First name" value="Avery" autocomplete="given-name" required />
            <Field name="last_name" label="Last name" value="" autocomplete="family-name" required error="Enter a last name." />
          </div>
          <div class="field-row">
            <Field name="email" type="email" label="Email" value="avery@example" error="Enter an email like name@example.com." />
            <Field name="phone" type="tel" label="Mobile" optional hint="Used for reminders, if the client agrees to texts." />
          </div>
          <SelectField
            name="location"
            label="Home location"
            placeholder="Choose a location"
            options={['Downtown', 'Westside']}
            value="Westside"
          />
          <TextareaField name="allergies" label="Allergies" optional hint="Include reactions to lidocaine or latex." />
          <CheckboxField name="sms_consent" label="Client agrees to receive text messages" checked hint="They can reply STOP at any time." />
          <CheckboxField name="policy" label="Client has read the cancellation policy" error="Confirm before booking." />
        </form>
      </Card>

      <Card id="face-map-sample" title="Injection face diagram" description="Charting a treatment: tap a drawing, or add a point by site.">
        <form class="form" method="post" action="#" id="sample-chart-form">
          <CsrfField token="sample" />
          <FaceMap name="points" id="face-map-edit" points={chartPoints} products={chartProducts} />
        </form>
      </Card>

      <Card id="face-map-signed-sample" title="Injection face diagram, signed" description="A signed chart shows the same drawing and table, with nothing to change.">
        <FaceMap name="points" id="face-map-signed" label="Injection sites of the signed chart" points={chartPoints} products={chartProducts} readOnly />
      </Card>

      <Card title="Buttons" headingLevel={2}>
        <div class="btn-row">
          <Button variant="primary">Primary</Button>
          <Button variant="secondary">Secondary</Button>
          <Button variant="danger">Delete</Button>
          <Button variant="link">Link</Button>
          <Button variant="primary" disabled>
            Disabled
          </Button>
          <Button variant="secondary" size="sm">
            Small
          </Button>
        </div>
      </Card>

      <EmptyState
        title="No invoices yet"
        icon="card"
        action={
          <Button href="#" variant="primary">
            Create an invoice
          </Button>
        }
      >
        Invoices appear here once you check out a client or create one by hand.
      </EmptyState>
    </div>
  );
}

export function StyleGuidePage(props: { surface?: 'crm' | 'console' }) {
  if (props.surface === 'console') {
    return (
      <ConsoleLayout title="Style guide" staffName="Morgan Ellis" nav={consoleNav} csrfToken="sample">
        <Samples />
      </ConsoleLayout>
    );
  }
  return (
    <CrmLayout title="Style guide" spaName="Glow Aesthetics" operatorName="Dana Reyes" nav={crmNav} csrfToken="sample">
      <Samples />
    </CrmLayout>
  );
}
