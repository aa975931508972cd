import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from './context.ts';
import { HttpError } from './errors.ts';

export type FormResult<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/**
 * Reads a posted form and checks it with a zod schema. On failure it returns one
 * message per field plus what was typed (never passwords), so the page can be
 * shown again with the input kept.
 */
export async function parseForm<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<FormResult<z.infer<S>>> {
  assertFormPost(c);
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' && key !== '_csrf' && !/password/i.test(key)) values[key] = value;
  }
  const raw = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string'));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values };
}

/** Refuses anything but a form posted from a page (415). */
function assertFormPost(c: Context<AppEnv>): void {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) {
    throw new HttpError(415, 'Please send the form from the page.');
  }
}

/** Every text value of a posted form, by name (rows and checkbox groups post several); the CSRF token left out. */
export async function formBody(c: Context<AppEnv>): Promise<Record<string, string[]>> {
  assertFormPost(c);
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string[]> = {};
  for (const [key, raw] of Object.entries(body)) {
    if (key === '_csrf') continue;
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    if (values.length) out[key] = values;
  }
  return out;
}

/** The first value of each field of a posted form, for forms whose every field is single. */
export async function formFields(c: Context<AppEnv>): Promise<Record<string, string>> {
  return Object.fromEntries(Object.entries(await formBody(c)).map(([key, values]) => [key, values[0]!]));
}
