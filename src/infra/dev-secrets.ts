import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config, ResolvedConfig } from '../config.ts';

interface DevSecrets {
  secret: string;
  masterKey: string;
  auditKey: string;
}

/**
 * Outside production, a missing LUME_SECRET, LUME_MASTER_KEY or LUME_AUDIT_KEY is
 * generated once and kept in DATA_DIR so files, CSRF tokens and audit seals
 * survive a restart. Production refuses to start without them (config.ts).
 */
export function withDevSecrets(config: Config): ResolvedConfig {
  if (config.secret && config.masterKey && config.auditKey) return config as ResolvedConfig;
  const path = join(config.dataDir, 'dev-secrets.json');
  const stored: Partial<DevSecrets> = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  const complete: DevSecrets = {
    secret: stored.secret ?? randomBytes(32).toString('base64url'),
    masterKey: stored.masterKey ?? randomBytes(32).toString('base64'),
    auditKey: stored.auditKey ?? randomBytes(32).toString('base64'),
  };
  if (JSON.stringify(complete) !== JSON.stringify(stored)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(path, JSON.stringify(complete), { mode: 0o600 });
  }
  return {
    ...config,
    secret: config.secret ?? complete.secret,
    masterKey: config.masterKey ?? Buffer.from(complete.masterKey, 'base64'),
    auditKey: config.auditKey ?? Buffer.from(complete.auditKey, 'base64'),
  };
}
