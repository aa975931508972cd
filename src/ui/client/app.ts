/**
 * The one script every page loads. htmx reads its settings from the
 * <meta name="htmx-config"> tag in the document head (no eval, no injected styles,
 * same-origin requests only). Small islands are started here; nothing is exposed on window.
 */
import 'htmx.org';
import { startCalendar } from './calendar.ts';
import { startFaceMaps } from './face-map.ts';
import { startFileSizeChecks } from './file-size.ts';
import { startIdleWarning } from './idle-warning.ts';

function start(): void {
  startIdleWarning();
  startCalendar();
  startFaceMaps();
  startFileSizeChecks();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();

// A page restored from the back/forward cache never asked the server: after a kiosk start the
// server answers the kiosk page instead, so a restored page is reloaded (ADR 012).
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();
});
