import type { Child } from 'hono/jsx';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'link';
export type ButtonSize = 'sm' | 'md' | 'lg';

/** Extra attributes passed straight through, e.g. { 'hx-post': '/x', 'hx-confirm': '…' }. */
export type ExtraAttributes = Record<string, string | number | boolean | undefined>;

export type ButtonProps = {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Full width of its container. */
  block?: boolean;
  /** Defaults to "submit", as in HTML. Ignored when `href` is given. */
  type?: 'submit' | 'button' | 'reset';
  /** Renders a link that looks like a button. */
  href?: string;
  name?: string;
  value?: string;
  disabled?: boolean;
  id?: string;
  class?: string;
  attrs?: ExtraAttributes;
  children?: Child;
};

export function buttonClass(variant: ButtonVariant = 'secondary', size: ButtonSize = 'md', block = false, extra?: string): string {
  return ['btn', `btn--${variant}`, size === 'md' ? '' : `btn--${size}`, block ? 'btn--block' : '', extra ?? '']
    .filter(Boolean)
    .join(' ');
}

export function Button(props: ButtonProps) {
  const className = buttonClass(props.variant, props.size, props.block, props.class);
  if (props.href !== undefined) {
    return (
      <a class={className} href={props.href} id={props.id} {...props.attrs}>
        {props.children}
      </a>
    );
  }
  return (
    <button
      class={className}
      type={props.type ?? 'submit'}
      name={props.name}
      value={props.value}
      disabled={props.disabled}
      id={props.id}
      {...props.attrs}
    >
      {props.children}
    </button>
  );
}
