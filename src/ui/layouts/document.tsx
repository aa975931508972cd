import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { assetUrl } from '../assets.ts';

/**
 * htmx settings, read by htmx from this meta tag: no eval (the CSP forbids it anyway), no
 * injected <style> (indicator styles live in our stylesheet), and requests to this origin only.
 */
export const htmxConfig = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  selfRequestsOnly: true,
});

export type DocumentProps = {
  /** False for pages that need no script at all (the marketing site). */
  script?: boolean;
  /** The full <title>. */
  title: string;
  description?: string;
  /** Class on <body>, naming the layout (e.g. "site", "app app--crm"). */
  bodyClass?: string;
  /** e.g. "noindex" for signed-in and tokenized pages. */
  robots?: string;
  /** Extra elements at the end of <head>. */
  head?: Child;
  /** Another entry's stylesheet and script instead of the app's (the client's light form pages). */
  entry?: { css: string; js: string };
  children?: Child;
};

/** The HTML document every page is rendered into. */
export function Document(props: DocumentProps) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title}</title>
          {props.description ? <meta name="description" content={props.description} /> : null}
          {props.robots ? <meta name="robots" content={props.robots} /> : null}
          <meta name="color-scheme" content="light" />
          <meta name="theme-color" content="#f8f6f2" />
          <meta name="htmx-config" content={htmxConfig} />
          <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
          <link rel="stylesheet" href={assetUrl(props.entry?.css ?? 'app.css')} />
          {props.script === false ? null : <script defer src={assetUrl(props.entry?.js ?? 'app.js')}></script>}
          {props.head}
        </head>
        <body class={props.bodyClass}>{props.children}</body>
      </html>
    </>
  );
}

export function SkipLink() {
  return (
    <a class="skip-link" href="#main">
      Skip to main content
    </a>
  );
}
