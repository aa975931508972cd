import type pg from 'pg';
import { installDefaultRoles } from './roles.ts';

/** The password every demo operator starts with (development only; printed by `npm start`). */
export const DEMO_PASSWORD = 'orchid-harbor-lantern-42';

export const DEMO_STAFF = [
  { email: 'owner@glow.example', name: 'Maya Okafor', role: 'owner' },
  { email: 'manager@glow.example', name: 'Daniel Reyes', role: 'manager' },
  { email: 'provider@glow.example', name: 'Priya Shah, NP', role: 'provider', credential: { kind: 'NP', number: 'NP95112', state: 'CA' } },
  { email: 'frontdesk@glow.example', name: 'Jordan Lee', role: 'front_desk' },
  { email: 'bookkeeper@glow.example', name: 'Sam Patel', role: 'bookkeeper' },
  { email: 'marketing@glow.example', name: 'Avery Kim', role: 'marketing' },
] as const;

/**
 * Gives a new spa its default roles and, for the demo, one active operator per
 * role (runs as the owner, like every spa creation). Each operator enrols TOTP at
 * first sign-in.
 */
export async function seedStaff(client: pg.PoolClient, tenantId: string, passwordHash: string, domain = 'glow.example'): Promise<Map<string, string>> {
  const roleIds = await installDefaultRoles(client, tenantId);
  const operatorIds = new Map<string, string>();
  for (const person of DEMO_STAFF) {
    const email = person.email.replace('glow.example', domain);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO operators (tenant_id, email, full_name, status, password_hash, password_changed_at) VALUES ($1, $2, $3, 'active', $4, now()) RETURNING id`,
      [tenantId, email, person.name, passwordHash],
    );
    const operatorId = rows[0]!.id;
    operatorIds.set(person.role, operatorId);
    await client.query('INSERT INTO operator_roles (tenant_id, operator_id, role_id) VALUES ($1, $2, $3)', [tenantId, operatorId, roleIds.get(person.role)]);
    if ('credential' in person) {
      await client.query(
        `INSERT INTO credentials (tenant_id, operator_id, kind, licence_number, licence_state, expires_on) VALUES ($1, $2, $3, $4, $5, (current_date + interval '2 years')::date)`,
        [tenantId, operatorId, person.credential.kind, person.credential.number, person.credential.state],
      );
    }
  }
  return operatorIds;
}
