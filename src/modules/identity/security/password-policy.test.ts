import { describe, expect, it } from 'vitest';
import { findCommonPassword } from './common-passwords.ts';
import { checkPassword, type PasswordContext, type PasswordVerdict } from './password-policy.ts';

const maria: PasswordContext = {
  email: 'mroberts@glowaesthetics.example',
  spaName: 'Glow Aesthetics',
  fullName: 'Maria Roberts',
};

const reasonOf = (verdict: PasswordVerdict) => (verdict.ok ? null : verdict.reason);

describe('checkPassword: length', () => {
  it('refuses 11 characters and says how many are needed', () => {
    expect(reasonOf(checkPassword('violet-moss', maria))).toMatch(/at least 12 characters; this one has 11/);
  });

  it('refuses 129 characters', () => {
    const long = 'harbor lantern '.repeat(9).slice(0, 129);
    expect(reasonOf(checkPassword(long, maria))).toMatch(/at most 128 characters; this one has 129/);
  });

  it('counts code points, not UTF-16 units', () => {
    // Eleven flowers are 22 UTF-16 units but only 11 characters to a person.
    expect(reasonOf(checkPassword('🌸🌺🌻🌼🌷🌹💐🌸🌺🌻🌼', maria))).toMatch(/this one has 11/);
    expect(checkPassword('🌸🌺🌻🌼🌷🌹💐🌸🌺🌻🌼🍀', maria)).toEqual({ ok: true });
    expect(reasonOf(checkPassword('🌷'.repeat(129), maria))).toMatch(/this one has 129/);
  });

  it('accepts non-Latin passphrases', () => {
    expect(checkPassword('über straße grün fenster', maria)).toEqual({ ok: true });
  });
});

describe('checkPassword: common and breached passwords', () => {
  it.each(['password1234', 'Password123!', 'qwertyuiop12'])('refuses %s as common', (password) => {
    expect(reasonOf(checkPassword(password, maria))).toMatch(/common/);
  });

  it('finds whole entries that only the million-entry list has', () => {
    expect(findCommonPassword('iloveyou1234')).toBe('whole');
  });

  it('sees through digits and symbols added around a common password', () => {
    expect(findCommonPassword('Sunshine2026!!')).toBe('decorated');
    expect(findCommonPassword('!!Dragonfly2026')).toBe('decorated');
    expect(findCommonPassword('correct horse battery staple vault')).toBeNull();
  });
});

describe('checkPassword: personal details', () => {
  it("refuses the spa's name, however it is written", () => {
    expect(reasonOf(checkPassword('GlowAesthetics2026!!', maria))).toMatch(/spa's name/);
    expect(reasonOf(checkPassword('my glow-aesthetics key', maria))).toMatch(/spa's name/);
  });

  it('refuses the part of the email before the @', () => {
    expect(reasonOf(checkPassword('velvet MRoberts harbor lantern', maria))).toMatch(/email/);
  });

  it('refuses the whole email even when the part before the @ is short', () => {
    const al: PasswordContext = { email: 'al@spa.example', spaName: 'Ritz', fullName: 'Al Li' };
    expect(reasonOf(checkPassword('al@spa.example velvet!', al))).toMatch(/email/);
    expect(checkPassword('almond velvet harbor lantern', al)).toEqual({ ok: true });
  });

  it('refuses parts of the name with four or more letters', () => {
    expect(reasonOf(checkPassword('maria loves velvet harbors', maria))).toMatch(/your name/);
  });
});

describe('checkPassword: strength', () => {
  it('refuses long but predictable passwords with the estimator explanation', () => {
    const reason = reasonOf(checkPassword('harborharborharbor', maria));
    expect(reason).toMatch(/too easy to guess/);
    expect(reason).toMatch(/Repeated character patterns/);
  });

  it('accepts a strong passphrase', () => {
    expect(checkPassword('correct horse battery staple vault', maria)).toEqual({ ok: true });
  });
});
