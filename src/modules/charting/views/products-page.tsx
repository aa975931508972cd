/** The spa's products for charting: add one, retire one (charts that used it keep it). */
import { Alert, Badge, Button, Card, CsrfField, EmptyState, Field, PageHeader, SelectField } from '../../../ui/components.tsx';
import { PRODUCT_KINDS, type Product } from '../products.ts';

export interface ProductsPageView {
  products: Product[];
  csrfToken: string;
  notice?: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}

export function ProductsPage(props: ProductsPageView) {
  const v = props.values ?? {};
  const e = props.errors ?? {};
  return (
    <div class="stack-lg">
      <PageHeader title="Products" description="What providers chart: neurotoxins in units (they differ by brand), fillers in mL. Lot numbers are entered on each chart." />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      {props.products.length === 0 ? (
        <EmptyState title="No products yet">Add the products your providers use; charts offer them with their unit.</EmptyState>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Kind</th>
                <th scope="col">Measured in</th>
                <th scope="col">Charts</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.products.map((p) => (
                <tr>
                  <td>
                    {p.name} {p.active ? null : <Badge>Retired</Badge>}
                  </td>
                  <td>{PRODUCT_KINDS[p.kind]}</td>
                  <td>{p.unit}</td>
                  <td>{p.uses}</td>
                  <td>
                    <form method="post" action={`/settings/products/${p.id}/${p.active ? 'retire' : 'restore'}`} class="inline-form">
                      <CsrfField token={props.csrfToken} />
                      <Button size="sm" variant="secondary">
                        {p.active ? 'Retire' : 'Bring back'}
                      </Button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Card title="Add a product">
        <form method="post" action="/settings/products" class="form-grid">
          <CsrfField token={props.csrfToken} />
          <Field name="name" label="Name" value={v.name} error={e.name} maxlength={80} required />
          <SelectField name="kind" label="Kind" options={Object.entries(PRODUCT_KINDS).map(([value, label]) => ({ value, label }))} value={v.kind} error={e.kind} placeholder="Choose…" />
          <SelectField name="unit" label="Measured in" options={[{ value: 'units', label: 'units' }, { value: 'mL', label: 'mL' }]} value={v.unit} error={e.unit} placeholder="Choose…" />
          <div class="lot-search__go">
            <Button variant="primary">Add product</Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
