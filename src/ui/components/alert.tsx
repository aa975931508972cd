import type { Child } from 'hono/jsx';
import { Icon, type IconName } from '../icons.tsx';

export type AlertTone = 'info' | 'success' | 'warning' | 'error';

export type AlertProps = {
  tone?: AlertTone;
  title?: string;
  id?: string;
  class?: string;
  children?: Child;
};

const icons: Record<AlertTone, IconName> = {
  info: 'info',
  success: 'check-circle',
  warning: 'warning',
  error: 'error',
};

/**
 * A notice in one of four tones. Errors use role="alert" so screen readers announce them
 * at once; the other tones use role="status".
 */
export function Alert(props: AlertProps) {
  const tone = props.tone ?? 'info';
  return (
    <div
      class={['alert', `alert--${tone}`, props.class].filter(Boolean).join(' ')}
      role={tone === 'error' ? 'alert' : 'status'}
      id={props.id}
    >
      <Icon name={icons[tone]} class="alert__icon" />
      <div class="alert__body">
        {props.title ? <p class="alert__title">{props.title}</p> : null}
        {props.children ? <div>{props.children}</div> : null}
      </div>
    </div>
  );
}
