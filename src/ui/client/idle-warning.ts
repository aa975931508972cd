/**
 * Automatic logoff, as the person sees it: two minutes before the server ends an
 * idle session, a dialog offers to stay; at the deadline the page goes to the
 * sign-in screen. The server enforces the timeout either way; this only warns.
 */
const WARN_BEFORE_MS = 2 * 60 * 1000;

export function startIdleWarning(): void {
  const dialog = document.querySelector<HTMLElement>('.idle-warning[data-expires-at]');
  if (!dialog) return;
  let expiresAt = Date.parse(dialog.dataset.expiresAt ?? '');
  if (Number.isNaN(expiresAt)) return;
  let warnTimer: number | undefined;
  let endTimer: number | undefined;

  const schedule = () => {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    dialog.hidden = true;
    warnTimer = window.setTimeout(() => {
      dialog.hidden = false;
      dialog.querySelector<HTMLButtonElement>('[data-idle-keepalive]')?.focus();
    }, Math.max(0, expiresAt - Date.now() - WARN_BEFORE_MS));
    endTimer = window.setTimeout(() => window.location.assign('/login?ended=idle'), Math.max(0, expiresAt - Date.now()));
  };

  dialog.querySelector('[data-idle-keepalive]')?.addEventListener('click', async () => {
    const response = await fetch('/session/keepalive', {
      method: 'POST',
      headers: { 'x-csrf-token': dialog.dataset.csrf ?? '' },
      credentials: 'same-origin',
    });
    if (!response.ok) return window.location.assign('/login?ended=idle');
    expiresAt = Date.parse(((await response.json()) as { expiresAt: string }).expiresAt);
    schedule();
  });
  schedule();
}
