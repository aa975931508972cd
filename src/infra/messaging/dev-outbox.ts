import { createHash } from 'node:crypto';
import type { Database } from '../db/database.ts';
import type { EmailAttachment, Messaging } from './ports.ts';

/**
 * The local messaging adapters: instead of sending, each message becomes a row
 * of `dev_outbox` that a developer or operator reads in the app. Configuration
 * refuses this adapter in production.
 */
export function createDevOutbox(db: Database): Messaging {
  return {
    phiEmail: {
      // The outbox keeps the text part only; the HTML part is its rendering of the same content.
      // Attachments are noted by name, type, size and SHA-256; their bytes are not kept.
      send: (msg) => store(db, { channel: 'phi_email', recipient: msg.to, subject: msg.subject, body: msg.text, spaSlug: msg.spaSlug, attachments: (msg.attachments ?? []).map(noteOf) }),
    },
    marketingEmail: {
      send: (msg) => store(db, { channel: 'marketing_email', recipient: msg.to, subject: msg.subject, body: msg.text, spaSlug: null, attachments: [] }),
    },
    sms: {
      send: (msg) => store(db, { channel: 'sms', recipient: msg.to, subject: null, body: msg.body, spaSlug: msg.spaSlug, attachments: [] }),
    },
  };
}

export type OutboxChannel = 'phi_email' | 'marketing_email' | 'sms';

/** What the outbox keeps of an attachment. */
export interface OutboxAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

function noteOf(a: EmailAttachment): OutboxAttachment {
  return { filename: a.filename, contentType: a.contentType, size: a.content.length, sha256: createHash('sha256').update(a.content).digest('hex') };
}

export interface OutboxMessage {
  /** The row id, as text: the column is a bigint. */
  id: string;
  channel: OutboxChannel;
  recipient: string;
  subject: string | null;
  body: string;
  spaSlug: string | null;
  attachments: OutboxAttachment[];
  createdAt: Date;
}

/** The most recent messages, newest first. */
export async function listOutbox(db: Database, limit = 50): Promise<OutboxMessage[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new RangeError('limit must be an integer from 1 to 1000');
  return db.transaction('app', {}, async (client) => {
    const { rows } = await client.query<OutboxMessage>(
      `SELECT id::text AS id, channel, recipient, subject, body, spa_slug AS "spaSlug", attachments, created_at AS "createdAt"
         FROM dev_outbox ORDER BY dev_outbox.id DESC LIMIT $1`,
      [limit],
    );
    return rows;
  });
}

type NewMessage = Omit<OutboxMessage, 'id' | 'createdAt'>;

function store(db: Database, msg: NewMessage): Promise<{ id: string }> {
  return db.transaction('app', {}, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO dev_outbox (channel, recipient, subject, body, spa_slug, attachments) VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id::text AS id`,
      [msg.channel, msg.recipient, msg.subject, msg.body, msg.spaSlug, JSON.stringify(msg.attachments)],
    );
    return { id: rows[0]!.id };
  });
}
