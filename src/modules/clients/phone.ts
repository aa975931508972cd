/**
 * Phone numbers as typed at a front desk ("(310) 555-0123", "310.555.0123",
 * "+52 55 1234 5678") become E.164. Ten digits are taken as North American.
 * Returns null when what was typed cannot be a phone number.
 */
export function toE164(typed: string): string | null {
  const trimmed = typed.trim();
  if (!/^[+()\d\s.-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return /^[1-9]\d{6,14}$/.test(digits) ? `+${digits}` : null;
  if (digits.length === 10 && /^[2-9]\d{2}[2-9]/.test(digits)) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1') && /^1[2-9]\d{2}[2-9]/.test(digits)) return `+${digits}`;
  return null;
}

/** How a stored number is shown: North American numbers as (310) 555-0123, others as stored. */
export function formatPhone(e164: string | null): string {
  if (!e164) return '';
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : e164;
}
