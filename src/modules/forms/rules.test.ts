import { describe, expect, it } from 'vitest';
import { addMonths, appliesTo, formStanding, formsToAssign, monthsBefore, ruleSummary, type AssignmentCandidate, type BookingFacts } from './rules.ts';

const booking: BookingFacts = { serviceIds: ['toxin'], startsAt: new Date('2026-12-10T18:00:00Z'), minor: false };

function candidate(over: Partial<AssignmentCandidate>): AssignmentCandidate {
  return { templateId: 't', versionId: 'v', kind: 'consent', rule: 'per_service', renewalMonths: null, linkedServiceIds: [], lastSignedAt: null, pending: false, ...over };
}

const chosen = (list: AssignmentCandidate[], b: BookingFacts = booking) => formsToAssign(list, b).map((c) => c.templateId);

describe('formsToAssign (PUB-3)', () => {
  it('asks a per-service consent when one of its services is booked, every time, and never without a link', () => {
    const toxin = candidate({ templateId: 'toxin-consent', linkedServiceIds: ['toxin', 'toxin-2'], pending: true, lastSignedAt: new Date('2026-12-01') });
    const filler = candidate({ templateId: 'filler-consent', linkedServiceIds: ['filler'] });
    const unlinked = candidate({ templateId: 'unlinked' });
    expect(chosen([toxin, filler, unlinked])).toEqual(['toxin-consent']);
  });

  it('asks the intake once per client: not while one is pending, and again only when the last signed is older than the renewal age at the visit', () => {
    const intake = (over: Partial<AssignmentCandidate>) => candidate({ templateId: 'intake', kind: 'intake', rule: 'once_per_client', renewalMonths: 12, ...over });
    expect(chosen([intake({})])).toEqual(['intake']);
    expect(chosen([intake({ pending: true })])).toEqual([]);
    expect(chosen([intake({ lastSignedAt: new Date('2025-12-10T18:00:01Z') })])).toEqual([]);
    expect(chosen([intake({ lastSignedAt: new Date('2025-12-10T18:00:00Z') })])).toEqual(['intake']);
    // Linked to services, it is asked only with them.
    expect(chosen([intake({ linkedServiceIds: ['laser'] })])).toEqual([]);
  });

  it('asks a lifetime form until it is signed once, and a per-visit form at every appointment', () => {
    const release = candidate({ templateId: 'release', kind: 'photo_release', rule: 'lifetime' });
    expect(chosen([release])).toEqual(['release']);
    expect(chosen([{ ...release, pending: true }])).toEqual([]);
    expect(chosen([{ ...release, lastSignedAt: new Date('2010-01-01') }])).toEqual([]);
    const screening = candidate({ templateId: 'screening', kind: 'other', rule: 'per_visit', pending: true, lastSignedAt: new Date('2026-12-09') });
    expect(chosen([screening])).toEqual(['screening']);
  });

  it('asks a guardian’s authorization only of a minor', () => {
    const guardian = candidate({ templateId: 'guardian', kind: 'guardian_authorization', rule: 'once_per_client', renewalMonths: 12 });
    expect(chosen([guardian])).toEqual([]);
    expect(chosen([guardian], { ...booking, minor: true })).toEqual(['guardian']);
    expect(appliesTo({ kind: 'guardian_authorization', rule: 'per_service', linkedServiceIds: ['toxin'] }, { ...booking, minor: false })).toBe(false);
  });
});

describe('months', () => {
  it('counts calendar months back and forth, clamped to the end of shorter months', () => {
    expect(monthsBefore(new Date('2026-03-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(monthsBefore(new Date('2024-03-31T10:00:00Z'), 1).toISOString()).toBe('2024-02-29T10:00:00.000Z');
    expect(monthsBefore(new Date('2026-01-15T00:00:00Z'), 13).toISOString()).toBe('2024-12-15T00:00:00.000Z');
    expect(addMonths(new Date('2026-01-31T08:30:00Z'), 1).toISOString()).toBe('2026-02-28T08:30:00.000Z');
    expect(addMonths(new Date('2025-11-30T00:00:00Z'), 3).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });
});

describe('formStanding', () => {
  const now = new Date('2026-12-10T00:00:00Z');
  it('shows a signed intake older than its renewal age as expired, with the day it fell due', () => {
    const template = { rule: 'once_per_client' as const, renewalMonths: 12 };
    expect(formStanding({ status: 'signed', signedAt: new Date('2025-12-09T00:00:00Z') }, template, now)).toEqual({ status: 'expired', renewalDue: new Date('2026-12-09T00:00:00Z') });
    expect(formStanding({ status: 'signed', signedAt: new Date('2026-01-09T00:00:00Z') }, template, now)).toEqual({ status: 'signed', renewalDue: new Date('2027-01-09T00:00:00Z') });
    expect(formStanding({ status: 'signed', signedAt: new Date('2001-01-01') }, { rule: 'lifetime', renewalMonths: null }, now)).toEqual({ status: 'signed', renewalDue: null });
    expect(formStanding({ status: 'voided', signedAt: null }, template, now).status).toBe('voided');
  });

  it('words the rule for lists', () => {
    expect(ruleSummary('once_per_client', 12)).toBe('Once per client · renewed after 12 months');
    expect(ruleSummary('per_service', null)).toBe('Each booking of its services');
  });
});
