import { listOutbox } from '../../infra/messaging/dev-outbox.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { StyleGuidePage } from '../../ui/styleguide.tsx';
import { OutboxPage } from './views/outbox.tsx';

/** Registered only on the embedded database outside production (see compose.ts). */
export function registerDevtoolsRoutes(router: SurfaceRouter): void {
  router.get('/dev/outbox', 'public', async (c) => c.html(<OutboxPage messages={await listOutbox(c.var.deps.db, 200)} />));
  router.get('/dev/styleguide', 'public', (c) => c.html(<StyleGuidePage surface={c.req.query('surface') === 'console' ? 'console' : 'crm'} />));
}
