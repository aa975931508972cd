import { describe, expect, it } from 'vitest';
import { planMerge, type ConsentWithdrawals } from './merge-plan.ts';
import type { ClientProfile } from './profile.ts';

const base: ClientProfile = {
  id: '00000000-0000-4000-8000-000000000001', status: 'active', merged_into: null, first_name: 'Ana', last_name: 'Ruiz', preferred_name: '', pronouns: '',
  date_of_birth: '1990-03-14', sex: 'unknown', gender_identity: '', preferred_language: 'en', email: null, mobile_phone: null, other_phone: null,
  address_line1: '', address_line2: '', city: '', region: '', postal_code: '', emergency_name: '', emergency_relationship: '', emergency_phone: null,
  sms_consent: false, sms_consent_at: null, sms_consent_method: null, email_consent: false, email_consent_at: null, email_consent_method: null,
  tags: [], referral_source: '', front_desk_notes: '', is_member: false, created_at: new Date(0), updated_at: new Date(0),
};
const none: ConsentWithdrawals = { sms: null, email: null };
const plan = (s: Partial<ClientProfile>, o: Partial<ClientProfile>, w: { survivor?: ConsentWithdrawals; absorbed?: ConsentWithdrawals } = {}) =>
  planMerge({ ...base, ...s }, { ...base, id: '00000000-0000-4000-8000-000000000002', ...o }, { survivor: w.survivor ?? none, absorbed: w.absorbed ?? none });

describe('planning a merge', () => {
  it('keeps what the survivor has and fills only what it lacks', () => {
    const p = plan({ email: 'ana@example.com', first_name: 'Ana' }, { email: 'old@example.com', first_name: 'Anna', mobile_phone: '+13105550123', pronouns: 'she/her', sex: 'female' });
    expect(p.changes).toEqual({
      mobile_phone: { from: null, to: '+13105550123' },
      pronouns: { from: '', to: 'she/her' },
      sex: { from: 'unknown', to: 'female' },
    });
    expect(p.outcomes.email).toBe('kept');
    expect(p.outcomes.first_name).toBe('kept');
    expect(p.outcomes.mobile_phone).toBe('filled');
  });

  it('moves an address or an emergency contact only as a whole', () => {
    expect(plan({ city: 'Austin' }, { address_line1: '1 Main St', city: 'Dallas', postal_code: '75001' }).changes).toEqual({});
    expect(Object.keys(plan({}, { address_line1: '1 Main St', city: 'Dallas', postal_code: '75001' }).changes)).toEqual(['address_line1', 'city', 'postal_code']);
    expect(Object.keys(plan({}, { emergency_name: 'Luis', emergency_relationship: 'Brother' }).changes)).toEqual(['emergency_name', 'emergency_relationship']);
  });

  it('unites tags (at most 20) and keeps membership from either', () => {
    const many = Array.from({ length: 19 }, (_, i) => `t${i}`);
    const p = plan({ tags: many }, { tags: ['vip', 'botox', 't1'], is_member: true });
    expect(p.changes.tags!.to).toEqual([...many, 'vip']);
    expect(p.changes.is_member).toEqual({ from: false, to: true });
  });

  it('takes a consent the survivor lacks, with its when and how', () => {
    const at = new Date('2026-01-02T10:00:00Z');
    const p = plan({}, { sms_consent: true, sms_consent_at: at, sms_consent_method: 'in_person' });
    expect(p.changes).toMatchObject({ sms_consent: { to: true }, sms_consent_at: { to: at }, sms_consent_method: { to: 'in_person' } });
  });

  it('never undoes an opt-out: a later withdrawal on either record wins', () => {
    const at = new Date('2026-01-02T10:00:00Z');
    const later = new Date('2026-02-01T10:00:00Z');
    expect(plan({}, { sms_consent: true, sms_consent_at: at, sms_consent_method: 'online' }, { survivor: { sms: later, email: null } }).changes).toEqual({});
    expect(plan({ email_consent: true, email_consent_at: at, email_consent_method: 'online' }, {}, { absorbed: { sms: null, email: later } }).changes).toEqual({
      email_consent: { from: true, to: false },
      email_consent_at: { from: at, to: null },
      email_consent_method: { from: 'online', to: null },
    });
    // A consent given after the withdrawal is the latest word.
    expect(plan({}, { sms_consent: true, sms_consent_at: later, sms_consent_method: 'online' }, { survivor: { sms: at, email: null } }).changes.sms_consent).toEqual({ from: false, to: true });
  });
});
