import type { Context } from 'hono';
import type { AppEnv } from '../../infra/http/context.ts';
import { HttpError } from '../../infra/http/errors.ts';

/** Every text value of a posted form, by name (rows and checkbox groups post several). */
export async function formBody(c: Context<AppEnv>): Promise<Record<string, string[]>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) {
    throw new HttpError(415, 'Please send the form from the page.');
  }
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string[]> = {};
  for (const [key, raw] of Object.entries(body)) {
    if (key === '_csrf') continue;
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    if (values.length) out[key] = values;
  }
  return out;
}
