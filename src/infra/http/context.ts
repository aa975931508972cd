import type { ResolvedConfig } from '../../config.ts';
import type { Database } from '../db/database.ts';
import type { JobRunner } from '../jobs/runner.ts';
import type { Logger } from '../log.ts';
import type { Messaging } from '../messaging/ports.ts';
import type { FileStore } from '../storage/file-store.ts';
import type { KioskHold, Principal } from '../../modules/identity/sessions.ts';
import type { Surface } from './hosts.ts';

/** Everything a request handler may use, built once by the composition root. */
export interface AppDeps {
  config: ResolvedConfig;
  db: Database;
  log: Logger;
  messaging: Messaging;
  files: FileStore;
  jobs: Pick<JobRunner, 'send'>;
  /** The current time; tests move it to prove timeouts. */
  now: () => Date;
}

export interface TenantRef {
  id: string;
  slug: string;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    surface: Surface;
    requestId: string;
    ip: string;
    tenant: TenantRef;
    /** Ties CSRF tokens to the signed-in session; empty before sign-in. */
    csrfBinding: string;
    /** The signed-in operator (any stage), when the session cookie is valid. */
    principal: Principal | undefined;
    /** The operator's session while it is lent to a kiosk (ADR 012): never the principal, it opens no CRM route. */
    kioskHold: KioskHold | undefined;
    /** Why a session cookie stopped working on this request, to tell the person. */
    sessionEnded: 'idle' | 'expired' | 'inactive' | 'break_glass' | undefined;
  };
};
