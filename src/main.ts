import { serve } from '@hono/node-server';
import { composeApp, marketingEmailSender } from './compose.ts';
import { loadConfig, originFor, type Config } from './config.ts';
import { withDevSecrets } from './infra/dev-secrets.ts';
import { assertDurableSettings } from './infra/db/durability.ts';
import { assertOwnerBypassesRls } from './infra/db/owner-check.ts';
import { migrate, setRolePasswords } from './infra/db/migrate.ts';
import { openDatabase } from './infra/db/open.ts';
import { sweepRateLimits } from './infra/http/rate-limit.ts';
import { installJobSchema, startJobRunner } from './infra/jobs/runner.ts';
import { createLogger } from './infra/log.ts';
import { StartupError } from './infra/startup-error.ts';
import { ensureAuditPartitions, flushClientIndex, sealAll } from './modules/audit/seal.ts';
import { registerMarketingJobs } from './modules/marketing/jobs.ts';
import { DEMO_SLUG, seedDemoLogo, seedDemoSpa } from './modules/tenancy/demo-seed.ts';
import { seedDemoClients } from './modules/clients/demo-clients.ts';
import { linkDemoConsents } from './modules/forms/demo-forms.ts';
import { seedDemoSchedule } from './modules/scheduling/demo-schedule.ts';
import { seedDemoAppointments, seedDemoHistory } from './modules/scheduling/demo-appointments.ts';
import { DEMO_PASSWORD } from './modules/identity/demo-staff.ts';
import { DEMO_CONSOLE_ADMIN } from './modules/console/demo-seed.ts';

const started = performance.now();
const workerOnly = process.argv.includes('--worker');

async function main(): Promise<void> {
  const config = withDevSecrets(loadConfig());
  const log = createLogger(config.logLevel);
  const { db, close } = await openDatabase(config);
  if (db.kind === 'postgres') {
    await assertDurableSettings(db);
    await assertOwnerBypassesRls(db);
  }
  await migrate(db);
  await installJobSchema(db);
  await setRolePasswords(db, { app: config.dbAppPassword, console: config.dbConsolePassword });
  const seeded = config.production ? null : await seedDemoSpa(db);
  if (seeded) await seedDemoLogo(db, seeded);
  if (seeded) await seedDemoClients(db, seeded, new Date());
  if (seeded) await seedDemoSchedule(db, seeded, new Date());
  if (seeded) await linkDemoConsents(db, seeded);
  if (seeded) await seedDemoAppointments(db, seeded, new Date());
  if (seeded) await seedDemoHistory(db, seeded, new Date());

  const jobs = await startJobRunner(db, log, { process: workerOnly || config.jobs === 'inline' });
  await jobs.work('platform.rate-limit-sweep', async () => {
    const removed = await sweepRateLimits(db);
    log.info({ removed }, 'rate-limit windows swept');
  });
  await jobs.schedule('platform.rate-limit-sweep', '17 3 * * *');
  await jobs.work('audit.seal', async () => {
    const merged = await flushClientIndex(db).catch((error: unknown) => {
      log.warn({ err: error }, 'audit client index not flushed');
      return 0;
    });
    if (merged) log.debug({ pages: merged }, 'audit client index flushed');
    const sealed = await sealAll(db, config.auditKey);
    if (sealed.seals) log.debug({ seals: sealed.seals, rows: sealed.rows }, 'audit rows sealed');
  });
  await jobs.schedule('audit.seal', '* * * * *');
  await jobs.work('audit.partitions', async () => {
    const created = await ensureAuditPartitions(db);
    log.info({ created }, 'audit partitions ensured');
  });
  await jobs.schedule('audit.partitions', '41 2 * * *');
  await registerMarketingJobs(jobs, { db, log, sender: marketingEmailSender(config, db), inbox: config.marketingEmail.demoInbox });

  let server: ReturnType<typeof serve> | undefined;
  if (!workerOnly) {
    const { http } = composeApp({ config, db, log, jobs });
    server = serve({ fetch: http.fetch, port: config.port, hostname: config.host });
    await new Promise<void>((resolve, reject) => {
      server!.once('listening', resolve);
      server!.once('error', reject);
    });
    printWelcome(config, db.kind, seeded !== null);
  } else {
    console.log('Lumè worker running jobs. Stop with Ctrl+C.');
  }

  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    server?.close();
    await jobs.stop().catch(() => {});
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

function printWelcome(config: Config, kind: string, seededNow: boolean): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [
    '',
    `  Lumè is running (${kind === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'}) — ready in ${seconds} s`,
    '',
    `  Marketing site   ${originFor(config)}`,
  ];
  if (!config.production) {
    lines.push(
      `  Demo spa         ${originFor(config, DEMO_SLUG)}    (Glow Aesthetics${seededNow ? ', seeded just now' : ''})`,
      `  Sign in at       ${originFor(config, DEMO_SLUG)}/login`,
      `                   as owner@glow.example (or manager@, provider@, frontdesk@, bookkeeper@, marketing@)`,
      `                   password ${DEMO_PASSWORD} — the first sign-in sets up an authenticator app`,
      `  Lumè console     ${originFor(config, 'admin')}/login`,
      `                   as ${DEMO_CONSOLE_ADMIN.email} (admin), same password and authenticator set-up`,
    );
  }
  if (!config.production && config.messaging === 'outbox' && kind === 'embedded') lines.push(`  Dev outbox       ${originFor(config)}/dev/outbox`);
  lines.push('', '  Stop with Ctrl+C.', '');
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof StartupError ? error.message : `Lumè could not start: ${(error as Error).message}`);
  process.exit(1);
});
