import type { Database } from './database.ts';

export interface TenantEntry {
  id: string;
  status: string;
}

/** How long a slug's answer is reused: a suspension takes effect within this time on every process. */
const TTL_MS = 5_000;

/**
 * Resolves a host's slug to its spa through the narrow `resolve_tenant`
 * function, remembering each answer (found or not) for a few seconds so a page
 * view does not spend a transaction on it. Spa ids never change; only the status
 * can, and it is re-read every few seconds.
 */
export class TenantDirectory {
  private readonly entries = new Map<string, { value: TenantEntry | null; until: number }>();

  constructor(private readonly db: Database) {}

  async resolve(slug: string, requestId: string): Promise<TenantEntry | null> {
    const now = Date.now();
    const cached = this.entries.get(slug);
    if (cached && cached.until > now) return cached.value;
    const value = await this.db.transaction('app', { 'app.request_id': requestId }, async (client) => {
      const { rows } = await client.query<TenantEntry>('SELECT id, status FROM resolve_tenant($1)', [slug]);
      return rows[0] ?? null;
    });
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(slug, { value, until: now + TTL_MS });
    return value;
  }
}
