/**
 * /demo (MKT-1, MKT-3): the demo request form and its thank-you page. The form works without
 * JavaScript; errors come back from the server, one per field, with what was typed kept.
 */
import { Alert, Button, CsrfField, Field, SelectField, TextareaField } from '../../../ui/components.tsx';
import { Icon } from '../../../ui/icons.tsx';
import { MarketingLayout, type MarketingAnalytics } from '../../../ui/layouts.tsx';
import { HONEYPOT_FIELD, PLATFORMS } from '../demo-form.ts';

export type DemoFormState = {
  values?: Record<string, string>;
  errors?: Record<string, string>;
  /** Shown above the form, e.g. when this network has sent too many requests. */
  notice?: { title: string; text: string };
};

const FIELD_ORDER = ['name', 'email', 'phone', 'spaName', 'locations', 'providers', 'platform', 'platformOther', 'message'] as const;
const FIELD_LABELS: Record<(typeof FIELD_ORDER)[number], string> = {
  name: 'Your name',
  email: 'Work email',
  phone: 'Phone',
  spaName: 'Spa name',
  locations: 'Locations',
  providers: 'Providers',
  platform: 'Current system',
  platformOther: 'Which system',
  message: 'Message',
};

function ErrorSummary(props: { errors: Record<string, string> }) {
  const fields = FIELD_ORDER.filter((f) => props.errors[f]);
  if (fields.length === 0) return null;
  return (
    <Alert tone="error" title={fields.length === 1 ? 'Please check one field' : `Please check ${fields.length} fields`} class="demo-form__summary">
      <ul class="error-summary">
        {fields.map((f) => (
          <li>
            <a href={`#field-${f}`}>
              {FIELD_LABELS[f]}: {props.errors[f]}
            </a>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

const steps = [
  { title: 'A person reads your request', text: 'It goes straight to our team’s inbox — no autoresponder sequence.' },
  { title: 'We email you to find a time', text: 'A video call at a time that suits you and anyone else you’d like to bring.' },
  { title: 'We show you Lumè', text: 'What works today, what is being built, and how it would fit your spa.' },
];

export function DemoPage(props: DemoFormState & { analytics?: MarketingAnalytics; csrfToken: string }) {
  const v = props.values ?? {};
  const e = props.errors ?? {};
  return (
    <MarketingLayout
      title="Request a demo"
      description="Ask for a walkthrough of Lumè, the CRM for medical spas. Tell us about your locations, providers and current system, and we’ll arrange a time."
      analytics={props.analytics}
      currentPath="/demo"
    >
      <section class="demo" aria-labelledby="page-title">
        <div class="container demo__grid">
          <header class="demo__head">
            <p class="eyebrow">Request a demo</p>
            <h1 class="page-intro__title" id="page-title">
              See Lumè with your own spa in mind
            </h1>
            <p class="page-intro__lede">
              Tell us a little about your spa and we’ll arrange a walkthrough with our team: what works today, what is on the
              way, and whether it fits how you work.
            </p>
          </header>

          <div class="demo__card">
            <form class="form demo-form" method="post" action="/demo" novalidate>
              <CsrfField token={props.csrfToken} />
              {props.notice ? (
                <Alert tone="warning" title={props.notice.title}>
                  {props.notice.text}
                </Alert>
              ) : null}
              <ErrorSummary errors={e} />

              <fieldset class="fieldset">
                <legend class="fieldset__legend">About you</legend>
                <div class="form">
                  <Field name="name" label="Your name" value={v.name} error={e.name} required autocomplete="name" maxlength={120} />
                  <Field
                    name="email"
                    label="Work email"
                    type="email"
                    value={v.email}
                    error={e.email}
                    required
                    autocomplete="email"
                    inputmode="email"
                    spellcheck={false}
                    maxlength={254}
                  />
                  <Field name="phone" label="Phone" type="tel" value={v.phone} error={e.phone} optional autocomplete="tel" inputmode="tel" maxlength={30} />
                </div>
              </fieldset>

              <fieldset class="fieldset">
                <legend class="fieldset__legend">About your spa</legend>
                <div class="form">
                  <Field name="spaName" label="Spa name" value={v.spaName} error={e.spaName} required autocomplete="organization" maxlength={160} />
                  <div class="field-row field-row--pair">
                    <Field
                      name="locations"
                      label="Locations"
                      value={v.locations}
                      error={e.locations}
                      required
                      inputmode="numeric"
                      autocomplete="off"
                      maxlength={6}
                    />
                    <Field name="providers" label="Providers" value={v.providers} error={e.providers} required inputmode="numeric" autocomplete="off" maxlength={6} />
                  </div>
                  <SelectField
                    name="platform"
                    label="What do you use today?"
                    options={PLATFORMS}
                    placeholder="Choose one…"
                    value={v.platform}
                    error={e.platform}
                    required
                  />
                  <Field
                    name="platformOther"
                    label="Which system?"
                    hint="Only if you chose “Something else”"
                    value={v.platformOther}
                    error={e.platformOther}
                    class="platform-other"
                    maxlength={80}
                    autocomplete="off"
                  />
                  <TextareaField
                    name="message"
                    label="Anything we should know?"
                    hint="What you’d like to see, or what isn’t working today. Please don’t include patient information."
                    value={v.message}
                    error={e.message}
                    optional
                    rows={4}
                    maxlength={2000}
                  />
                </div>
              </fieldset>

              <div class="hp" aria-hidden="true">
                <label for={`field-${HONEYPOT_FIELD}`}>Leave this field empty</label>
                <input id={`field-${HONEYPOT_FIELD}`} name={HONEYPOT_FIELD} type="text" value="" tabindex={-1} autocomplete="off" />
              </div>

              <div class="demo-form__submit">
                <Button type="submit" variant="primary" size="lg" block>
                  Request a demo
                </Button>
                <p class="demo-form__fine">
                  By sending this form you agree that we may contact you about Lumè. See our <a href="/privacy">privacy policy</a>.
                </p>
              </div>
            </form>
          </div>

          <div class="demo__aside">
            <ol class="demo__steps">
              {steps.map((step) => (
                <li class="demo__step">
                  <p class="demo__step-title">{step.title}</p>
                  <p class="demo__step-text">{step.text}</p>
                </li>
              ))}
            </ol>
            <ul class="demo__assurances">
              <li>
                <Icon name="eye-off" />
                <span>We use your details only to arrange your demo, and delete them after 24 months unless your spa becomes a customer.</span>
              </li>
              <li>
                <Icon name="shield" />
                <span>No patient information needed — please don’t include any.</span>
              </li>
            </ul>
          </div>
        </div>
      </section>
    </MarketingLayout>
  );
}

export function DemoThanksPage(props: { analytics?: MarketingAnalytics }) {
  return (
    <MarketingLayout
      title="Thank you"
      description="Your demo request reached the Lumè team. Someone will read it and email you to arrange a time for your walkthrough."
      analytics={props.analytics}
      currentPath="/demo"
    >
      <section class="page-intro page-intro--thanks" aria-labelledby="page-title">
        <div class="container thanks">
          <span class="thanks__icon">
            <Icon name="check-circle" />
          </span>
          <h1 class="page-intro__title" id="page-title">
            Thank you — your request is in
          </h1>
          <p class="page-intro__lede">
            Someone from our team will read it and email you to find a time for your demo. There is nothing else you need to do.
          </p>
          <div class="thanks__links">
            <p class="thanks__links-title">While you wait</p>
            <ul class="thanks__list">
              <li>
                <a class="arrow-link" href="/features">
                  What Lumè does today
                  <Icon name="arrow-right" />
                </a>
              </li>
              <li>
                <a class="arrow-link" href="/security">
                  How Lumè protects patient data
                  <Icon name="arrow-right" />
                </a>
              </li>
              <li>
                <a class="arrow-link" href="/baa">
                  What the BAA covers
                  <Icon name="arrow-right" />
                </a>
              </li>
            </ul>
          </div>
        </div>
      </section>
    </MarketingLayout>
  );
}
