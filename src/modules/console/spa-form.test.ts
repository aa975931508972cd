import { describe, expect, it } from 'vitest';
import { newSpaSchema, slugProblem } from './spa-form.ts';

describe('a new spa’s address', () => {
  it.each(['glow', 'glow-aesthetics', 'spa42', 'a'])('accepts %s', (slug) => expect(slugProblem(slug)).toBeNull());
  it.each([
    ['admin', 'reserved'],
    ['www', 'reserved'],
    ['-glow', 'hyphen'],
    ['glow-', 'hyphen'],
    ['glow.spa', 'lower-case letters'],
    ['glow_spa', 'lower-case letters'],
    ['a'.repeat(41), '40 characters'],
    ['', 'Choose'],
  ])('refuses %s', (slug, why) => expect(slugProblem(slug)).toContain(why));

  it('lower-cases the address and the owner’s email, and wants the BAA confirmed', () => {
    const base = { slug: 'Serenity', display_name: 'Serenity', legal_name: 'Serenity LLC', state_code: 'TX', admin_name: 'Nadia', admin_email: 'Nadia@Example.com', baa_version: '2026-11' };
    const parsed = newSpaSchema.safeParse({ ...base, baa_signed: 'yes' });
    expect(parsed.success && [parsed.data.slug, parsed.data.admin_email]).toEqual(['serenity', 'nadia@example.com']);
    expect(newSpaSchema.safeParse(base).success).toBe(false);
  });
});
