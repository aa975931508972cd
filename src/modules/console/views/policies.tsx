/** The console's policies page: every version published, and the form that publishes a new one. */
import { Alert, Badge, Button, Card, CsrfField, EmptyState, Field, PageHeader, SelectField, TextareaField } from '../../../ui/components.tsx';
import { POLICY_KINDS, policyKindName, type Policy } from '../policies.ts';
import { formatDay, When } from './parts.tsx';

export interface PublishFormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export interface PoliciesPageProps {
  policies: Policy[];
  csrfToken: string;
  form?: PublishFormState;
  /** After a publish: how many spas were emailed (null for a change that is not material). */
  published?: { version: string; emailed: number | null };
}

function PublishForm(props: { csrfToken: string; form?: PublishFormState }) {
  const v = props.form?.values ?? {};
  const e = props.form?.errors ?? {};
  const errorCount = Object.keys(e).length;
  const kinds = Object.entries(POLICY_KINDS).map(([value, label]) => ({ value, label }));
  return (
    <Card title="Publish a new version" description="A material change is emailed to every active spa’s admin contact, and every operator sees a notice in Lumè until they confirm they have read it.">
      {errorCount ? (
        <Alert tone="error" title={errorCount === 1 ? 'One thing to fix' : `${errorCount} things to fix`}>
          {e.form ?? 'Nothing was published. Check the fields marked below.'}
        </Alert>
      ) : null}
      <form class="form" method="post" action="/policies" novalidate>
        <CsrfField token={props.csrfToken} />
        <SelectField name="kind" label="Policy" options={kinds} value={v.kind} placeholder="Choose a policy…" required error={e.kind} />
        <Field name="version" label="Version" value={v.version} required maxlength={20} error={e.version} hint="As printed on the document, like 2026-12." spellcheck={false} autocomplete="off" inputClass="console-mono" />
        <Field name="effective_on" type="date" label="Takes effect on" value={v.effective_on} required error={e.effective_on} hint="YYYY-MM-DD. It may be today or later." />
        <SelectField
          name="material"
          label="Material change"
          options={[
            { value: 'yes', label: 'Yes: email every spa and show a notice to every operator' },
            { value: 'no', label: 'No: publish quietly' },
          ]}
          value={v.material}
          placeholder="Choose…"
          required
          error={e.material}
        />
        <TextareaField name="summary" label="What changes" value={v.summary} rows={4} required maxlength={1000} error={e.summary} hint="A sentence or two, shown in the email and in the notice. No more than 1,000 characters." />
        <div class="form__actions">
          <Button variant="primary">Publish</Button>
        </div>
      </form>
    </Card>
  );
}

export function PoliciesPage(props: PoliciesPageProps) {
  return (
    <div class="stack-lg">
      <PageHeader title="Policies" description="Lumè’s privacy policy, BAA and terms: each version published, when it takes effect, and whether it was a material change." />
      {props.published ? (
        <Alert tone="success" title={`Version ${props.published.version} published`}>
          {props.published.emailed === null ? 'Not a material change: no email was sent.' : `The admin contact of ${props.published.emailed} active ${props.published.emailed === 1 ? 'spa was' : 'spas were'} emailed.`}
        </Alert>
      ) : null}
      <PublishForm csrfToken={props.csrfToken} form={props.form} />
      {props.policies.length === 0 ? (
        <EmptyState title="No policy versions yet" icon="inbox">
          Versions appear here once published.
        </EmptyState>
      ) : (
        <section class="stack" aria-labelledby="policies-heading">
          <h2 id="policies-heading" class="section-title">
            Published versions
          </h2>
          <div class="table-wrap">
            <table class="table console-table">
              <thead>
                <tr>
                  <th scope="col">Policy</th>
                  <th scope="col">Version</th>
                  <th scope="col">Takes effect</th>
                  <th scope="col">Change</th>
                  <th scope="col">Summary</th>
                  <th scope="col">Published</th>
                </tr>
              </thead>
              <tbody>
                {props.policies.map((p) => (
                  <tr>
                    <td>{policyKindName(p.kind)}</td>
                    <td class="console-mono">{p.version}</td>
                    <td>{formatDay(p.effectiveOn)}</td>
                    <td>{p.material ? <Badge tone="warning">Material</Badge> : <Badge>Minor</Badge>}</td>
                    <td>{p.summary}</td>
                    <td>
                      <When at={p.publishedAt} withTime />
                      {p.publishedBy ? <span class="muted text-sm"> by {p.publishedBy}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
