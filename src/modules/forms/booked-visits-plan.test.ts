import { describe, expect, it } from 'vitest';
import { missingForms, type BookedVisit, type LinkedTemplate } from './booked-visits-plan.ts';

// PUB-3, CRM-7: visits booked before a form was linked to their service are asked for it by the
// booking's own rules, visit by visit in order of time.
const TOXIN = 'svc-toxin';
const consent: LinkedTemplate = { templateId: 'consent', versionId: 'consent-v2', kind: 'consent', rule: 'per_service', renewalMonths: null, linkedServiceIds: [TOXIN] };
const intake: LinkedTemplate = { templateId: 'intake', versionId: 'intake-v1', kind: 'intake', rule: 'once_per_client', renewalMonths: 12, linkedServiceIds: [TOXIN] };
const guardian: LinkedTemplate = { templateId: 'guardian', versionId: 'guardian-v1', kind: 'guardian_authorization', rule: 'per_visit', renewalMonths: null, linkedServiceIds: [TOXIN] };
const release: LinkedTemplate = { templateId: 'release', versionId: 'release-v1', kind: 'photo_release', rule: 'lifetime', renewalMonths: null, linkedServiceIds: [TOXIN] };

const visit = (appointmentId: string, clientId: string, at: string, minor = false): BookedVisit => ({ appointmentId, clientId, startsAt: new Date(at), serviceIds: [TOXIN], minor });
const asked = (forms: { appointmentId: string; templateId: string }[]) => forms.map((f) => `${f.appointmentId} ${f.templateId}`);

describe('forms for visits booked before they were linked', () => {
  it('asks a consent of every visit that has not been asked it, whatever became of one asked (voided included)', () => {
    const visits = [visit('a2', 'ann', '2026-12-09T17:00:00Z'), visit('a1', 'ann', '2026-12-08T17:00:00Z'), visit('b1', 'bo', '2026-12-08T18:00:00Z')];
    expect(asked(missingForms(visits, [consent], [], new Set()))).toEqual(['a1 consent', 'b1 consent', 'a2 consent']);
    expect(asked(missingForms(visits, [consent], [], new Set(['b1 consent'])))).toEqual(['a1 consent', 'a2 consent']);
  });

  it('asks a once-per-client form at the client’s first visit only, and not when one waits or a recent one is signed', () => {
    const visits = [visit('a1', 'ann', '2026-12-08T17:00:00Z'), visit('a2', 'ann', '2026-12-15T17:00:00Z'), visit('b1', 'bo', '2026-12-08T18:00:00Z'), visit('c1', 'cy', '2026-12-08T19:00:00Z'), visit('d1', 'di', '2026-12-08T20:00:00Z')];
    const history = [
      { clientId: 'bo', templateId: 'intake', lastSignedAt: null, pending: true },
      { clientId: 'cy', templateId: 'intake', lastSignedAt: new Date('2026-06-01T00:00:00Z'), pending: false },
      { clientId: 'di', templateId: 'intake', lastSignedAt: new Date('2025-11-01T00:00:00Z'), pending: false },
    ];
    expect(asked(missingForms(visits, [intake], history, new Set()))).toEqual(['a1 intake', 'd1 intake']);
  });

  it('asks a guardian’s authorization only of a minor, and a lifetime form only of a client who never signed one', () => {
    const visits = [visit('k1', 'kid', '2026-12-08T17:00:00Z', true), visit('a1', 'ann', '2026-12-08T18:00:00Z'), visit('b1', 'bo', '2026-12-08T19:00:00Z')];
    const history = [{ clientId: 'bo', templateId: 'release', lastSignedAt: new Date('2020-01-01T00:00:00Z'), pending: false }];
    expect(asked(missingForms(visits, [guardian, release], history, new Set()))).toEqual(['k1 guardian', 'k1 release', 'a1 release']);
  });

  it('asks on the template’s current version', () => {
    expect(missingForms([visit('a1', 'ann', '2026-12-08T17:00:00Z')], [consent], [], new Set())).toEqual([{ appointmentId: 'a1', clientId: 'ann', templateId: 'consent', versionId: 'consent-v2' }]);
  });
});
