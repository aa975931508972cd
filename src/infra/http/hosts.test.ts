import { describe, expect, it } from 'vitest';
import { matchHost } from './hosts.ts';

describe('host routing (DESIGN §1)', () => {
  const apex = 'localhost:3000';
  it.each([
    ['localhost:3000', { surface: 'marketing' }],
    ['www.localhost:3000', { surface: 'marketing' }],
    ['admin.localhost:3000', { surface: 'console' }],
    ['glow.localhost:3000', { surface: 'spa', slug: 'glow' }],
    ['GLOW.Localhost:3000', { surface: 'spa', slug: 'glow' }],
    ['glow-two.localhost:3000', { surface: 'spa', slug: 'glow-two' }],
  ])('%s is %o', (host, expected) => expect(matchHost(host, apex)).toEqual(expected));

  it.each(['evil.example', 'localhost:3001', 'a.b.localhost:3000', '-x.localhost:3000', 'api.localhost:3000', '', 'glow.localhost:3000.evil.example'])(
    'does not serve %j',
    (host) => expect(matchHost(host, apex)).toBeNull(),
  );
});
