import { describe, expect, it } from 'vitest';
import { formatPhone, toE164 } from './phone.ts';

describe('toE164', () => {
  it('reads North American numbers however they are typed', () => {
    for (const typed of ['(310) 555-0123', '310.555.0123', '310 555 0123', '3105550123', '1-310-555-0123', '+1 310 555 0123']) {
      expect(toE164(typed), typed).toBe('+13105550123');
    }
  });

  it('keeps international numbers given with their country code', () => {
    expect(toE164('+52 55 1234 5678')).toBe('+525512345678');
  });

  it('refuses what cannot be a number', () => {
    for (const typed of ['555-01', '0105550123', 'call me', '+0 123', '310-555-0123 ext 4', '<script>']) expect(toE164(typed), typed).toBeNull();
  });

  it('shows North American numbers the way the front desk reads them', () => {
    expect(formatPhone('+13105550123')).toBe('(310) 555-0123');
    expect(formatPhone('+525512345678')).toBe('+525512345678');
    expect(formatPhone(null)).toBe('');
  });
});
