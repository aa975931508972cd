import type { OutboxMessage } from '../../../infra/messaging/dev-outbox.ts';
import { Badge, EmptyState, PageHeader } from '../../../ui/components.tsx';
import { Document } from '../../../ui/layouts.tsx';

const CHANNEL_LABELS: Record<OutboxMessage['channel'], string> = {
  phi_email: 'Email (clinical)',
  marketing_email: 'Email (marketing)',
  sms: 'SMS',
};

/** Every message the local adapters kept instead of sending (development only). */
export function OutboxPage(props: { messages: OutboxMessage[] }) {
  return (
    <Document title="Dev outbox · Lumè" robots="noindex" bodyClass="app">
      <main id="main" class="container stack">
        <PageHeader
          eyebrow="Development only"
          title="Dev outbox"
          description="Emails and text messages Lumè would have sent, newest first. Production sends them through the real providers and has no outbox."
        />
        {props.messages.length === 0 ? (
          <EmptyState title="Nothing sent yet" icon="inbox">
            Messages appear here as soon as the app sends one: a sign-in link, a reminder, a demo request.
          </EmptyState>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Spa</th>
                  <th scope="col">To</th>
                  <th scope="col">Message</th>
                </tr>
              </thead>
              <tbody>
                {props.messages.map((m) => (
                  <tr>
                    <td>{m.createdAt.toISOString().replace('T', ' ').slice(0, 19)}</td>
                    <td>
                      <Badge tone={m.channel === 'sms' ? 'info' : 'neutral'}>{CHANNEL_LABELS[m.channel]}</Badge>
                    </td>
                    <td>{m.spaSlug ?? 'Lumè'}</td>
                    <td>{m.recipient}</td>
                    <td>
                      {m.subject ? <strong>{m.subject}</strong> : null}
                      <pre class="outbox-body">{m.body}</pre>
                      {m.attachments.map((a) => (
                        <p class="muted text-sm">
                          Attached: {a.filename} ({a.contentType}, {a.size.toLocaleString('en-US')} bytes, SHA-256 {a.sha256.slice(0, 12)}…)
                        </p>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </main>
    </Document>
  );
}
