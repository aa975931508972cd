import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, exportFileName, toCsv } from './export.ts';
import {
  checkChoices,
  clientsShown,
  decodeCursor,
  encodeCursor,
  filterQuery,
  isListAppearance,
  isLocalDate,
  localDate,
  localDayStart,
  nextDay,
  pageSql,
  parseAuditQuery,
  whereSql,
  type AuditRow,
} from './search.ts';
import { browserSummary } from './views/user-agent.tsx';
import { actionWords, recordWords, roleWords, shortId } from './views/words.tsx';

const TENANT = '11111111-1111-4111-8111-111111111111';
const CLIENT = '3f2c8a4e-1b7d-4c2a-9e5f-0a1b2c3d4e5f';
const LA = 'America/Los_Angeles';

describe('parseAuditQuery', () => {
  it('reads blank filters as no filters', () => {
    const q = parseAuditQuery({ person: '', client: '  ', action: '', from: '', to: '', outcome: '' });
    expect(q.filter).toEqual({});
    expect(q.errors).toEqual({});
    expect(q.cursor).toBeNull();
  });

  it('accepts good values, trimming and lower-casing ids', () => {
    const q = parseAuditQuery({ person: 'anonymous', client: ` ${CLIENT.toUpperCase()} `, action: 'login_failed', from: '2026-11-01', to: '2026-11-30', outcome: 'failed' });
    expect(q.errors).toEqual({});
    expect(q.filter).toEqual({ person: 'anonymous', client: CLIENT, action: 'login_failed', from: '2026-11-01', to: '2026-11-30', outcome: 'failed' });
  });

  it('gives one message per bad field and keeps what was typed', () => {
    const q = parseAuditQuery({ person: 'Maya', client: 'Jane Doe', action: 'DROP TABLE', from: '2026-02-30', to: 'tomorrow', outcome: 'maybe' });
    expect(Object.keys(q.errors).sort()).toEqual(['action', 'client', 'from', 'outcome', 'person', 'to']);
    expect(q.values).toEqual({ person: 'Maya', client: 'Jane Doe', action: 'DROP TABLE', from: '2026-02-30', to: 'tomorrow', outcome: 'maybe' });
  });

  it('refuses an end date before the start date', () => {
    expect(parseAuditQuery({ from: '2026-11-20', to: '2026-11-01' }).errors.to).toMatch(/before the start/);
    expect(parseAuditQuery({ from: '2026-11-20', to: '2026-11-20' }).errors).toEqual({});
  });

  it('reads one page cursor, and refuses a forged or doubled one', () => {
    const at = '2026-11-28T23:15:00.123456Z';
    expect(parseAuditQuery({ older: encodeCursor(at, '42') }).cursor).toEqual({ direction: 'older', at, id: '42' });
    expect(parseAuditQuery({ newer: encodeCursor(at, '42') }).cursor).toEqual({ direction: 'newer', at, id: '42' });
    expect(parseAuditQuery({ older: "2026-11-28T23:15:00Z_1' OR 1=1" }).errors.page).toBeDefined();
    expect(parseAuditQuery({ older: encodeCursor(at, '1'), newer: encodeCursor(at, '2') }).errors.page).toBeDefined();
    expect(decodeCursor('nonsense', 'older')).toBeNull();
  });
});

describe('checkChoices', () => {
  const choices = { operatorIds: new Set([CLIENT]), actions: ['read', 'login'] };
  it('accepts staff on the list, other actor kinds and listed actions', () => {
    expect(checkChoices({ person: CLIENT, action: 'read' }, choices)).toEqual({});
    expect(checkChoices({ person: 'system' }, choices)).toEqual({});
  });
  it('refuses a person not on the staff list and an action not offered', () => {
    expect(Object.keys(checkChoices({ person: TENANT, action: 'teleport' }, choices)).sort()).toEqual(['action', 'person']);
  });
});

describe('local dates', () => {
  it('checks calendar dates', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-1-5')).toBe(false);
    expect(isLocalDate('1999-12-31')).toBe(false);
  });

  it('finds the start of a day in the spa’s timezone, across daylight-saving changes', () => {
    expect(localDayStart('2026-01-15', LA).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(localDayStart('2026-07-15', LA).toISOString()).toBe('2026-07-15T07:00:00.000Z');
    expect(localDayStart('2025-03-09', LA).toISOString()).toBe('2025-03-09T08:00:00.000Z'); // springs forward at 02:00
    expect(localDayStart('2025-03-10', LA).toISOString()).toBe('2025-03-10T07:00:00.000Z');
    expect(localDayStart('2025-11-02', LA).toISOString()).toBe('2025-11-02T07:00:00.000Z'); // falls back at 02:00
    expect(localDayStart('2025-11-03', LA).toISOString()).toBe('2025-11-03T08:00:00.000Z');
    expect(localDayStart('2026-06-01', 'Asia/Kolkata').toISOString()).toBe('2026-05-31T18:30:00.000Z');
    expect(localDayStart('2026-06-01', 'UTC').toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });

  it('steps to the next day over month and year ends, and reads an instant’s local date', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(localDate(new Date('2026-11-28T07:59:59Z'), LA)).toBe('2026-11-27');
    expect(localDate(new Date('2026-11-28T08:00:00Z'), LA)).toBe('2026-11-28');
  });
});

describe('SQL', () => {
  it('puts every value in a parameter and the tenant first', () => {
    const where = whereSql(TENANT, { person: CLIENT, client: CLIENT, action: 'read', outcome: 'denied', from: '2026-11-01', to: '2026-11-30' }, LA, {
      direction: 'older',
      at: '2026-11-28T23:15:00.123456Z',
      id: '42',
    });
    expect(where.text.startsWith('e.tenant_id = $1')).toBe(true);
    expect(where.text).toContain('FROM audit_event_keys_for_clients(ARRAY(WITH RECURSIVE merged(id) AS (SELECT $3::uuid');
    expect(where.text).toContain('(e.occurred_at, e.id) < ($8::timestamptz, $9::bigint)');
    expect(where.values).toEqual([TENANT, CLIENT, CLIENT, 'read', 'denied', '2026-11-01T07:00:00.000Z', '2026-12-01T08:00:00.000Z', '2026-11-28T23:15:00.123456Z', '42']);
    expect(where.text).not.toMatch(/'2026|read'/);
  });

  it('filters other actor kinds by kind, and walks newer pages upwards', () => {
    const where = whereSql(TENANT, { person: 'anonymous' }, LA, { direction: 'newer', at: '2026-11-28T23:15:00.123456Z', id: '7' });
    expect(where.text).toContain('e.actor_kind = $2');
    expect(where.text).toContain('(e.occurred_at, e.id) > ($3::timestamptz, $4::bigint)');
    const sql = pageSql(where, 'newer', 51).text;
    expect(sql).toContain('ORDER BY e.occurred_at ASC, e.id ASC');
    expect(sql).toContain('LIMIT 51');
    expect(sql).not.toMatch(/OFFSET/i);
  });

  it('writes filters back into links, leaving blanks out', () => {
    expect(filterQuery({})).toBe('');
    expect(filterQuery({ action: 'read', from: '2026-11-01' }, { older: 'x_1' })).toBe('?action=read&from=2026-11-01&older=x_1');
  });
});

const row = (over: Partial<AuditRow>): AuditRow => ({
  id: '1',
  occurredAt: new Date(),
  at: '',
  actorKind: 'operator',
  actorId: TENANT,
  actorName: 'Maya Okafor',
  actorRole: 'owner',
  action: 'read',
  recordType: 'client',
  recordId: null,
  recordName: null,
  clientIds: [],
  ip: null,
  userAgent: null,
  surface: 'crm',
  outcome: 'success',
  requestId: null,
  ...over,
});

describe('rows', () => {
  it('calls several clients, a list or a search an appearance in a list', () => {
    expect(isListAppearance(row({ clientIds: [CLIENT] }))).toBe(false);
    expect(isListAppearance(row({ clientIds: [CLIENT, TENANT] }))).toBe(true);
    expect(isListAppearance(row({ clientIds: [CLIENT], recordType: 'appointment_list' }))).toBe(true);
    expect(isListAppearance(row({ clientIds: [CLIENT], recordType: 'client_search' }))).toBe(true);
  });

  it('collects every client shown: those concerned, clients who acted, and the one searched for', () => {
    const rows = [row({ clientIds: [CLIENT] }), row({ actorKind: 'client', actorId: TENANT, clientIds: [CLIENT] })];
    const other = '22222222-2222-4222-8222-222222222222';
    expect(clientsShown(rows, [other, undefined]).sort()).toEqual([TENANT, CLIENT, other].sort());
  });
});

describe('CSV', () => {
  it('defuses cells a spreadsheet would run as formulas', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('Chrome 120')).toBe('Chrome 120');
  });

  it('quotes commas, quotes and line breaks, and leaves the rest alone', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvLine(['a', null, 'b c'])).toBe('a,,b c\r\n');
  });

  it('starts with a byte-order mark and the header', () => {
    expect(toCsv([]).startsWith('\uFEFFoccurred_at,actor_kind,actor_id,actor_name,role,action,record_type,record_id,client_ids,ip,user_agent,surface,outcome,request_id\r\n')).toBe(true);
  });

  it('names the file after the spa and the dates', () => {
    expect(exportFileName('glow', '2026-11-01', '2026-11-30')).toBe('audit-trail-glow-2026-11-01-to-2026-11-30.csv');
    expect(exportFileName('glow', '2026-11-01', '2026-11-01')).toBe('audit-trail-glow-2026-11-01.csv');
    expect(exportFileName('gl"ow\r\n', '2026-11-01', '2026-11-01')).toBe('audit-trail-glow-2026-11-01.csv');
  });
});

describe('wording', () => {
  it('summarises common browsers', () => {
    const mac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)';
    expect(browserSummary(`${mac} Chrome/120.0 Safari/537.36`)).toBe('Chrome on macOS');
    expect(browserSummary(`${mac} Chrome/120.0 Safari/537.36 Edg/120.0`)).toBe('Edge on macOS');
    expect(browserSummary(`${mac} Version/17.1 Safari/605.1.15`)).toBe('Safari on macOS');
    expect(browserSummary('Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1')).toBe('Safari on iPad');
    expect(browserSummary('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0')).toBe('Firefox on Windows');
    expect(browserSummary('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36')).toBe('Chrome on Android');
    expect(browserSummary('curl/8.5.0')).toBe('curl');
    expect(browserSummary('=HYPERLINK("x")')).toBe('Unknown browser');
    expect(browserSummary(null)).toBe('Unknown browser');
  });

  it('puts codes into words, with a fallback for new ones', () => {
    expect(actionWords('login_failed')).toBe('failed sign-in');
    expect(actionWords('read')).toBe('viewed');
    expect(actionWords('break_glass')).toBe('break glass');
    expect(recordWords('treatment_note')).toBe('Treatment note');
    expect(roleWords('provider,front_desk', { provider: 'Provider' })).toBe('Provider, Front desk');
    expect(shortId(CLIENT)).toBe('3f2c8a4e');
    expect(shortId('a-very-long-record-id')).toBe('a-very-long…');
  });
});
