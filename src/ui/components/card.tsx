import type { Child } from 'hono/jsx';

export type CardProps = {
  title?: Child;
  description?: Child;
  /** Buttons or links shown at the right of the card header. */
  actions?: Child;
  footer?: Child;
  /** Heading level of the title; 2 by default. */
  headingLevel?: 2 | 3;
  id?: string;
  class?: string;
  children?: Child;
};

/** A bordered surface. With a title it is a <section> labelled by its heading. */
export function Card(props: CardProps) {
  const className = ['card', props.class].filter(Boolean).join(' ');
  const body = <div class="card__body">{props.children}</div>;
  const footer = props.footer ? <div class="card__footer">{props.footer}</div> : null;
  if (props.title === undefined) {
    return (
      <div class={className} id={props.id}>
        {body}
        {footer}
      </div>
    );
  }
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  const headingId = props.id ? `${props.id}-title` : undefined;
  return (
    <section class={className} id={props.id} aria-labelledby={headingId}>
      <header class="card__header">
        <div>
          <Heading class="card__title" id={headingId}>
            {props.title}
          </Heading>
          {props.description ? <p class="card__description">{props.description}</p> : null}
        </div>
        {props.actions ? <div class="btn-row">{props.actions}</div> : null}
      </header>
      {body}
      {footer}
    </section>
  );
}
