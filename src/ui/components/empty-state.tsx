import type { Child } from 'hono/jsx';
import { Icon, type IconName } from '../icons.tsx';

export type EmptyStateProps = {
  title: string;
  /** What is missing and why; one or two sentences. */
  children?: Child;
  /** The next step, usually a primary Button. */
  action?: Child;
  icon?: IconName;
  headingLevel?: 2 | 3;
};

/** Shown where a list or table has nothing in it yet. */
export function EmptyState(props: EmptyStateProps) {
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <div class="empty-state">
      <div class="empty-state__icon">
        <Icon name={props.icon ?? 'inbox'} />
      </div>
      <Heading class="empty-state__title">{props.title}</Heading>
      {props.children ? <p class="empty-state__text">{props.children}</p> : null}
      {props.action ? <div class="empty-state__action">{props.action}</div> : null}
    </div>
  );
}
