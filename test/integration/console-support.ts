import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo-staff.ts';
import { hashPassword } from '../../src/modules/identity/security/password-hash.ts';
import { totpCodeAt } from '../../src/modules/identity/security/totp.ts';
import { DEMO_CONSOLE_ADMIN } from '../../src/modules/console/demo-seed.ts';
import type { ConsoleRole } from '../../src/modules/console/permissions.ts';
import { APEX, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { enrolmentSecret } from '../support/operators.ts';

/** Helpers for the console suites (test/integration/console*.test.ts). */
export const CONSOLE_HOST = `admin.${APEX}`;
export const ADMIN_EMAIL = DEMO_CONSOLE_ADMIN.email;

/** Each staff member's authenticator secret once enrolled, as their phone would keep it. */
const secrets = new Map<string, string>();

export function staffSecret(email: string): string {
  const secret = secrets.get(email);
  if (!secret) throw new Error(`${email} has not enrolled yet`);
  return secret;
}

export function rememberSecret(email: string, secret: string): void {
  secrets.set(email, secret);
}

/** Moves the app clock one TOTP step on, so each sign-in has a fresh code. */
export function nextStep(app: TestApp): void {
  app.clock.now = new Date(app.clock.now.getTime() + 30_000);
}

/** Signs a staff member in through the real pages: password, then the authenticator (enrolling on first use). */
export async function signInStaff(app: TestApp, email: string = ADMIN_EMAIL, password = DEMO_PASSWORD): Promise<TestBrowser> {
  const browser = new TestBrowser(app.http, CONSOLE_HOST);
  nextStep(app);
  await browser.get('/login');
  const afterPassword = await browser.post('/login', { email, password });
  expect(afterPassword.status, `password step for ${email}`).toBe(303);
  const next = afterPassword.headers.get('location');
  if (next === '/login/enrol') {
    const page = await (await browser.get('/login/enrol')).text();
    secrets.set(email, enrolmentSecret(page));
    const done = await browser.post('/login/enrol', { code: totpCodeAt(secrets.get(email)!, app.clock.now) });
    expect(done.status, 'enrolment').toBe(200);
  } else {
    expect(next).toBe('/login/totp');
    await browser.get('/login/totp');
    const done = await browser.post('/login/totp', { code: totpCodeAt(staffSecret(email), app.clock.now) });
    expect(done.status, 'code step').toBe(303);
  }
  return browser;
}

let hash: Promise<string> | undefined;

/** A staff account with the demo password, ready to sign in (added as the database owner, like a fixture). */
export async function addStaffFixture(app: TestApp, email: string, role: ConsoleRole, fullName = email.split('@')[0]!): Promise<string> {
  hash ??= hashPassword(DEMO_PASSWORD);
  const { rows } = await app.deps.db.ownerQuery<{ id: string }>(
    `INSERT INTO console_staff (email, full_name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
    [email, fullName, role, await hash],
  );
  return rows[0]!.id;
}

export interface ConsoleAuditRow {
  actor_kind: string;
  staff_id: string | null;
  action: string;
  target_kind: string;
  target_id: string | null;
  detail: string | null;
  outcome: string;
  request_id: string | null;
  ip: string | null;
}

export async function consoleAudit(app: TestApp): Promise<ConsoleAuditRow[]> {
  const { rows } = await app.deps.db.ownerQuery<ConsoleAuditRow>(
    `SELECT actor_kind, staff_id::text, action, target_kind, target_id, detail, outcome, request_id, host(ip) AS ip FROM console_audit_events ORDER BY id`,
  );
  return rows;
}

/** A demo request as the website stores it (a fixture written as the owner). */
export async function addDemoRequest(app: TestApp, fields: { name: string; email: string; spaName: string; createdAt?: Date; phone?: string; message?: string }): Promise<string> {
  const { rows } = await app.deps.db.ownerQuery<{ id: string }>(
    `INSERT INTO demo_requests (name, email, phone, spa_name, locations, providers, current_platform, message, created_at)
     VALUES ($1, $2, $3, $4, 2, 5, 'vagaro', $5, $6) RETURNING id`,
    [fields.name, fields.email, fields.phone ?? null, fields.spaName, fields.message ?? null, fields.createdAt ?? new Date()],
  );
  return rows[0]!.id;
}

/** Counts rows of a table, as the owner. */
export async function countRows(app: TestApp, table: string, where = 'true', values: unknown[] = []): Promise<number> {
  const { rows } = await app.deps.db.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, values);
  return rows[0]!.n;
}
