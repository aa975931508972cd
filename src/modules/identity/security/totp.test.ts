import { describe, expect, it } from 'vitest';
import { newTotpSecret, totpCodeAt, totpStepAt, totpUri, verifyTotp } from './totp.ts';

const secret = newTotpSecret();
const now = new Date('2026-03-14T15:09:40Z');
const stepsAgo = (n: number) => new Date(now.getTime() - n * 30_000);

describe('newTotpSecret', () => {
  it('is 160 bits of base32 and different every time', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
  });
});

describe('totpUri', () => {
  it('builds an otpauth URI naming the issuer and the account', () => {
    const uri = new URL(totpUri({ secret, accountName: 'maria@glow.example', issuer: 'Lumè' }));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Lumè:maria@glow.example');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Lumè');
  });
});

describe('verifyTotp', () => {
  it('accepts the current code and returns its step', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, now), { now, lastUsedStep: null })).toEqual({
      ok: true,
      step: totpStepAt(now),
    });
  });

  it('never accepts the same code twice', () => {
    const code = totpCodeAt(secret, now);
    const first = verifyTotp(secret, code, { now, lastUsedStep: null });
    if (!first.ok) throw new Error('first use should pass');
    expect(verifyTotp(secret, code, { now, lastUsedStep: first.step })).toEqual({ ok: false });
  });

  it('accepts a code from one step ago or one step ahead', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, stepsAgo(1)), { now, lastUsedStep: null })).toEqual({
      ok: true,
      step: totpStepAt(now) - 1,
    });
    expect(verifyTotp(secret, totpCodeAt(secret, stepsAgo(-1)), { now, lastUsedStep: null })).toEqual({
      ok: true,
      step: totpStepAt(now) + 1,
    });
  });

  it('refuses codes two steps away', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, stepsAgo(2)), { now, lastUsedStep: null })).toEqual({ ok: false });
    expect(verifyTotp(secret, totpCodeAt(secret, stepsAgo(-2)), { now, lastUsedStep: null })).toEqual({ ok: false });
  });

  it('refuses an older code once a newer one was used', () => {
    const older = totpCodeAt(secret, stepsAgo(1));
    expect(verifyTotp(secret, older, { now, lastUsedStep: totpStepAt(now) })).toEqual({ ok: false });
  });

  it('refuses everything when the last used step lies in the future', () => {
    const code = totpCodeAt(secret, now);
    expect(verifyTotp(secret, code, { now, lastUsedStep: totpStepAt(now) + 5 })).toEqual({ ok: false });
  });

  it('tolerates the space authenticator apps show in the middle', () => {
    const code = totpCodeAt(secret, now);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, { now, lastUsedStep: null }).ok).toBe(true);
  });

  it.each(['12345', '1234567', '12a456', '', '１２３４５６', '123456\n'])('refuses malformed code %j', (code) => {
    expect(verifyTotp(secret, code, { now, lastUsedStep: null })).toEqual({ ok: false });
  });
});

describe('RFC 6238 test vector (SHA-1)', () => {
  // Appendix B: key "12345678901234567890" (ASCII), T = 59 s gives 94287082 at 8 digits;
  // 6 digits keep the low six: 287082.
  const rfcSecret = Buffer.from('12345678901234567890', 'ascii');
  const base32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

  it('matches the published value', () => {
    expect(base32Decode(base32)).toEqual(rfcSecret);
    expect(totpCodeAt(base32, new Date(59_000))).toBe(String(94287082 % 1_000_000));
    expect(verifyTotp(base32, '287082', { now: new Date(59_000), lastUsedStep: null })).toEqual({ ok: true, step: 1 });
  });
});

/** Enough base32 to prove the constant above really is the RFC key. */
function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => parseInt(byte, 2)));
}
