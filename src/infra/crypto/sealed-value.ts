import type { Tx } from '../db/tenant.ts';
import { decrypt, encrypt } from './envelope.ts';
import { tenantDataKey, tenantDataKeyById } from './tenant-keys.ts';

/**
 * Small secrets kept in a spa's rows (TOTP secrets) are sealed with the spa's
 * data key: `[key id 16 bytes][envelope]`, bound to the purpose and the spa.
 * Destroying the spa's keys makes them unreadable along with its files.
 */
export async function sealValue(tx: Tx, masterKey: Buffer, purpose: string, plaintext: string): Promise<Buffer> {
  const key = await tenantDataKey(tx, masterKey);
  const keyId = Buffer.from(key.id.replaceAll('-', ''), 'hex');
  return Buffer.concat([keyId, encrypt(key.key, Buffer.from(plaintext, 'utf8'), `${purpose}|${key.tenantId}|${key.id}`)]);
}

export async function openValue(tx: Tx, masterKey: Buffer, purpose: string, sealed: Buffer): Promise<string> {
  const hex = sealed.subarray(0, 16).toString('hex');
  const keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const key = await tenantDataKeyById(tx, masterKey, keyId);
  if (!key) throw new Error('sealed value: its key is gone');
  return decrypt(key.key, sealed.subarray(16), `${purpose}|${key.tenantId}|${key.id}`).toString('utf8');
}
