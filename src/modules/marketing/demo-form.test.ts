import { describe, expect, it } from 'vitest';
import { demoRequestSchema, PLATFORMS } from './demo-form.ts';

const good = { name: ' Ana Souza ', email: ' Ana@Example.COM ', phone: '', spaName: 'Clear Skin', locations: '2', providers: '5', platform: 'jane', platformOther: 'ignored', message: '  ' };

describe('the demo request rules (MKT-1)', () => {
  it('trims, lower-cases the email, turns counts into numbers and empty optional fields into nothing', () => {
    expect(demoRequestSchema.parse(good)).toEqual({
      name: 'Ana Souza',
      email: 'ana@example.com',
      phone: undefined,
      spaName: 'Clear Skin',
      locations: 2,
      providers: 5,
      platform: 'jane',
      platformOther: undefined, // only kept with "Something else"
      message: undefined,
    });
  });

  it('offers none/paper, the named platforms and "other", in that order', () => {
    expect(PLATFORMS.map((p) => p.value)).toEqual(['none', 'boulevard', 'mangomint', 'vagaro', 'zenoti', 'mindbody', 'aesthetic_record', 'patientnow', 'jane', 'other']);
  });

  it('keeps a multi-line message but refuses control characters and line breaks in one-line fields', () => {
    expect(demoRequestSchema.parse({ ...good, message: 'line one\nline two' }).message).toBe('line one\nline two');
    const bad = demoRequestSchema.safeParse({ ...good, name: 'Ana\nBcc: x@y.z', spaName: 'Clear\u0000Skin', message: 'hi\u0007' });
    expect(bad.success).toBe(false);
    expect(new Set(bad.error!.issues.map((i) => i.path[0]))).toEqual(new Set(['name', 'spaName', 'message']));
  });

  it('accepts usual phone formats and refuses letters or too few digits', () => {
    for (const phone of ['+1 (212) 555-0100', '212.555.0100', '+44 20 7946 0958']) expect(demoRequestSchema.safeParse({ ...good, phone }).success, phone).toBe(true);
    for (const phone of ['555-01', 'ext 12', '+1 212 555 0100 0100 0100']) expect(demoRequestSchema.safeParse({ ...good, phone }).success, phone).toBe(false);
  });

  it('gives one message per field, the first problem for each', () => {
    const result = demoRequestSchema.safeParse({});
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => String(i.path[0]));
    expect(new Set(fields)).toEqual(new Set(['name', 'email', 'spaName', 'locations', 'providers', 'platform']));
  });
});
