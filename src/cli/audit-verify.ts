import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { withDevSecrets } from '../infra/dev-secrets.ts';
import type { Database } from '../infra/db/database.ts';
import { StartupError } from '../infra/startup-error.ts';
import { openDatabaseForCli } from './open-for-cli.ts';
import { sealAll, sealSpa } from '../modules/audit/seal.ts';
import { verifyAudit, type SpaVerification } from '../modules/audit/verify.ts';

/**
 * `npm run audit:verify [-- --spa <slug>] [-- --seal]`: checks the audit seals of every spa
 * (or one), prints a line per spa and its chain head, and exits 0 only when all are intact.
 * An operator's tool: it reads as the database owner; `--seal` seals first, as the app does.
 */

const USAGE = 'usage: npm run audit:verify -- [--spa <slug>] [--seal]';
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { spa: { type: 'string' }, seal: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  const config = withDevSecrets(loadConfig());
  const opened = await openDatabaseForCli(config, 'audit:verify');
  if (!opened) return 1;
  const { db, close } = opened;
  try {
    let tenantIds: string[] | undefined;
    if (args.spa !== undefined) {
      const id = await spaIdForSlug(db, args.spa);
      if (!id) {
        console.error(`No spa with the address ${JSON.stringify(args.spa)}.`);
        return 1;
      }
      tenantIds = [id];
    }
    if (args.seal) {
      const sealed = tenantIds
        ? await sealSpa(db, config.auditKey, tenantIds[0]!)
        : await sealAll(db, config.auditKey);
      console.log(`Sealed ${count(sealed.rows, 'row')} in ${count(sealed.seals, 'new seal')}.`);
    }
    const report = await verifyAudit(db, config.auditKey, { tenantIds, role: 'owner' });
    if (report.spas.length === 0) console.log('No spas to verify.');
    for (const spa of report.spas) {
      const slug = (await slugOf(db, spa.tenantId)) ?? spa.tenantId;
      console.log(`${slug}: ${describe(spa)}`);
      console.log(`  chain head: ${spa.head ? `seal ${spa.head.seq}, mac ${spa.head.mac}` : 'none yet'}`);
    }
    return report.ok ? 0 : 1;
  } finally {
    await close();
  }
}

function describe(spa: SpaVerification): string {
  const counts = `${count(spa.seals, 'seal')}, ${count(spa.rows, 'row')}, ${spa.unsealed.toLocaleString('en-US')} awaiting seal`;
  if (!spa.problem) return `ok — ${counts}`;
  const where = spa.problem.at === 'seal' ? `at seal ${spa.problem.seq}` : `after seal ${spa.problem.seq}`;
  return `BROKEN ${where} — ${spa.problem.message} (checked ${counts})`;
}

async function spaIdForSlug(db: Database, slug: string): Promise<string | null> {
  return db.transaction('owner', {}, async (client) => {
    const { rows } = await client.query<{ id: string }>('SELECT id::text AS id FROM resolve_tenant($1)', [slug]);
    return rows[0]?.id ?? null;
  });
}

/** The spa's address, read the way any tenant row is read (the owner too is under forced RLS). */
async function slugOf(db: Database, tenantId: string): Promise<string | null> {
  return db.transaction('owner', { 'app.tenant_id': tenantId, 'app.request_id': 'audit-verify' }, async (client) => {
    const { rows } = await client.query<{ slug: string }>('SELECT slug::text AS slug FROM tenants WHERE id = $1', [tenantId]);
    return rows[0]?.slug ?? null;
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof StartupError ? error.message : `audit:verify failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
