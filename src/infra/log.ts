import { pino } from 'pino';

export type Logger = pino.Logger;
type DestinationStream = pino.DestinationStream;

/**
 * Field names that may carry PHI or secrets. Log lines are built from a fixed set
 * of fields (route pattern, status, ids), so these are a second line of defence.
 */
const REDACTED_KEYS = [
  'email', 'phone', 'name', 'firstName', 'lastName', 'dob', 'dateOfBirth', 'address', 'body', 'text', 'html',
  'subject', 'to', 'recipient', 'password', 'token', 'otp', 'cookie', 'authorization', 'detail', 'query', 'url',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((k) => `*.${k}`)], censor: '[redacted]' },
      serializers: { err: safeError },
    },
    destination,
  );
}

/**
 * What of an error may be logged: its kind, code and where it was thrown — never
 * its message, which may quote what a user typed, nor PostgreSQL's `detail`
 * (e.g. "Key (email)=(…) already exists").
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const e = error as Error & { code?: string; constraint?: string; table?: string; routine?: string; severity?: string };
  if (e.severity !== undefined && e.routine !== undefined) {
    return { type: 'DatabaseError', code: e.code, constraint: e.constraint, table: e.table, routine: e.routine };
  }
  const frames = (e.stack ?? '').split('\n').filter((line) => line.startsWith('    at ')).slice(0, 8).map((line) => line.trim());
  return { type: e.name, code: e.code, frames };
}
