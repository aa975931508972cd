import type { Database } from '../../src/infra/db/database.ts';
import { DEMO_PASSWORD, seedStaff } from '../../src/modules/identity/demo-staff.ts';
import { hashPassword } from '../../src/modules/identity/security/password-hash.ts';

/** Another spa with one location, one room and the demo staff (at `<slug>.example`), created as Lumè creates spas (as the owner). */
export async function createTestSpa(db: Database, slug: string): Promise<string> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction('owner', {}, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO tenants (slug, legal_name, display_name, admin_contact_name, admin_contact_email, state_code)
       VALUES ($1, $2, $2, 'Test Admin', $3, 'NY') RETURNING id`,
      [slug, `Spa ${slug}`, `admin@${slug}.example`],
    );
    const tenantId = rows[0]!.id;
    const loc = await client.query<{ id: string }>(
      `INSERT INTO locations (tenant_id, name, timezone) VALUES ($1, 'Main', 'America/New_York') RETURNING id`,
      [tenantId],
    );
    await client.query(`INSERT INTO resources (tenant_id, location_id, kind, name) VALUES ($1, $2, 'room', 'Room 1')`, [tenantId, loc.rows[0]!.id]);
    await seedStaff(client, tenantId, passwordHash, `${slug}.example`);
    return tenantId;
  });
}
