import PgBoss from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { Logger } from '../log.ts';
import { QUEUES, type QueueName } from './queues.ts';

export type JobHandler<T> = (data: T) => Promise<void>;

export interface JobRunner {
  send<T extends object>(queue: QueueName, data: T, options?: PgBoss.SendOptions): Promise<string | null>;
  work<T extends object>(queue: QueueName, handler: JobHandler<T>): Promise<void>;
  schedule(queue: QueueName, cron: string): Promise<void>;
  stop(): Promise<void>;
}

function bossOn(db: Database, options: Partial<PgBoss.ConstructorOptions>): PgBoss {
  return new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => db.jobQuery(text, values) },
    ...options,
  } as PgBoss.ConstructorOptions);
}

/** Creates pg-boss's schema and every queue, as the owner; then lets the app role use them. */
export async function installJobSchema(db: Database): Promise<void> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => db.ownerQuery(text, values) },
    supervise: false,
    schedule: false,
  } as PgBoss.ConstructorOptions);
  boss.on('error', () => {});
  await boss.start();
  for (const queue of QUEUES) {
    if (!(await boss.getQueue(queue))) await boss.createQueue(queue);
  }
  await boss.stop({ graceful: false, wait: true });
  await db.ownerQuery(`GRANT USAGE ON SCHEMA pgboss TO lume_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO lume_app;
    GRANT USAGE ON ALL SEQUENCES IN SCHEMA pgboss TO lume_app`);
}

/** Starts the job runner: `work` registers handlers, in-process or in `npm run worker`. */
export async function startJobRunner(db: Database, log: Logger, options: { process: boolean }): Promise<JobRunner> {
  const boss = bossOn(db, { migrate: false, supervise: options.process, schedule: options.process });
  boss.on('error', (error) => log.error({ err: error }, 'job runner error'));
  await boss.start();
  return {
    send: (queue, data, sendOptions) => boss.send(queue, data, sendOptions ?? {}),
    async work(queue, handler) {
      if (!options.process) return;
      await boss.work<object>(queue, { pollingIntervalSeconds: 2 }, async (jobs) => {
        for (const job of jobs) await handler(job.data as never);
      });
    },
    async schedule(queue, cron) {
      if (options.process) await boss.schedule(queue, cron);
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 5000 }),
  };
}
