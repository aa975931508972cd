import type { Child } from 'hono/jsx';
import { Button } from './button.tsx';
import { CsrfField } from './csrf-field.tsx';

/**
 * A destructive action behind a second, explicit click: the summary opens a
 * short explanation and the real button. Works without JavaScript.
 */
export function ConfirmAction(props: { label: string; action: string; csrfToken: string; confirmLabel: string; children?: Child }) {
  return (
    <details class="confirm">
      <summary class="btn btn--sm btn--secondary confirm__summary--danger">{props.label}</summary>
      <div class="confirm__panel">
        {props.children ? <div class="confirm__text">{props.children}</div> : null}
        <form method="post" action={props.action} class="confirm__form">
          <CsrfField token={props.csrfToken} />
          <Button variant="danger" size="sm">
            {props.confirmLabel}
          </Button>
        </form>
      </div>
    </details>
  );
}
