/**
 * Builds the browser assets into public/assets/ with content-hashed names and writes
 * public/assets/manifest.json (logical name → URL path), which src/ui/assets.ts reads.
 *
 *   npx tsx scripts/build-assets.ts
 *
 * Idempotent: the same sources give the same file names; files from earlier builds that are
 * no longer produced are removed.
 */
import { build } from 'esbuild';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const outDir = join(repoRoot, 'public', 'assets');
const staticDir = join(repoRoot, 'src', 'ui', 'static');
const manifestFile = 'manifest.json';
const urlPrefix = '/assets/';

/** Files under src/ui/static/ that are published as they are (hashed, not transformed). */
const staticExtensions = new Set(['.svg', '.png', '.ico', '.webp', '.jpg', '.jpeg']);

export type AssetManifest = Record<string, string>;

async function listStaticFiles(): Promise<string[]> {
  try {
    const names = await readdir(staticDir);
    return names
      .filter((name) => staticExtensions.has(extname(name).toLowerCase()))
      .sort()
      .map((name) => join(staticDir, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** "src/ui/client/app.ts" built to "app-X.js" is published as "app.js". */
function logicalName(entryPoint: string, outputPath: string): string {
  const entryBase = basename(entryPoint, extname(entryPoint));
  return entryBase + extname(outputPath);
}

export async function buildAssets(): Promise<AssetManifest> {
  await mkdir(outDir, { recursive: true });

  const entryPoints = [
    join(repoRoot, 'src', 'ui', 'client', 'app.ts'),
    join(repoRoot, 'src', 'ui', 'styles', 'app.css'),
    // The client's form pages (issue 7): their own small script (signature_pad) and stylesheet.
    join(repoRoot, 'src', 'ui', 'client', 'form-fill.ts'),
    join(repoRoot, 'src', 'ui', 'styles', 'form-fill.css'),
    // The public site's own stylesheet: the CRM's would weigh more than its whole page budget.
    join(repoRoot, 'src', 'ui', 'styles', 'marketing.css'),
    ...(await listStaticFiles()),
  ];

  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints,
    outdir: outDir,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'safari15', 'firefox100', 'edge100'],
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    sourcemap: false,
    metafile: true,
    write: true,
    logLevel: 'warning',
    loader: {
      '.svg': 'copy',
      '.png': 'copy',
      '.ico': 'copy',
      '.webp': 'copy',
      '.jpg': 'copy',
      '.jpeg': 'copy',
    },
  });

  const manifest: AssetManifest = {};
  const produced = new Set<string>([manifestFile]);
  for (const [outputPath, output] of Object.entries(result.metafile.outputs)) {
    const fileName = basename(outputPath);
    produced.add(fileName);
    if (!output.entryPoint) continue;
    const name = logicalName(output.entryPoint, outputPath);
    if (manifest[name]) {
      throw new Error(`Two assets would both be published as "${name}"; rename one of them.`);
    }
    manifest[name] = urlPrefix + fileName;
  }

  // Write the manifest atomically so a server starting mid-build never reads half a file.
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
  const tmp = join(outDir, `.${manifestFile}.${process.pid}.tmp`);
  await writeFile(tmp, JSON.stringify(sorted, null, 2) + '\n');
  await rename(tmp, join(outDir, manifestFile));

  for (const name of await readdir(outDir)) {
    if (produced.has(name) || name.startsWith('.')) continue;
    await rm(join(outDir, name), { force: true, recursive: true });
  }

  return sorted;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;

if (invokedDirectly) {
  const started = performance.now();
  buildAssets().then(
    (manifest) => {
      const ms = Math.round(performance.now() - started);
      const where = relative(process.cwd(), outDir) || outDir;
      console.log(`assets: ${Object.keys(manifest).length} files → ${where} in ${ms} ms`);
    },
    (error: unknown) => {
      console.error('assets: build failed');
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
