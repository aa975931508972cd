/** Settings → Services: the treatment catalogue by category, with price, length and phases. */
import { Alert, Badge, Button, EmptyState, PageHeader } from '../../../ui/components.tsx';
import { credentialShortName } from '../../identity/credential-catalogue.ts';
import { centsToDollars, hoursAndMinutes } from '../service-form.ts';
import { totalMinutes, type Service } from '../services.ts';
import { PhaseStrip } from './phase-timeline.tsx';

export const price = (cents: number): string => `$${Number(centsToDollars(cents)).toLocaleString('en-US', { minimumFractionDigits: cents % 100 ? 2 : 0 })}`;

function ServiceTable(props: { title: string; services: Service[] }) {
  const id = `cat-${props.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section class="stack" aria-labelledby={id}>
      <h2 class="section-title" id={id}>
        {props.title}
      </h2>
      <div class="table-wrap table-wrap--contained">
        <table class="table table--stack service-table">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Price</th>
              <th scope="col">Length</th>
              <th scope="col">Phases</th>
              <th scope="col">Licences</th>
            </tr>
          </thead>
          <tbody>
            {props.services.map((s) => (
              <tr class={s.active ? undefined : 'is-inactive'}>
                <td data-label="Service">
                  <a href={`/settings/services/${s.id}`}>{s.name}</a>
                  <span class="cluster service-table__flags">
                    {s.onlineBookable ? <Badge tone="accent">Online booking</Badge> : null}
                    {s.active ? null : <Badge>Inactive</Badge>}
                  </span>
                </td>
                <td data-label="Price">{price(s.priceCents)}</td>
                <td data-label="Length">{hoursAndMinutes(totalMinutes(s))}</td>
                <td data-label="Phases" class="service-table__phases">
                  <PhaseStrip phases={s.phases} />
                  <span class="text-sm muted">{s.phases.map((p) => `${p.label} ${p.minutes}`).join(' · ')}</span>
                </td>
                <td data-label="Licences" class="wrap-cell">
                  {s.requiredCredentials.length ? <span class="badge-list">{s.requiredCredentials.map((k) => <Badge tone="info">{credentialShortName(k)}</Badge>)}</span> : <span class="muted">Anyone</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ServicesPage(props: { services: Service[]; notice?: string }) {
  const active = props.services.filter((s) => s.active);
  const categories = [...new Set(active.map((s) => s.category))];
  const inactive = props.services.filter((s) => !s.active);
  return (
    <div class="stack-lg">
      <PageHeader
        title="Services"
        description="The treatments the spa books: price, who may perform them, the rooms and devices they need, and their phases."
        actions={
          <Button variant="primary" href="/settings/services/new">
            Add a service
          </Button>
        }
      />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      {props.services.length ? null : (
        <EmptyState title="No services yet" action={<Button variant="primary" href="/settings/services/new">Add a service</Button>}>
          Add the first treatment, with its phases, so it can be booked.
        </EmptyState>
      )}
      {categories.map((cat) => (
        <ServiceTable title={cat || 'Other'} services={active.filter((s) => s.category === cat)} />
      ))}
      {inactive.length ? <ServiceTable title="Inactive" services={inactive} /> : null}
    </div>
  );
}
