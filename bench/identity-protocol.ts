// What bench/identity.ts and its server child (bench/identity-server.ts) agree on.

/** The server prints this once listening, followed on the same line by `{"cookie": "<session cookie>"}`. */
export const READY = 'bench identity server ready';

/** The bench-only stand-in for a PHI read; `?audit=0` skips the audit event. */
export const PHI_READ_PATH = '/bench/phi-read';
