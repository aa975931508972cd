/** Pieces shared by every form field: ids, the hint and the inline error. */
import type { Child } from 'hono/jsx';
import { Icon } from '../icons.tsx';

export type FieldIds = { control: string; hint: string; error: string };

export function fieldIds(name: string, id?: string): FieldIds {
  const control = id ?? `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return { control, hint: `${control}-hint`, error: `${control}-error` };
}

/** The aria-describedby value: the error first (read first), then the hint. */
export function describedBy(ids: FieldIds, hint: Child | undefined, error: string | undefined): string | undefined {
  const parts = [error ? ids.error : '', hasContent(hint) ? ids.hint : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

export function hasContent(child: Child | undefined): boolean {
  return child !== undefined && child !== null && child !== false && child !== '';
}

export function FieldHint(props: { id: string; class?: string; children?: Child }) {
  if (!hasContent(props.children)) return null;
  return (
    <p class={props.class ?? 'field__hint'} id={props.id}>
      {props.children}
    </p>
  );
}

export function FieldError(props: { id: string; message?: string; class?: string }) {
  if (!props.message) return null;
  return (
    <p class={['field__error', props.class].filter(Boolean).join(' ')} id={props.id}>
      <Icon name="error" class="field__error-icon" />
      <span>{props.message}</span>
    </p>
  );
}

export function FieldLabel(props: { for: string; optional?: boolean; aside?: Child; children?: Child }) {
  const label = (
    <label class="field__label" for={props.for}>
      {props.children}
      {props.optional ? <span class="field__optional">(optional)</span> : null}
    </label>
  );
  if (!hasContent(props.aside)) return label;
  return (
    <div class="field__label-row">
      {label}
      <span class="field__aside">{props.aside}</span>
    </div>
  );
}

export function fieldClass(error: string | undefined, extra?: string): string {
  return ['field', error ? 'field--invalid' : '', extra ?? ''].filter(Boolean).join(' ');
}
