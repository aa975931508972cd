import type { Child } from 'hono/jsx';

export type PageHeaderProps = {
  /** The page's one h1. */
  title: string;
  description?: Child;
  /** Small line above the title, e.g. a breadcrumb link back to a list. */
  eyebrow?: Child;
  /** Buttons for the page's main actions. */
  actions?: Child;
};

export function PageHeader(props: PageHeaderProps) {
  return (
    <header class="page-header">
      <div class="page-header__text">
        {props.eyebrow ? <p class="page-header__eyebrow">{props.eyebrow}</p> : null}
        <h1 class="page-header__title">{props.title}</h1>
        {props.description ? <p class="page-header__description">{props.description}</p> : null}
      </div>
      {props.actions ? <div class="page-header__actions">{props.actions}</div> : null}
    </header>
  );
}
