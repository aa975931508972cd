import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidBlobKeyError } from './blob-store.ts';
import { createDiskBlobStore } from './disk-blob-store.ts';

const root = mkdtempSync(join(tmpdir(), 'lume-'));
const store = createDiskBlobStore(join(root, 'blobs'));

afterAll(() => rmSync(root, { recursive: true, force: true }));

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

describe('disk blob store', () => {
  it('stores, replaces and reads bytes', async () => {
    await store.put('a/b/c.bin', Buffer.from('first'));
    expect(await store.get('a/b/c.bin')).toEqual(Buffer.from('first'));
    await store.put('a/b/c.bin', Buffer.from('second'));
    expect(await store.get('a/b/c.bin')).toEqual(Buffer.from('second'));
    expect(allFiles(join(root, 'blobs')).filter((name) => name.includes('~'))).toEqual([]);
  });

  it('answers null for a missing key, and deleting it twice is fine', async () => {
    expect(await store.get('nothing/here.txt')).toBeNull();
    await store.put('gone.txt', Buffer.from('x'));
    await store.delete('gone.txt');
    await store.delete('gone.txt');
    expect(await store.get('gone.txt')).toBeNull();
  });

  it('deletes by prefix and counts what it removed', async () => {
    await store.put('tenants/t1/photos/1.jpg', Buffer.from('1'));
    await store.put('tenants/t1/forms/2.pdf', Buffer.from('2'));
    await store.put('tenants/t10/photos/3.jpg', Buffer.from('3'));
    expect(await store.deletePrefix('tenants/t1/')).toBe(2);
    expect(await store.get('tenants/t1/photos/1.jpg')).toBeNull();
    expect(await store.get('tenants/t10/photos/3.jpg')).toEqual(Buffer.from('3'));
    expect(existsSync(join(root, 'blobs/tenants/t1'))).toBe(false);
    expect(await store.deletePrefix('tenants/t1/')).toBe(0);
    expect(await store.deletePrefix('tenants/t1')).toBe(1);
  });

  it.each(['../x', 'a/../../x', '/etc/passwd', 'a//b', './a', 'a/./b', 'a/', '', 'a\\b', 'a b', 'ü', 'a/..', '..'])(
    'refuses the key %j',
    async (key) => {
      await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(InvalidBlobKeyError);
      await expect(store.get(key)).rejects.toThrow(InvalidBlobKeyError);
      await expect(store.delete(key)).rejects.toThrow(InvalidBlobKeyError);
    },
  );

  it('refuses an empty or escaping prefix', async () => {
    await expect(store.deletePrefix('')).rejects.toThrow(InvalidBlobKeyError);
    await expect(store.deletePrefix('/')).rejects.toThrow(InvalidBlobKeyError);
    await expect(store.deletePrefix('../')).rejects.toThrow(InvalidBlobKeyError);
    expect(existsSync(root)).toBe(true);
  });
});
