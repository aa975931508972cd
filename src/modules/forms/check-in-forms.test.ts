import { describe, expect, it } from 'vitest';
import { formsAtCheckIn, requiredFormsMessage, unsignedFormsMessage, type VisitForm } from './check-in-forms.ts';

// CRM-7, PUB-3: what stops a check-in and what only warns.
const VISIT = 'visit-1';
const form = (over: Partial<VisitForm>): VisitForm => ({ id: 'f', templateId: over.name ?? 'Form', name: 'Form', kind: 'consent', rule: 'per_service', status: 'pending', signedAt: null, appointmentId: VISIT, ...over });

describe('forms at check-in', () => {
  it('refuses on this visit’s pending consent or guardian authorization, and only warns about an intake or photo release', () => {
    const gate = formsAtCheckIn(
      [
        form({ name: 'Neurotoxin consent' }),
        form({ name: 'Guardian authorization', kind: 'guardian_authorization', rule: 'per_visit' }),
        form({ name: 'Intake', kind: 'intake', rule: 'once_per_client', appointmentId: 'earlier-visit' }),
        form({ name: 'Photo release', kind: 'photo_release', rule: 'lifetime', appointmentId: null }),
      ],
      VISIT,
    );
    expect(gate.required.map((f) => f.name)).toEqual(['Neurotoxin consent', 'Guardian authorization']);
    expect(gate.unsigned.map((f) => f.name)).toEqual(['Intake', 'Photo release']);
    expect(requiredFormsMessage(gate)).toBe('These forms have not been signed: Neurotoxin consent, Guardian authorization. The client signs before treatment.');
    expect(unsignedFormsMessage(gate)).toBe('Still to sign: Intake, Photo release.');
  });

  it('keeps refusing when the visit’s consent is voided instead of signed, until one is signed', () => {
    const voided = form({ id: 'a', name: 'Neurotoxin consent', status: 'voided' });
    expect(requiredFormsMessage(formsAtCheckIn([voided], VISIT))).toBe('This form has not been signed: Neurotoxin consent (voided). The client signs before treatment.');
    const askedAgain = form({ id: 'b', name: 'Neurotoxin consent' });
    expect(formsAtCheckIn([voided, askedAgain], VISIT).required.map((f) => f.id)).toEqual(['b']);
    expect(formsAtCheckIn([voided, { ...askedAgain, status: 'signed' }], VISIT).required).toEqual([]);
  });

  it('ignores signed forms, voided forms that never stopped a visit, expired ones, and another visit’s per-service consent', () => {
    const gate = formsAtCheckIn(
      [
        form({ status: 'signed' }),
        form({ status: 'voided', kind: 'photo_release', rule: 'lifetime' }),
        form({ status: 'expired', kind: 'intake', rule: 'once_per_client' }),
        form({ name: 'Filler consent for next month', appointmentId: 'next-visit' }),
        form({ name: 'Per-visit waiver elsewhere', kind: 'other', rule: 'per_visit', appointmentId: 'next-visit' }),
      ],
      VISIT,
    );
    expect(gate).toEqual({ required: [], unsigned: [] });
    expect(requiredFormsMessage(gate)).toBeNull();
    expect(unsignedFormsMessage(gate)).toBeNull();
  });

  it('names a single missing form in the singular', () => {
    expect(requiredFormsMessage(formsAtCheckIn([form({ name: 'Laser consent' })], VISIT))).toBe('This form has not been signed: Laser consent. The client signs before treatment.');
  });
});
