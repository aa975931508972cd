import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecryptionError } from '../crypto/envelope.ts';
import type { Database } from '../db/database.ts';
import { openEmbeddedDatabase } from '../db/embedded.ts';
import { migrate } from '../db/migrate.ts';
import { withTenant } from '../db/tenant.ts';
import { InvalidBlobKeyError } from './blob-store.ts';
import { createDiskBlobStore } from './disk-blob-store.ts';
import { createFileStore, UnreadableFileError } from './file-store.ts';

const CANARY = 'CANARY-allergic-to-lidocaine-5d1e';

const root = mkdtempSync(join(tmpdir(), 'lume-'));
const blobs = createDiskBlobStore(root);
const files = createFileStore({ blobs, masterKey: randomBytes(32) });

let db: Database;
let tenantA: string;
let tenantB: string;

async function createTenant(slug: string): Promise<string> {
  const { rows } = await db.ownerQuery<{ id: string }>(
    `INSERT INTO tenants (slug, legal_name, display_name, admin_contact_name, admin_contact_email, state_code)
     VALUES ($1, 'Test Spa LLC', 'Test Spa', 'Ana Admin', 'admin@example.com', 'CA') RETURNING id`,
    [slug],
  );
  return rows[0]!.id;
}

const as = (tenantId: string) => ({ tenantId, requestId: 'file-store-test' });

beforeAll(async () => {
  db = await openEmbeddedDatabase('memory');
  await migrate(db);
  tenantA = await createTenant('spa-a');
  tenantB = await createTenant('spa-b');
}, 30_000);

afterAll(async () => {
  await db?.close();
  rmSync(root, { recursive: true, force: true });
});

function storedFiles(): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('encrypted file store', () => {
  it('round-trips a file and keeps only ciphertext on disk', async () => {
    const content = Buffer.from(`Intake form. ${CANARY}. `.repeat(50));
    await withTenant(db, as(tenantA), ({ tx }) => files.putFile(tx, tenantA, 'forms/intake.pdf', content));

    const onDisk = storedFiles();
    expect(onDisk.map((p) => p.slice(root.length))).toEqual([`/tenants/${tenantA}/forms/intake.pdf`]);
    const raw = readFileSync(onDisk[0]!);
    expect(raw.includes(Buffer.from(CANARY))).toBe(false);
    expect(raw.includes(Buffer.from('Intake form'))).toBe(false);

    const back = await withTenant(db, as(tenantA), ({ tx }) => files.getFile(tx, tenantA, 'forms/intake.pdf'));
    expect(back).toEqual(content);
  });

  it('answers null for an object that does not exist', async () => {
    expect(await withTenant(db, as(tenantA), ({ tx }) => files.getFile(tx, tenantA, 'photos/none.jpg'))).toBeNull();
  });

  it('refuses a ciphertext moved to another object of the same tenant', async () => {
    await withTenant(db, as(tenantA), ({ tx }) => files.putFile(tx, tenantA, 'photos/before.jpg', Buffer.from(CANARY)));
    await blobs.put(`tenants/${tenantA}/photos/after.jpg`, (await blobs.get(`tenants/${tenantA}/photos/before.jpg`))!);
    await expect(withTenant(db, as(tenantA), ({ tx }) => files.getFile(tx, tenantA, 'photos/after.jpg'))).rejects.toThrow(DecryptionError);
  });

  it("refuses a ciphertext moved into another tenant's space", async () => {
    await withTenant(db, as(tenantB), ({ tx }) => files.putFile(tx, tenantB, 'photos/own.jpg', Buffer.from('b')));
    await blobs.put(`tenants/${tenantB}/photos/stolen.jpg`, (await blobs.get(`tenants/${tenantA}/forms/intake.pdf`))!);
    // Tenant A's key is invisible to tenant B's transaction.
    await expect(withTenant(db, as(tenantB), ({ tx }) => files.getFile(tx, tenantB, 'photos/stolen.jpg'))).rejects.toThrow(UnreadableFileError);
  });

  it("refuses a transaction of one tenant used on another tenant's files", async () => {
    await expect(withTenant(db, as(tenantB), ({ tx }) => files.getFile(tx, tenantA, 'forms/intake.pdf'))).rejects.toThrow(UnreadableFileError);
    await expect(withTenant(db, as(tenantB), ({ tx }) => files.putFile(tx, tenantA, 'forms/x.pdf', Buffer.from('x')))).rejects.toThrow(/another tenant/);
  });

  it('encrypts each tenant under one key, created once', async () => {
    await withTenant(db, as(tenantA), ({ tx }) => files.putFile(tx, tenantA, 'photos/second.jpg', Buffer.from('2')));
    const { rows } = await db.ownerQuery<{ tenant_id: string; n: number }>('SELECT tenant_id, count(*)::int AS n FROM tenant_keys GROUP BY tenant_id');
    expect(rows.map((r) => r.n)).toEqual([1, 1]);
  });

  it('refuses object keys that would leave the tenant', async () => {
    await expect(withTenant(db, as(tenantA), ({ tx }) => files.putFile(tx, tenantA, `../${tenantB}/x.jpg`, Buffer.from('x')))).rejects.toThrow(InvalidBlobKeyError);
    await expect(withTenant(db, as(tenantA), ({ tx }) => files.getFile(tx, tenantA, '../x'))).rejects.toThrow(InvalidBlobKeyError);
  });

  it('deletes one file, then every file of a tenant, leaving the others', async () => {
    await files.deleteFile(tenantA, 'photos/second.jpg');
    expect(await withTenant(db, as(tenantA), ({ tx }) => files.getFile(tx, tenantA, 'photos/second.jpg'))).toBeNull();
    expect(await files.deleteTenantFiles(tenantA)).toBe(3);
    expect(await withTenant(db, as(tenantA), ({ tx }) => files.getFile(tx, tenantA, 'forms/intake.pdf'))).toBeNull();
    expect(await withTenant(db, as(tenantB), ({ tx }) => files.getFile(tx, tenantB, 'photos/own.jpg'))).toEqual(Buffer.from('b'));
  });
});
