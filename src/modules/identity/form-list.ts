import type { Context } from 'hono';
import type { AppEnv } from '../../infra/http/context.ts';

/** Every value posted under one name (checkbox groups), trimmed, without duplicates. parseForm keeps one value per name. */
export async function formList(c: Context<AppEnv>, name: string): Promise<string[]> {
  const body = await c.req.parseBody({ all: true });
  const raw = body[name];
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string');
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a well-formed record id; anything else is answered 404 without asking the database. */
export function isRecordId(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}
