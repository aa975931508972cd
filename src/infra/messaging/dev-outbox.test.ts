import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openEmbeddedDatabase } from '../db/embedded.ts';
import { migrate } from '../db/migrate.ts';
import { createDevOutbox, listOutbox } from './dev-outbox.ts';
import type { Messaging } from './ports.ts';

let db: Database;
let messaging: Messaging;

beforeAll(async () => {
  db = await openEmbeddedDatabase('memory');
  await migrate(db);
  messaging = createDevOutbox(db);
}, 30_000);

afterAll(async () => {
  await db?.close();
});

describe('dev outbox', () => {
  it('keeps each kind of message in its own channel and lists them newest first', async () => {
    const phi = await messaging.phiEmail.send({
      to: 'client@example.com',
      subject: 'Your signed consent form',
      text: 'Attached is your form.',
      html: '<p>Attached is your form.</p>',
      spaSlug: 'glow',
    });
    const marketing = await messaging.marketingEmail.send({ to: 'sales@lume.test', subject: 'New demo request', text: 'Glow Spa asked for a demo.' });
    const sms = await messaging.sms.send({ to: '+15555550100', body: 'Reminder: Botox tomorrow at 10:00', spaSlug: 'glow' });

    expect(new Set([phi.id, marketing.id, sms.id]).size).toBe(3);
    const [latest, middle, first] = await listOutbox(db, 3);
    expect(latest).toMatchObject({ id: sms.id, channel: 'sms', recipient: '+15555550100', subject: null, body: 'Reminder: Botox tomorrow at 10:00', spaSlug: 'glow' });
    expect(middle).toMatchObject({ id: marketing.id, channel: 'marketing_email', recipient: 'sales@lume.test', subject: 'New demo request', spaSlug: null });
    expect(first).toMatchObject({ id: phi.id, channel: 'phi_email', recipient: 'client@example.com', body: 'Attached is your form.', spaSlug: 'glow' });
    expect(first!.createdAt).toBeInstanceOf(Date);
  });

  it('keeps newest first past the ninth message (ids compare as numbers, not as text)', async () => {
    const sent: string[] = [];
    for (let i = 1; i <= 11; i++) sent.push((await messaging.sms.send({ to: '+15555550100', body: `Message ${i}`, spaSlug: 'glow' })).id);
    expect((await listOutbox(db, 11)).map((m) => m.id)).toEqual(sent.reverse());
  });

  it('notes a PHI email’s attachments by name, type, size and SHA-256, without keeping their bytes', async () => {
    const pdf = Buffer.from('%PDF-1.7 a signed form');
    await messaging.phiEmail.send({ to: 'client@example.com', subject: 'Your signed form', text: 'Attached.', spaSlug: 'glow', attachments: [{ filename: 'signed-form.pdf', contentType: 'application/pdf', content: pdf }] });
    const [mail] = await listOutbox(db, 1);
    expect(mail!.attachments).toEqual([{ filename: 'signed-form.pdf', contentType: 'application/pdf', size: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') }]);
    const { rows } = await db.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM dev_outbox WHERE attachments::text LIKE '%PDF-1.7%'`);
    expect(rows[0]!.n).toBe(0);
  });

  it('limits the listing', async () => {
    for (let i = 0; i < 3; i++) await messaging.sms.send({ to: '+15555550101', body: `message ${i}`, spaSlug: 'glow' });
    const listed = await listOutbox(db, 2);
    expect(listed.map((m) => m.body)).toEqual(['message 2', 'message 1']);
    await expect(listOutbox(db, 0)).rejects.toThrow(RangeError);
  });

  it('writes as the app role, not the owner', async () => {
    // The app role may insert and read, but not erase the outbox.
    await expect(db.transaction('app', {}, (client) => client.query('DELETE FROM dev_outbox'))).rejects.toThrow(/permission denied/);
  });
});
