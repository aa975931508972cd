import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { assertBlobKey, assertBlobPrefix, InvalidBlobKeyError, type BlobStore } from './blob-store.ts';

/**
 * Temporary files carry a `~`, which no valid key contains, so they can never be
 * mistaken for (or collide with) a stored blob.
 */
const TEMP_MARK = '~tmp-';

/** The local adapter: one file per key under `root` (the embedded default; production uses S3). */
export function createDiskBlobStore(root: string): BlobStore {
  const base = resolve(root);

  function pathOf(key: string): string {
    assertBlobKey(key);
    const path = resolve(base, key);
    // Belt and braces: the key rules already rule out escaping the root.
    if (!path.startsWith(base + sep)) throw new InvalidBlobKeyError('key');
    return path;
  }

  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}${TEMP_MARK}${randomBytes(6).toString('hex')}`;
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        // Flush before the rename so a crash cannot leave an empty or partial file under the real name.
        await handle.sync();
      } catch (error) {
        await handle.close();
        await rm(temp, { force: true });
        throw error;
      }
      await handle.close();
      try {
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },

    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      try {
        await unlink(pathOf(key));
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    },

    async deletePrefix(prefix) {
      assertBlobPrefix(prefix);
      const lastSlash = prefix.lastIndexOf('/');
      const startDir = lastSlash === -1 ? base : join(base, prefix.slice(0, lastSlash));
      let removed = 0;
      for (const file of await listFiles(startDir)) {
        const key = relative(base, file).split(sep).join('/');
        if (!key.startsWith(prefix)) continue;
        await rm(file, { force: true });
        // Leftover temp files go too (the data is being destroyed) but are not blobs, so are not counted.
        if (!key.includes(TEMP_MARK)) removed++;
      }
      if (prefix.endsWith('/')) await removeEmptyDirs(join(base, prefix));
      return removed;
    },
  };
}

async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** Removes `dir` and its subdirectories when they hold no files (a concurrent write keeps its directory). */
async function removeEmptyDirs(dir: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  for (const entry of entries) if (entry.isDirectory()) await removeEmptyDirs(join(dir, entry.name));
  try {
    await rmdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && !isMissing(error)) throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
