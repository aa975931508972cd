import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';

/**
 * Outside production, a missing LUME_SECRET or LUME_MASTER_KEY is generated once
 * and kept in DATA_DIR so files and CSRF tokens survive a restart. Production
 * refuses to start without both (config.ts).
 */
export function withDevSecrets(config: Config): Config & { secret: string; masterKey: Buffer } {
  if (config.secret && config.masterKey) return config as Config & { secret: string; masterKey: Buffer };
  const path = join(config.dataDir, 'dev-secrets.json');
  let stored: { secret: string; masterKey: string };
  if (existsSync(path)) {
    stored = JSON.parse(readFileSync(path, 'utf8'));
  } else {
    mkdirSync(config.dataDir, { recursive: true });
    stored = { secret: randomBytes(32).toString('base64url'), masterKey: randomBytes(32).toString('base64') };
    writeFileSync(path, JSON.stringify(stored), { mode: 0o600 });
  }
  return { ...config, secret: config.secret ?? stored.secret, masterKey: config.masterKey ?? Buffer.from(stored.masterKey, 'base64') };
}
