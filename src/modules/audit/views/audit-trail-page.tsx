import { Alert, Button, EmptyState, PageHeader } from '../../../ui/components.tsx';
import { filterQuery, type AuditQuery, type AuditScreen } from '../search.ts';
import { EventsTable } from './events-table.tsx';
import { AuditFilters } from './filters.tsx';
import { Pager } from './pager.tsx';
import { SealStatusLine } from './seal-status.tsx';
import { zoneName } from './time.tsx';
import { plural } from './words.tsx';

export interface AuditTrailPageProps {
  screen: AuditScreen;
  query: AuditQuery;
  /** A message about the last action (an export refused), shown above the results. */
  notice?: string;
}

/** GET /audit: filters, the seal status, and one page of entries, newest first. */
export function AuditTrailPage(props: AuditTrailPageProps) {
  const { screen, query } = props;
  const errors = Object.values(screen.errors);
  const filtered = Object.keys(query.filter).length > 0;
  const href = (param: Record<string, string> = {}) => `/audit${filterQuery(query.filter, param)}`;
  return (
    <div class="stack-lg audit">
      <PageHeader
        title="Audit trail"
        description="Every sign-in and every access to client records at this spa, as it happened. Entries can never be changed or deleted."
        actions={
          errors.length === 0 ? (
            <Button href={`/audit/export.csv${filterQuery(query.filter)}`} variant="secondary">
              Download CSV
            </Button>
          ) : null
        }
      />
      <SealStatusLine seal={screen.seal} timeZone={screen.timeZone} />
      <AuditFilters values={query.values} errors={screen.errors} people={screen.people} actions={screen.actions} zone={zoneName(screen.timeZone)} />
      <section class="stack" aria-labelledby="audit-results">
        <h2 id="audit-results" class="visually-hidden">
          Entries
        </h2>
        {errors.length ? (
          <Alert tone="error" title="Check the filters">
            <ul class="audit-errors">
              {errors.map((e) => (
                <li>{e}</li>
              ))}
            </ul>
            <p>Nothing was searched. Fix the filters above and apply them again.</p>
          </Alert>
        ) : null}
        {props.notice ? <Alert tone="warning">{props.notice}</Alert> : null}
        {screen.page && screen.page.rows.length > 0 ? (
          <>
            <p class="audit-count">
              {plural(screen.page.rows.length, 'entry', 'entries')} on this page, newest first{filtered ? ', matching the filters' : ''}.
            </p>
            <EventsTable rows={screen.page.rows} timeZone={screen.timeZone} roleNames={screen.roleNames} caption="Audit trail entries, newest first" />
            <Pager page={screen.page} href={href} label="Audit trail pages" onFirstPage={!query.cursor} />
          </>
        ) : null}
        {screen.page && screen.page.rows.length === 0 ? (
          filtered || query.cursor ? (
            <EmptyState
              title="No entries match"
              icon="inbox"
              action={
                <Button href="/audit" variant="secondary">
                  Clear filters
                </Button>
              }
            >
              Nothing in the trail matches these filters. Try a wider date range, or another person or action.
            </EmptyState>
          ) : (
            <EmptyState title="Nothing recorded yet" icon="shield">
              Sign-ins and every access to client records will appear here as they happen.
            </EmptyState>
          )
        ) : null}
      </section>
    </div>
  );
}
