import { describe, expect, it } from 'vitest';
import { BREAK_GLASS_PERMISSIONS, clockTime, windowAllows, windowState } from './window.ts';

describe('what a break-glass window allows', () => {
  it('reads only: no permission that writes, manages, signs or exports', () => {
    for (const p of BREAK_GLASS_PERMISSIONS) expect(p, p).toMatch(/^(read|use):/);
    expect(BREAK_GLASS_PERMISSIONS.has('read:audit:any')).toBe(false);
    expect(BREAK_GLASS_PERMISSIONS.has('read:invoice:any')).toBe(false);
  });

  it('allows reading pages its permissions open, and leaving', () => {
    expect(windowAllows('GET', '/', 'use:crm:any')).toBe('allowed');
    expect(windowAllows('HEAD', '/clients', 'read:client:any')).toBe('allowed');
    expect(windowAllows('POST', '/logout', 'use:crm:any')).toBe('allowed');
    expect(windowAllows('POST', '/session/keepalive', 'use:crm:any')).toBe('allowed');
  });

  it('refuses every other change, whatever the permission', () => {
    expect(windowAllows('POST', '/policies/:id/acknowledge', 'use:crm:any')).toBe('read_only');
    expect(windowAllows('POST', '/account/password', 'use:crm:any')).toBe('read_only');
    expect(windowAllows('POST', '/clients/:id', 'read:client:any')).toBe('read_only');
    expect(windowAllows('DELETE', '/clients/:id', 'read:client:any')).toBe('read_only');
  });

  it('refuses pages outside its permissions and a person’s own account page', () => {
    expect(windowAllows('GET', '/audit', 'read:audit:any')).toBe('not_in_window');
    expect(windowAllows('GET', '/settings', 'manage:settings:any')).toBe('not_in_window');
    expect(windowAllows('GET', '/account', 'use:crm:any')).toBe('not_in_window');
  });
});

describe('a window’s times and state', () => {
  it('reads the end as a 24-hour time in the spa’s zone', () => {
    expect(clockTime(new Date('2026-11-27T22:05:00Z'), 'America/Los_Angeles')).toBe('14:05 PST');
    expect(clockTime(new Date('2026-07-01T00:30:00Z'), 'America/New_York')).toBe('20:30 EDT');
    expect(clockTime(new Date('2026-11-27T00:05:00Z'), 'UTC')).toBe('00:05 UTC');
  });

  it('is waiting, open, ended early or over', () => {
    const endsAt = new Date('2026-11-27T10:30:00Z');
    const before = new Date('2026-11-27T10:10:00Z');
    expect(windowState({ endsAt, linkUsedAt: null, endedAt: null }, before)).toBe('waiting');
    expect(windowState({ endsAt, linkUsedAt: before, endedAt: null }, before)).toBe('open');
    expect(windowState({ endsAt, linkUsedAt: before, endedAt: before }, before)).toBe('ended');
    expect(windowState({ endsAt, linkUsedAt: before, endedAt: null }, endsAt)).toBe('expired');
  });
});
