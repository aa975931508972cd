import { buttonClass } from '../../../ui/components.tsx';
import type { AuditPage } from '../search.ts';

/**
 * "Newer" and "Older" links between keyset pages. `href` builds a link from the page
 * parameter; without one it is the first (newest) page. A missing direction is shown
 * greyed out so the two buttons keep their places.
 */
export function Pager(props: { page: AuditPage; href: (param?: Record<string, string>) => string; label: string; onFirstPage: boolean }) {
  const { older, newer } = props.page;
  if (!older && !newer && props.onFirstPage) return null;
  // Kept in place for the eye, hidden from screen readers (there is nothing to follow).
  const disabled = (text: string) => (
    <span class={buttonClass('secondary', 'sm', false, 'audit-pager__off')} aria-hidden="true">
      {text}
    </span>
  );
  return (
    <nav class="audit-pager" aria-label={props.label}>
      {props.onFirstPage ? null : (
        <a class={buttonClass('link', 'sm')} href={props.href()}>
          Newest
        </a>
      )}
      <div class="audit-pager__steps">
        {newer ? (
          <a class={buttonClass('secondary', 'sm')} href={props.href({ newer })} rel="prev">
            <span aria-hidden="true">←</span> Newer
          </a>
        ) : (
          disabled('← Newer')
        )}
        {older ? (
          <a class={buttonClass('secondary', 'sm')} href={props.href({ older })} rel="next">
            Older <span aria-hidden="true">→</span>
          </a>
        ) : (
          disabled('Older →')
        )}
      </div>
    </nav>
  );
}
