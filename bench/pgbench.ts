// The ceiling: the SQL of one GET /login, replayed by pgbench straight against PostgreSQL.
import { spawn } from 'node:child_process';
import { openTransactionSql } from '../src/infra/db/database.ts';
import { tenantSettings } from '../src/infra/db/tenant.ts';

/**
 * One pgbench transaction = the statements an anonymous GET /login sends, in
 * the same round trips, as the same role: withTenant + getSpaProfile
 * (src/modules/tenancy/service.ts) — BEGIN + set_config(tenant, actor, request
 * id), the profile SELECT, COMMIT. (The host's slug is resolved through
 * `resolve_tenant` once every few seconds per process — TenantDirectory — so it
 * is not part of a typical request.) The opening statement comes from the app's
 * own `tenantSettings` and `openTransactionSql`; `\;` keeps it a single round
 * trip, as the app sends it. pgbench runs in simple protocol like the app's
 * opening statement and COMMIT; the profile SELECT is sent by node-postgres in
 * the extended protocol (also one round trip). Each transaction gets a fresh
 * request id, as each request does.
 */
export function loginPageScript(tenantId: string): string {
  const placeholder = 'benchrequestid';
  const begin = (settings: Record<string, string>) =>
    `${openTransactionSql(settings).replace('BEGIN; ', 'BEGIN \\; ').replaceAll(placeholder, 'bench-:rid')};`;
  return [
    '\\set rid random(1, 999999999)',
    begin(tenantSettings({ tenantId, requestId: placeholder })),
    'select "id", "slug", "display_name", "idle_timeout_minutes", "age_of_majority" from "tenants";',
    'COMMIT;',
    '',
  ].join('\n');
}

export interface PgbenchResult {
  tps: number;
  latencyMs: number;
  transactions: number;
  failed: number;
}

export interface PgbenchOptions {
  /** Connection URI (the login role and database are taken from it). */
  url: string;
  scriptPath: string;
  clients: number;
  threads: number;
  seconds: number;
}

export async function runPgbench(o: PgbenchOptions): Promise<PgbenchResult> {
  const args = ['-n', '-M', 'simple', '-f', o.scriptPath, '-c', String(o.clients), '-j', String(o.threads), '-T', String(o.seconds), o.url];
  const child = spawn('pgbench', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const number = (pattern: RegExp) => Number(output.match(pattern)?.[1] ?? NaN);
  const result = {
    tps: number(/^tps = ([\d.]+)/m),
    latencyMs: number(/^latency average = ([\d.]+) ms/m),
    transactions: number(/^number of transactions actually processed: (\d+)/m),
    failed: number(/^number of failed transactions: (\d+)/m),
  };
  if (code !== 0 || Number.isNaN(result.tps)) throw new Error(`pgbench ${args.join(' ')} failed (exit ${code}):\n${output}`);
  return result;
}
