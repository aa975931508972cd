import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/tenant.ts';
import { newDataKey, unwrapKey, wrapKey } from './envelope.ts';

/** A tenant's data key, unwrapped, with the id that encrypted objects record so keys can rotate later. */
export interface TenantDataKey {
  tenantId: string;
  id: string;
  key: Buffer;
}

// Plain SQL on the transaction's client: Drizzle's parameterised queries hang on
// the embedded database (PGlite's protocol serializer rejects the `types` option
// Drizzle passes). Every statement is still filtered by row-level security.
const CURRENT_KEY = `
  SELECT tenant_id::text AS "tenantId", id::text AS id, wrapped_key AS "wrappedKey"
    FROM tenant_keys
   WHERE tenant_id = current_tenant_id()
   ORDER BY created_at DESC, id DESC
   LIMIT 1`;

const KEY_BY_ID = `
  SELECT tenant_id::text AS "tenantId", id::text AS id, wrapped_key AS "wrappedKey"
    FROM tenant_keys
   WHERE tenant_id = current_tenant_id() AND id = $1::uuid`;

// Held to the end of the transaction, on a number derived from the tenant id.
const LOCK_FIRST_KEY = `
  SELECT current_tenant_id()::text AS "tenantId",
         pg_advisory_xact_lock(hashtextextended('lume.tenant_keys:' || current_tenant_id()::text, 0))`;

const INSERT_KEY = `INSERT INTO tenant_keys (tenant_id, id, wrapped_key) VALUES ($1::uuid, $2::uuid, $3)`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface KeyRow {
  tenantId: string;
  id: string;
  wrappedKey: Buffer;
}

/**
 * The current data key of the transaction's tenant, created on first use.
 * `tx` must come from withTenant: row-level security limits every statement
 * here to that tenant. The newest row is the current key, so rotating is adding
 * a row; older rows stay to decrypt what they encrypted.
 *
 * Keys are unwrapped on every call and never cached, so destroying a tenant's
 * key rows makes its files unreadable at once.
 */
export async function tenantDataKey(tx: Tx, masterKey: Buffer): Promise<TenantDataKey> {
  const client = tx.$client;
  const existing = (await client.query<KeyRow>(CURRENT_KEY)).rows[0];
  if (existing) return unwrapRow(masterKey, existing);

  // First key for this tenant: creators queue on a per-tenant lock so that two
  // first uploads at once cannot each add a key. Only this rare path locks.
  const tenantId = (await client.query<{ tenantId: string | null }>(LOCK_FIRST_KEY)).rows[0]?.tenantId;
  if (!tenantId) throw new Error('tenantDataKey needs a transaction opened by withTenant');

  // Read committed: this new statement sees a key committed by the previous lock holder.
  const createdMeanwhile = (await client.query<KeyRow>(CURRENT_KEY)).rows[0];
  if (createdMeanwhile) return unwrapRow(masterKey, createdMeanwhile);

  const id = randomUUID();
  const key = newDataKey();
  await client.query(INSERT_KEY, [tenantId, id, wrapKey(masterKey, key, wrapContext(tenantId, id))]);
  return { tenantId, id, key };
}

/** A given data key of the transaction's tenant (the one an object names), or null when this tenant has no such key. */
export async function tenantDataKeyById(tx: Tx, masterKey: Buffer, keyId: string): Promise<TenantDataKey | null> {
  // A malformed uuid would abort the caller's whole transaction, so refuse it here.
  if (!UUID.test(keyId)) return null;
  const row = (await tx.$client.query<KeyRow>(KEY_BY_ID, [keyId])).rows[0];
  return row ? unwrapRow(masterKey, row) : null;
}

function unwrapRow(masterKey: Buffer, row: KeyRow): TenantDataKey {
  return { tenantId: row.tenantId, id: row.id, key: unwrapKey(masterKey, row.wrappedKey, wrapContext(row.tenantId, row.id)) };
}

/** Binds a wrapped key to its row: copied to another tenant or id, it no longer unwraps. */
function wrapContext(tenantId: string, keyId: string): string {
  return `tenant_keys\0${tenantId}\0${keyId}`;
}
