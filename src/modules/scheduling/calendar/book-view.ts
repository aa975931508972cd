/** What the booking page shows besides the draft: the choices and, after a refusal, the nearest free times (pure). */
import type { AvailableSlot } from '../availability/index.ts';
import type { BookingChoices } from './book-choices.ts';

export interface BookChoicesView {
  choices: BookingChoices;
  alternatives: { date: string; time: string; providers: string }[];
  backHref: string;
}

export function bookView(choices: BookingChoices, alternatives: readonly AvailableSlot[], back: { date: string; locationId: string | null }): BookChoicesView {
  const names = new Map(choices.providers.map((p) => [p.id, p.name]));
  const params = new URLSearchParams({ view: 'day', date: back.date, by: 'provider' });
  if (back.locationId) params.set('location', back.locationId);
  return {
    choices,
    alternatives: alternatives.map((s) => ({
      date: s.local.date,
      time: s.local.time,
      providers: [...new Set(s.assignment.map((a) => (a.providerId ? (names.get(a.providerId) ?? '') : '')).filter(Boolean))].join(', '),
    })),
    backHref: `/calendar?${params}`,
  };
}
