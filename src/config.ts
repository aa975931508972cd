import { z } from 'zod';
import { StartupError } from './infra/startup-error.ts';

/**
 * Every setting Lumè reads, validated once at boot. A wrong value stops the
 * process with one line naming the variable (see `ConfigError`).
 */
const port = z.coerce.number().int().min(1).max(65535);
const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded');
const hostName = z
  .string()
  .regex(/^[a-z0-9.-]+(:\d{1,5})?$/i, 'must be a host name, optionally with :port (no scheme, no path)');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LUME_APEX: hostName.optional(),
  LUME_PUBLIC_PROTOCOL: z.enum(['http', 'https']).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DB_APP_PASSWORD: z.string().min(1).optional(),
  DB_CONSOLE_PASSWORD: z.string().min(1).optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  TRUST_PROXY: z.stringbool().default(false),
  LUME_MASTER_KEY: base64Key.optional(),
  LUME_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LUME_AUDIT_KEY: base64Key.optional(),
  MESSAGING: z.enum(['outbox', 'providers']).default('outbox'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JOBS: z.enum(['inline', 'off']).default('inline'),
  PLAUSIBLE_DOMAIN: hostName.optional(),
  PLAUSIBLE_SCRIPT_ORIGIN: z.url({ protocol: /^https?$/ }).default('https://plausible.io'),
  RESEND_API_KEY: z.string().regex(/^[\x21-\x7e]{8,200}$/, 'must be an API key (printable characters, no spaces)').optional(),
  RESEND_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.resend.com'),
  DEMO_INBOX: z.email('must be an email address').optional(),
  MARKETING_FROM: z.string().regex(/^[^\r\n<>]{0,80}<[^@\s<>]+@[^@\s<>]+>$|^[^@\s<>]+@[^@\s<>]+$/, 'must be an address, e.g. "Lumè <hello@lume.example>"').optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  production: boolean;
  port: number;
  host: string;
  /** Public host of the marketing site, with port when not default, e.g. `localhost:3000`. */
  apex: string;
  protocol: 'http' | 'https';
  database: { kind: 'embedded'; dataDir: string } | { kind: 'postgres'; url: string };
  dataDir: string;
  dbPoolSize: number;
  dbAppPassword: string | undefined;
  dbConsolePassword: string | undefined;
  trustProxy: boolean;
  /** Wraps every tenant's data key; from configuration, never from the database. */
  masterKey: Buffer | undefined;
  /** Signs CSRF tokens. */
  secret: string | undefined;
  /** Keys the audit seals' HMAC; lives outside the database so a database editor cannot re-seal. */
  auditKey: Buffer | undefined;
  messaging: 'outbox' | 'providers';
  logLevel: Env['LOG_LEVEL'];
  jobs: 'inline' | 'off';
  plausible: { domain: string; scriptOrigin: string } | undefined;
  /** Resend's HTTP API for Lumè's own (never PHI) email; unset: the dev outbox keeps it. */
  resend: { apiKey: string; apiUrl: string } | undefined;
  /** Where demo requests are sent, and the sender of Lumè's marketing email. */
  marketingEmail: { from: string; demoInbox: string };
}

export class ConfigError extends StartupError {}

/** Configuration with every secret present (generated in DATA_DIR outside production). */
export type ResolvedConfig = Config & { secret: string; masterKey: Buffer; auditKey: Buffer };

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid configuration: ${name} ${describeIssue(issue)}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production) {
    if (!e.DATABASE_URL) throw new ConfigError('Invalid configuration: DATABASE_URL is required in production (the embedded database is for development only)');
    if (e.MESSAGING === 'outbox') throw new ConfigError('Invalid configuration: MESSAGING must be "providers" in production (the dev outbox is for development only)');
    if (!e.LUME_MASTER_KEY) throw new ConfigError('Invalid configuration: LUME_MASTER_KEY is required in production');
    if (!e.LUME_SECRET) throw new ConfigError('Invalid configuration: LUME_SECRET is required in production');
    if (!e.LUME_AUDIT_KEY) throw new ConfigError('Invalid configuration: LUME_AUDIT_KEY is required in production');
    if (!e.LUME_APEX) throw new ConfigError('Invalid configuration: LUME_APEX is required in production');
    if (!e.RESEND_API_KEY) throw new ConfigError('Invalid configuration: RESEND_API_KEY is required in production (demo requests are emailed through Resend)');
    if (!e.DEMO_INBOX) throw new ConfigError('Invalid configuration: DEMO_INBOX is required in production (where demo requests are sent)');
  }
  const apex = (e.LUME_APEX ?? `localhost:${e.PORT}`).toLowerCase();
  const mailDomain = apex.replace(/:\d+$/, '');
  return {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST,
    apex,
    protocol: e.LUME_PUBLIC_PROTOCOL ?? (production ? 'https' : 'http'),
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'embedded', dataDir: e.DATA_DIR },
    dataDir: e.DATA_DIR,
    dbPoolSize: e.DB_POOL_SIZE,
    dbAppPassword: e.DB_APP_PASSWORD,
    dbConsolePassword: e.DB_CONSOLE_PASSWORD,
    trustProxy: e.TRUST_PROXY,
    masterKey: e.LUME_MASTER_KEY ? Buffer.from(e.LUME_MASTER_KEY, 'base64') : undefined,
    secret: e.LUME_SECRET,
    auditKey: e.LUME_AUDIT_KEY ? Buffer.from(e.LUME_AUDIT_KEY, 'base64') : undefined,
    messaging: e.MESSAGING,
    logLevel: e.LOG_LEVEL,
    jobs: e.JOBS,
    plausible: e.PLAUSIBLE_DOMAIN ? { domain: e.PLAUSIBLE_DOMAIN, scriptOrigin: e.PLAUSIBLE_SCRIPT_ORIGIN } : undefined,
    resend: e.RESEND_API_KEY ? { apiKey: e.RESEND_API_KEY, apiUrl: e.RESEND_API_URL.replace(/\/+$/, '') } : undefined,
    marketingEmail: {
      from: e.MARKETING_FROM ?? `Lumè website <website@${mailDomain}>`,
      demoInbox: e.DEMO_INBOX ?? `demo-requests@${mailDomain}`,
    },
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value' && 'values' in issue) return `must be one of ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'invalid_format' && issue.format === 'url') return 'must be a postgres:// URL';
  return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
}

/** The origin of a surface, built from configuration (never from a request's Host header). */
export function originFor(config: Pick<Config, 'apex' | 'protocol'>, subdomain?: string): string {
  return `${config.protocol}://${subdomain ? `${subdomain}.` : ''}${config.apex}`;
}
