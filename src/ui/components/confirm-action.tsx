import type { Child } from 'hono/jsx';
import { Button } from './button.tsx';
import { CsrfField } from './csrf-field.tsx';

/**
 * A destructive action behind a second, explicit click: the summary opens a
 * short explanation and the real button. Works without JavaScript. `fields` go
 * into the form before the button (a reason to give, a hidden choice); `open`
 * keeps it open, as when a refused answer is shown again with its error.
 */
export function ConfirmAction(props: { label: string; action: string; csrfToken: string; confirmLabel: string; children?: Child; fields?: Child; open?: boolean }) {
  return (
    <details class="confirm" open={props.open ? true : undefined}>
      <summary class="btn btn--sm btn--secondary confirm__summary--danger">{props.label}</summary>
      <div class="confirm__panel">
        {props.children ? <div class="confirm__text">{props.children}</div> : null}
        <form method="post" action={props.action} class={props.fields ? 'stack-sm confirm__form' : 'confirm__form'}>
          <CsrfField token={props.csrfToken} />
          {props.fields}
          <Button variant="danger" size="sm">
            {props.confirmLabel}
          </Button>
        </form>
      </div>
    </details>
  );
}
