import type { Child } from 'hono/jsx';

export type BadgeTone = 'neutral' | 'accent' | 'info' | 'success' | 'warning' | 'danger';

/** A short status label, e.g. "Signed", "Unpaid", "No-show". */
export function Badge(props: { tone?: BadgeTone; class?: string; children?: Child }) {
  const tone = props.tone ?? 'neutral';
  const className = ['badge', tone === 'neutral' ? '' : `badge--${tone}`, props.class].filter(Boolean).join(' ');
  return <span class={className}>{props.children}</span>;
}
