import { assetUrl } from '../assets.ts';
import { Button } from '../components/button.tsx';
import { Document } from './document.tsx';

export type ErrorPageProps = {
  status: number;
  title: string;
  /** A plain sentence for people. Never a stack trace or internal detail. */
  message: string;
  /** Shown so support can find the request in the logs. */
  requestId?: string;
};

/** A friendly, self-contained error page for any surface. */
export function ErrorPage(props: ErrorPageProps) {
  return (
    <Document title={`${props.title} · Lumè`} bodyClass="error-page" robots="noindex, nofollow">
      <main id="main" class="error-page__inner">
        <img class="error-page__mark" src={assetUrl('logo.svg')} alt="" width="40" height="40" />
        <p class="error-page__status">Error {props.status}</p>
        <h1 class="error-page__title">{props.title}</h1>
        <p class="error-page__message">{props.message}</p>
        <div class="error-page__actions">
          <Button href="/" variant="primary">
            Go to the home page
          </Button>
        </div>
        {props.requestId ? (
          <p class="error-page__request">
            If you contact support, quote reference <code>{props.requestId}</code>.
          </p>
        ) : null}
      </main>
    </Document>
  );
}
