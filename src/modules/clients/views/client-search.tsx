/** Clients → "Find a client": the search box and its results (the page, and the fragment htmx swaps in as you type). */
import { Alert, Badge, Button, CsrfField, EmptyState, Field, PageHeader } from '../../../ui/components.tsx';
import { initialsOf } from '../../../ui/initials.ts';
import type { MinorStanding } from '../records.ts';
import { allergySummary, type ClientSearchHit, type ClientSearchResult } from '../search.ts';

export interface ClientSearchView {
  /** What was typed, shown again in the box (no-JS fallback). Never put in a URL. */
  typed: string;
  /** Null before anything is searched. */
  result: ClientSearchResult | null;
  canCreate: boolean;
}

export function ClientSearchPage(props: ClientSearchView & { csrfToken: string }) {
  return (
    <div class="stack-lg client-search-page">
      <PageHeader
        title="Clients"
        description="Find anyone who has visited, by name, phone, email or date of birth."
        actions={
          props.canCreate ? (
            <Button variant="primary" href="/clients/new">
              New client
            </Button>
          ) : undefined
        }
      />
      {/* Search text travels in POST bodies only: never in a URL, an access log or the browser's history (SEC-6). */}
      <form class="client-search" method="post" action="/clients" role="search" hx-post="/clients/search" hx-target="#client-results" hx-sync="this:replace">
        <CsrfField token={props.csrfToken} />
        <Field
          name="q"
          id="client-search-q"
          label="Find a client"
          type="search"
          value={props.typed}
          placeholder="Name, phone, email or date of birth"
          autofocus
          autocomplete="off"
          spellcheck={false}
          maxlength={100}
          class="client-search__field"
          inputClass="client-search__input"
          attrs={{
            'hx-post': '/clients/search',
            'hx-trigger': 'input changed delay:150ms, search',
            'hx-target': '#client-results',
            'hx-sync': 'closest form:replace',
            'aria-controls': 'client-results',
          }}
        />
        <Button variant="secondary" class="client-search__submit">
          Search
        </Button>
      </form>
      {/* hx-history="false": htmx never copies this page (client names) into the browser's local storage. */}
      <section id="client-results" class="client-search__results" aria-label="Search results" aria-live="polite" hx-history="false">
        <ClientSearchResults {...props} />
      </section>
    </div>
  );
}

/** What goes in #client-results: a hint, a "no match", or the list. */
export function ClientSearchResults(props: ClientSearchView) {
  const { result } = props;
  if (!result || result.query.kind === 'empty' || result.query.kind === 'too_short') {
    return (
      <EmptyState title={result?.query.kind === 'too_short' ? 'Keep typing…' : 'Who are you looking for?'} icon="user">
        Type two letters of a name, three digits of a phone number, part of an email, or a date of birth like 3/14/1990. Spelling mistakes are fine: “Jenifer Lopes” finds Jennifer Lopez.
      </EmptyState>
    );
  }
  if (result.query.kind === 'bad_date') {
    return <Alert tone="warning" title="That date does not exist">Type the date of birth as month/day/year, like 3/14/1990, or as 1990-03-14.</Alert>;
  }
  if (result.hits.length === 0) {
    return (
      <EmptyState
        title={`No client matches “${props.typed.trim()}”`}
        icon="user"
        action={
          props.canCreate ? (
            <Button variant="primary" href="/clients/new">
              Create a new client
            </Button>
          ) : undefined
        }
      >
        Check the spelling or try a phone number or date of birth instead.
      </EmptyState>
    );
  }
  const count = result.hits.length;
  return (
    <div class="stack">
      <p class="client-results__status">
        {result.more ? `The first ${count} matches. Type more to narrow it down.` : count === 1 ? '1 client matches.' : `${count} clients match.`}
      </p>
      <ul class="client-results" role="list">
        {result.hits.map((hit) => (
          <li>
            <ClientHitRow hit={hit} />
          </li>
        ))}
      </ul>
    </div>
  );
}

const MINOR_BADGES: Record<Exclude<MinorStanding, 'adult'>, { tone: 'danger' | 'warning' | 'info'; text: string }> = {
  needs_guardian: { tone: 'danger', text: 'Minor · no guardian linked' },
  needs_authorization: { tone: 'warning', text: 'Minor · guardian authorization pending' },
  authorized: { tone: 'info', text: 'Minor' },
};

function ClientHitRow(props: { hit: ClientSearchHit }) {
  const h = props.hit;
  const minor = h.minor === 'adult' ? null : MINOR_BADGES[h.minor];
  return (
    <a class="client-hit" href={`/clients/${h.id}`}>
      <span class="client-hit__avatar" aria-hidden="true">
        {initialsOf(h.name)}
      </span>
      <span class="client-hit__who">
        <span class="client-hit__name">{h.name}</span>
        {h.legalName ? <span class="client-hit__legal">Legal name: {h.legalName}</span> : null}
        <span class="client-hit__birth">
          {h.age} {h.age === 1 ? 'year' : 'years'} · born <time datetime={h.dateOfBirth}>{formatBirthDate(h.dateOfBirth)}</time>
        </span>
      </span>
      <span class="client-hit__contact">
        {h.phone ? <span class="client-hit__phone">{h.phone}</span> : null}
        {h.email ? <span class="client-hit__email">{h.email}</span> : null}
        {!h.phone && !h.email ? <span class="client-hit__none">No phone or email</span> : null}
      </span>
      {minor || h.allergies?.length ? (
        <span class="client-hit__flags">
          {minor ? <Badge tone={minor.tone}>{minor.text}</Badge> : null}
          {h.allergies?.length ? <span class="client-hit__allergies">Allergies: {allergySummary(h.allergies)}</span> : null}
        </span>
      ) : null}
    </a>
  );
}

/** "Mar 14, 1990": a calendar date, not an instant (no time zone shift). */
export function formatBirthDate(day: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(`${day}T00:00:00Z`));
}
