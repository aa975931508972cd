/** Settings: the spa's security and client rules, with doors to the other settings (staff, roles, locations, schedules, services, products, forms). */
import type { Child } from 'hono/jsx';
import { Alert, Button, Card, CheckboxField, CsrfField, Field, PageHeader } from '../../../ui/components.tsx';
import { FORM_LINK_DAYS, IDLE_MINUTES, MAJORITY_AGE } from '../settings.ts';

export interface SettingsView {
  spaName: string;
  values: { idle_timeout_minutes: string; age_of_majority: string; chart_cosign: string; form_link_days: string };
  errors?: Record<string, string>;
  csrfToken: string;
  notice?: string;
  links: { href: string; title: string; text: string }[];
  /** The logo card (its own upload form, so it sits outside the settings form). */
  logo?: Child;
}

type NumberSetting = 'idle_timeout_minutes' | 'age_of_majority' | 'form_link_days';

/** One whole-number rule with its range, as every number on this page is asked. */
function WholeNumberField(props: { view: SettingsView; name: NumberSetting; label: string; range: { min: number; max: number }; hint: string }) {
  return (
    <Field
      name={props.name}
      type="number"
      label={props.label}
      value={props.view.values[props.name]}
      error={props.view.errors?.[props.name]}
      inputmode="numeric"
      required
      attrs={{ min: props.range.min, max: props.range.max, step: 1 }}
      hint={`From ${props.range.min} to ${props.range.max}. ${props.hint}`}
    />
  );
}

export function SettingsPage(props: SettingsView) {
  return (
    <div class="stack-lg">
      <PageHeader title="Settings" description={`Rules that apply to everyone at ${props.spaName}. Every change is recorded in the audit trail.`} />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      {Object.keys(props.errors ?? {}).length ? <Alert tone="error">Please check the fields marked below. Nothing was saved.</Alert> : null}
      <form method="post" action="/settings" class="stack-lg">
        <CsrfField token={props.csrfToken} />
        <div class="split">
          <Card title="Automatic sign-out" description="Protects client records on shared screens and lost tablets.">
            <WholeNumberField view={props} name="idle_timeout_minutes" label="Sign out after this many idle minutes" range={IDLE_MINUTES} hint="People see a warning two minutes before. Sessions end after 12 hours whatever the activity." />
          </Card>
          <Card title="Minors" description="Clients younger than this need a linked parent or guardian and their signed authorisation before treatment.">
            <WholeNumberField view={props} name="age_of_majority" label="Age of majority (years)" range={MAJORITY_AGE} hint="18 in most states; check your state’s rules." />
          </Card>
          <Card title="Charts" description="Where the law or your medical director asks for it, a supervising physician co-signs every chart after the provider signs it.">
            <CheckboxField name="chart_cosign" value="yes" checked={props.values.chart_cosign === 'yes'} label="Charts need a supervising physician’s co-signature" hint="Applies to charts signed from now on. Co-signing takes the “Co-sign charts” permission, which owners have." />
          </Card>
          <Card title="Form links" description="Links sent to clients by text or email to fill and sign their forms.">
            <WholeNumberField view={props} name="form_link_days" label="Form links expire after this many days" range={FORM_LINK_DAYS} hint="Applies to links sent from now on; a link also stops working once its forms are signed or it is revoked." />
          </Card>
        </div>
        <div class="form__actions">
          <Button variant="primary">Save settings</Button>
        </div>
      </form>
      {props.logo}
      {props.links.length ? (
        <section class="stack" aria-labelledby="more-settings">
          <h2 id="more-settings" class="section-title">
            More settings
          </h2>
          <div class="card-grid">
            {props.links.map((l) => (
              <a class="link-card" href={l.href}>
                <span class="link-card__title">{l.title}</span>
                <span class="link-card__text">{l.text}</span>
              </a>
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
