import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text worth compressing; images, PDFs and fonts are compressed already. */
const COMPRESSIBLE = /^(text\/(html|css|plain|javascript)|application\/(javascript|json|xml|manifest\+json)|image\/svg\+xml)\b/;
/** Below this, the encoding's own bytes and the work outweigh what it saves. */
const MIN_BYTES = 1024;

/**
 * Compresses text responses for the browsers that ask (ADR 013): Brotli at its fastest setting for
 * pages (a week of the calendar, ~650 KiB of HTML, becomes ~64 KiB in under a millisecond), at a
 * high setting for the fingerprinted assets browsers keep for a year, gzip where Brotli is not
 * accepted. In a worker thread of libuv's pool, not on the event loop.
 *
 * Against BREACH: a response is compressed only for a request the browser says this site made
 * itself (or the user typed or bookmarked). A page another site gets a victim's browser to load,
 * with text of the attacker's choosing in it, goes out uncompressed, so its length tells nothing
 * about the secrets beside that text; the session cookie (SameSite=Strict) keeps such a page signed
 * out anyway.
 */
export function compression(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (c.req.method === 'HEAD' || res.status !== 200 || !res.body || res.headers.has('content-encoding')) return;
    if (!COMPRESSIBLE.test(res.headers.get('content-type') ?? '')) return;
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return;
    const accepted = c.req.header('accept-encoding') ?? '';
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
    if (!encoding) return;
    const body = Buffer.from(await res.arrayBuffer());
    const kept = /\bimmutable\b/.test(res.headers.get('cache-control') ?? '');
    const packed =
      body.length < MIN_BYTES
        ? null
        : encoding === 'br'
          ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: kept ? 9 : 1, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
          : await gzipAsync(body, { level: kept ? 9 : 1 });
    c.res = new Response(packed ?? body, res);
    c.res.headers.append('vary', 'Accept-Encoding');
    if (!packed) return;
    c.res.headers.set('content-encoding', encoding);
    c.res.headers.set('content-length', String(packed.length));
  };
}
