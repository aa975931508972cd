/** Pieces the marketing pages share: the page intro, status badges, the document layout with its contents list, the closing call to action. */
import type { Child } from 'hono/jsx';
import { Button } from '../../../ui/components.tsx';
import { Icon } from '../../../ui/icons.tsx';

export function PageIntro(props: { eyebrow: string; title: string; lede?: Child; meta?: Child; children?: Child }) {
  return (
    <section class="page-intro" aria-labelledby="page-title">
      <div class="container">
        <p class="eyebrow">{props.eyebrow}</p>
        <h1 class="page-intro__title" id="page-title">
          {props.title}
        </h1>
        {props.meta ? <p class="page-intro__meta">{props.meta}</p> : null}
        {props.lede ? <p class="page-intro__lede">{props.lede}</p> : null}
        {props.children}
      </div>
    </section>
  );
}

export type Availability = 'now' | 'building';

export function StatusBadge(props: { status: Availability }) {
  return props.status === 'now' ? (
    <span class="status status--now">
      <span class="status__dot" aria-hidden="true"></span>Available now
    </span>
  ) : (
    <span class="status status--building">
      <span class="status__dot" aria-hidden="true"></span>In development
    </span>
  );
}

export type DocSection = { id: string; title: string; body: Child };

/** A long read (privacy, BAA, security) with a list of its sections beside it on wide screens. */
export function DocPage(props: { sections: readonly DocSection[]; label: string; children?: Child }) {
  return (
    <div class="container doc">
      <nav class="doc__toc" aria-label={props.label}>
        <p class="doc__toc-title">On this page</p>
        <ol class="doc__toc-list">
          {props.sections.map((s) => (
            <li>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      <div class="doc__body prose">
        {props.children}
        {props.sections.map((s) => (
          <section id={s.id} aria-labelledby={`${s.id}-title`} class="doc__section">
            <h2 id={`${s.id}-title`}>{s.title}</h2>
            {s.body}
          </section>
        ))}
      </div>
    </div>
  );
}

/** A short aside inside prose: a plain fact the reader should not miss. */
export function Note(props: { children?: Child }) {
  return (
    <p class="note">
      <Icon name="info" class="note__icon" />
      <span>{props.children}</span>
    </p>
  );
}

export function DemoCta(props: { title?: string; text?: string }) {
  return (
    <section class="section section--compact" aria-labelledby="cta-title">
      <div class="container">
        <div class="cta-band">
          <h2 class="cta-band__title" id="cta-title">
            {props.title ?? 'See whether Lumè fits your spa'}
          </h2>
          <p class="cta-band__text">
            {props.text ?? 'Tell us about your locations and your team, and we’ll show you what is ready today and what is on the way.'}
          </p>
          <div class="cta-band__actions">
            <Button href="/demo" variant="primary" size="lg">
              Request a demo
            </Button>
          </div>
        </div>
      </div>
    </section>
  );
}
