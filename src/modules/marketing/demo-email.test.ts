import { describe, expect, it } from 'vitest';
import { demoEmailIdempotencyKey, demoRequestEmail } from './demo-email.ts';

const request = {
  id: '0b8e7c1e-3f55-4d6a-9a43-6f3f3f0c2a11',
  createdAt: new Date('2026-11-27T15:04:05Z'),
  name: 'Kim Lee',
  email: 'kim@spa.example',
  phone: null,
  spaName: 'Lee Aesthetics',
  locations: 1,
  providers: 1200,
  platform: 'none' as const,
  platformOther: null,
  message: null,
};

describe('the demo request email', () => {
  it('is plain text with every field, the reference and the time received', () => {
    const { subject, text } = demoRequestEmail(request);
    expect(subject).toBe('Demo request: Lee Aesthetics (1 location, 1,200 providers)');
    expect(text).toContain('Phone:             (not given)');
    expect(text).toContain('Current platform:  None yet, or paper');
    expect(text).toContain('Message:\n(none)');
    expect(text).toContain('Received 2026-11-27 15:04 UTC · reference 0b8e7c1e-3f55-4d6a-9a43-6f3f3f0c2a11');
  });

  it('names the message for Resend by the submission', () => {
    expect(demoEmailIdempotencyKey(request.id)).toBe('demo-request/0b8e7c1e-3f55-4d6a-9a43-6f3f3f0c2a11');
  });
});
