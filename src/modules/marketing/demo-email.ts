/**
 * The internal notification for one demo request (MKT-2): plain text, to Lumè's own inbox.
 * A prospect's contact details and spa size only — never anything about a spa's clients.
 * Pure: no I/O.
 */
import { platformLabel, type Platform } from './demo-form.ts';

export interface StoredDemoRequest {
  id: string;
  createdAt: Date;
  name: string;
  email: string;
  phone: string | null;
  spaName: string;
  locations: number;
  providers: number;
  platform: Platform;
  platformOther: string | null;
  message: string | null;
}

/** Names the message at the provider, so a retried send is delivered once. */
export function demoEmailIdempotencyKey(id: string): string {
  return `demo-request/${id}`;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function demoRequestEmail(request: StoredDemoRequest): { subject: string; text: string } {
  const platform = request.platform === 'other' ? `Other: ${request.platformOther ?? ''}` : platformLabel(request.platform);
  const lines = [
    'A new demo request came in through the website.',
    '',
    `Name:              ${request.name}`,
    `Work email:        ${request.email}`,
    `Phone:             ${request.phone ?? '(not given)'}`,
    `Spa:               ${request.spaName}`,
    `Locations:         ${request.locations.toLocaleString('en-US')}`,
    `Providers:         ${request.providers.toLocaleString('en-US')}`,
    `Current platform:  ${platform}`,
    '',
    'Message:',
    request.message ?? '(none)',
    '',
    '--',
    `Received ${request.createdAt.toISOString().replace('T', ' ').slice(0, 16)} UTC · reference ${request.id}`,
    'Kept for 24 months unless the spa becomes a customer. Reply to the prospect from your own mailbox.',
  ];
  return {
    subject: `Demo request: ${request.spaName} (${plural(request.locations, 'location', 'locations')}, ${plural(request.providers, 'provider', 'providers')})`,
    text: lines.join('\n'),
  };
}
