import type { Context } from 'hono';
import { ErrorPage } from '../../ui/layouts.tsx';
import type { AppEnv } from './context.ts';
import { HttpError } from './errors.ts';

const TITLES: Record<number, string> = {
  400: 'That did not work',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'That changed in the meantime',
  410: 'This link has expired',
  413: 'That file is too large',
  415: 'That file type is not accepted',
  422: 'Please check what you entered',
  429: 'Slow down a little',
  500: 'Something went wrong',
  503: 'Back in a moment',
};

/** The same plain page for every unknown path, unknown spa and suspended spa: nothing is revealed. */
export function renderNotFound(c: Context<AppEnv>) {
  return c.html(<ErrorPage status={404} title={TITLES[404]!} message="We could not find that page." requestId={c.get('requestId')} />, 404);
}

/** Errors meant for the user show their message; anything else is logged (without PHI) and shown as a reference only. */
export function renderError(error: Error, c: Context<AppEnv>) {
  const requestId = c.get('requestId');
  if (error instanceof HttpError) {
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    return c.html(<ErrorPage status={error.status} title={TITLES[error.status] ?? 'Error'} message={error.message} requestId={requestId} />, error.status);
  }
  c.get('deps')?.log.error({ rid: requestId, err: error }, 'unhandled error');
  return c.html(
    <ErrorPage status={500} title={TITLES[500]!} message="We could not finish that. Nothing was lost; please try again. If it keeps happening, tell us the reference below." requestId={requestId} />,
    500,
  );
}
