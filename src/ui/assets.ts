/**
 * Resolves logical asset names ("app.css", "app.js", "favicon.svg") to their content-hashed
 * URLs, using public/assets/manifest.json written by scripts/build-assets.ts.
 * The manifest is read once, on first use.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const manifestPath = fileURLToPath(new URL('../../public/assets/manifest.json', import.meta.url));

let manifest: Readonly<Record<string, string>> | undefined;

function loadManifest(): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(manifestPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        `Asset manifest not found at ${manifestPath}. Run \`npm run build:assets\` to build the CSS and JS first.`,
      );
    }
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`Asset manifest at ${manifestPath} is not an object. Run \`npm run build:assets\` again.`);
  }
  return parsed as Record<string, string>;
}

/** The URL path of a built asset, e.g. assetUrl('app.css') → "/assets/app-3KQ7Z2AB.css". */
export function assetUrl(name: string): string {
  manifest ??= loadManifest();
  const url = manifest[name];
  if (url === undefined) {
    const known = Object.keys(manifest).join(', ') || 'none';
    throw new Error(`Unknown asset "${name}" (the manifest has: ${known}). Run \`npm run build:assets\`?`);
  }
  return url;
}
