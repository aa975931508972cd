/**
 * One photo upload's server work, without the network: a 12-megapixel camera JPEG (4000 × 3000,
 * textured with noise like a real sensor's, EXIF with GPS and the "rotate 90°" flag) is checked,
 * re-encoded (upright, ≤ 3000 px, no metadata) with its thumbnail, then stored as the upload
 * route stores it: the row, both files encrypted with the spa's key and written (fsync) to disk,
 * and the audit row, in one transaction on the embedded database. Prints the median and p95 of
 * each part and of the whole over BENCH_RUNS runs (default 20). Run: npm run bench:photos
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { openEmbeddedDatabase } from '../src/infra/db/embedded.ts';
import { migrate } from '../src/infra/db/migrate.ts';
import { withTenant } from '../src/infra/db/tenant.ts';
import { createDiskBlobStore } from '../src/infra/storage/disk-blob-store.ts';
import { createFileStore } from '../src/infra/storage/file-store.ts';
import { preparePhoto } from '../src/modules/charting/photos/image.ts';
import { storePhotos } from '../src/modules/charting/photos/photos.ts';
import { seedDemoSpa } from '../src/modules/tenancy/demo-seed.ts';
import { log, num, printRows } from './report.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARM_UP = 2;
const GOAL_MS = 1000;

/** A 12 MP photo as a phone writes it: smooth light falling across a face-sized shape, sensor noise on top, JPEG quality 92. */
async function cameraPhoto(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const scene = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><radialGradient id="g" cx="45%" cy="40%" r="70%"><stop offset="0" stop-color="#f0c7ae"/><stop offset="0.6" stop-color="#c98f73"/><stop offset="1" stop-color="#4d5861"/></radialGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <ellipse cx="${width / 2}" cy="${height / 2}" rx="${width / 6}" ry="${height / 3}" fill="#eabfa5" opacity="0.8"/>
  </svg>`);
  const noise = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 14 } } }).png().toBuffer();
  return sharp(scene)
    .composite([{ input: noise, blend: 'overlay' }])
    .withExif({ IFD0: { Make: 'BenchCam', Model: 'B12' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 3/1 1234/100', GPSLongitudeRef: 'W', GPSLongitude: '118/1 14/1 5678/100' } })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 92 })
    .toBuffer();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

const ms = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${num(percentile(sorted, 0.5))} ms, p95 ${num(percentile(sorted, 0.95))} ms`;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lume-bench-photos-'));
  const db = await openEmbeddedDatabase('memory');
  try {
    log('migrating an in-memory database and seeding the demo spa');
    await migrate(db);
    const tenantId = (await seedDemoSpa(db))!;
    const owner = (await db.ownerQuery<{ id: string }>(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'owner@glow.example'`, [tenantId])).rows[0]!.id;
    const client = (await db.ownerQuery<{ id: string }>(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Bench', 'Client', '1985-01-01') RETURNING id`, [tenantId])).rows[0]!.id;
    const files = createFileStore({ blobs: createDiskBlobStore(join(dir, 'files')), masterKey: randomBytes(32) });

    log('drawing a 12-megapixel camera JPEG');
    const input = await cameraPhoto();
    const meta = await sharp(input).metadata();
    log(`input: ${meta.width} × ${meta.height} (${num((meta.width! * meta.height!) / 1e6, 1)} MP), ${num(input.length / 1024 / 1024, 1)} MB, EXIF orientation ${meta.orientation}`);

    const encode: number[] = [];
    const store: number[] = [];
    const total: number[] = [];
    let output = { width: 0, height: 0, bytes: 0, thumb: 0 };
    for (let i = 0; i < WARM_UP + RUNS; i++) {
      const started = performance.now();
      const photo = await preparePhoto(input);
      const encoded = performance.now();
      const scope = { tenantId, requestId: `bench-photo-${i}`, actor: { kind: 'operator' as const, id: owner } };
      const result = await withTenant(db, scope, (ctx) => storePhotos(ctx, files, client, { kind: 'before', area: 'Forehead', appointmentId: null }, [photo]));
      if (!result.ok) throw new Error('the photo was refused');
      const done = performance.now();
      if (i < WARM_UP) continue;
      encode.push(encoded - started);
      store.push(done - encoded);
      total.push(done - started);
      output = { width: photo.width, height: photo.height, bytes: photo.bytes.length, thumb: photo.thumbnail.bytes.length };
    }
    console.log(`\nphotos: one 12 MP upload, ${RUNS} runs after ${WARM_UP} warm-up (sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, ${sharp.concurrency()} threads)`);
    printRows([
      ['stored', `${output.width} × ${output.height}, ${num(output.bytes / 1024)} KB + thumbnail ${num(output.thumb / 1024)} KB`],
      ['check + re-encode', ms(encode)],
      ['encrypt + store + row', ms(store)],
      ['whole upload', ms(total)],
      ['goal', `whole upload under ${num(GOAL_MS)} ms at the median: ${percentile([...total].sort((a, b) => a - b), 0.5) < GOAL_MS ? 'met' : 'NOT met'}`],
    ]);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
