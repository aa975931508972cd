import { join } from 'node:path';
import type { Config, ResolvedConfig } from './config.ts';
import type { Database } from './infra/db/database.ts';
import { createHttpApp, type HttpApp } from './infra/http/app.ts';
import type { AppDeps } from './infra/http/context.ts';
import { SurfaceRouter } from './infra/http/router.ts';
import type { JobRunner } from './infra/jobs/runner.ts';
import type { Logger } from './infra/log.ts';
import { createDevOutbox } from './infra/messaging/dev-outbox.ts';
import { createDiskBlobStore } from './infra/storage/disk-blob-store.ts';
import { createFileStore } from './infra/storage/file-store.ts';
import { registerDevtoolsRoutes } from './modules/devtools/routes.tsx';
import { loadPrincipal, operatorGuard } from './modules/identity/guard.ts';
import { registerSessionRoutes } from './modules/identity/session.routes.ts';
import { registerSignInRoutes } from './modules/identity/sign-in.routes.tsx';
import { registerMarketingRoutes } from './modules/marketing/routes.tsx';
import { registerTenancyRoutes } from './modules/tenancy/routes.tsx';

export interface ComposeOptions {
  config: ResolvedConfig;
  db: Database;
  log: Logger;
  jobs: Pick<JobRunner, 'send'>;
  now?: () => Date;
}

/** Wires the providers and every module's routes into one app (used by main and by the tests). */
export function composeApp(options: ComposeOptions): { deps: AppDeps; http: HttpApp } {
  const { config, db } = options;
  const deps: AppDeps = {
    config,
    db,
    log: options.log,
    messaging: createDevOutbox(db),
    files: createFileStore({ blobs: createDiskBlobStore(join(config.dataDir, 'files')), masterKey: config.masterKey }),
    jobs: options.jobs,
    now: options.now ?? (() => new Date()),
  };

  const marketing = new SurfaceRouter('marketing');
  registerMarketingRoutes(marketing, deps);
  if (devOutboxEnabled(config, db)) registerDevtoolsRoutes(marketing);

  const spa = new SurfaceRouter('spa');
  spa.use(loadPrincipal);
  spa.useAccessGuard(operatorGuard);
  registerSignInRoutes(spa);
  registerSessionRoutes(spa);
  registerTenancyRoutes(spa);

  const console = new SurfaceRouter('console');

  return { deps, http: createHttpApp(deps, [marketing, spa, console]) };
}

/** The dev outbox page exists only on the embedded database, outside production. */
export function devOutboxEnabled(config: Config, db: Database): boolean {
  return !config.production && config.messaging === 'outbox' && db.kind === 'embedded';
}
