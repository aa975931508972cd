/** Lot traceability: pick a product and a lot, see every client treated with it, export for a recall. */
import { Button, EmptyState, Field, PageHeader, SelectField } from '../../../ui/components.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { formatAmount } from '../face-map/points.ts';
import type { LotUse } from '../lots.ts';
import type { Product } from '../products.ts';

export interface LotsPageView {
  products: Product[];
  productId?: string;
  lot?: string;
  error?: string;
  uses?: LotUse[];
  /** The viewer may export the list (export:chart:any). */
  canExport: boolean;
}

export function LotsPage(props: LotsPageView) {
  const searched = props.uses !== undefined;
  const exportHref = searched ? `/charts/lots/export?product=${props.productId}&lot=${encodeURIComponent(props.lot ?? '')}` : '';
  return (
    <div class="stack-lg">
      <PageHeader title="Lot traceability" description="Every client treated with one lot of a product: for a manufacturer’s recall or an adverse-event report." />
      <form method="get" action="/charts/lots" class="lot-search">
        <SelectField name="product" label="Product" options={props.products.map((p) => ({ value: p.id, label: p.name }))} value={props.productId} placeholder="Choose a product" />
        <Field name="lot" label="Lot number" value={props.lot} error={props.error} maxlength={40} autocomplete="off" spellcheck={false} />
        <div class="lot-search__go">
          <Button variant="primary">Find treatments</Button>
        </div>
      </form>
      {searched && props.uses!.length === 0 ? <EmptyState title="No treatment used this lot">Check the lot number on the box: letters and digits, as printed.</EmptyState> : null}
      {searched && props.uses!.length ? (
        <div class="stack">
          <div class="table-wrap">
            <table class="table">
              <caption>
                {props.uses!.length} treatment{props.uses!.length === 1 ? '' : 's'} with lot {props.lot?.toUpperCase()}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Client</th>
                  <th scope="col">Contact</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Chart</th>
                </tr>
              </thead>
              <tbody>
                {props.uses!.map((u) => (
                  <tr>
                    <td>{formatDateTime(u.startsAt, u.timeZone)}</td>
                    <td>
                      <a href={`/clients/${u.clientId}`}>{u.clientName}</a>
                    </td>
                    <td>{[u.mobilePhone, u.email].filter(Boolean).join(' · ') || '—'}</td>
                    <td>{u.amount === null ? '—' : formatAmount(u.amount, u.unit)}</td>
                    <td>{u.providerName}</td>
                    <td>
                      <a href={`/charts/${u.chartId}`}>{u.signed ? 'Signed' : 'Draft'}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {props.canExport ? (
            <div>
              <Button href={exportHref}>Export as CSV</Button>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
