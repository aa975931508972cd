import { describe, expect, it } from 'vitest';
import { consoleAuditSql } from './context.ts';

const staff = { kind: 'staff', id: '8f0c1e9a-2b44-4c55-9d66-0123456789ab', role: 'admin' } as const;

describe('consoleAuditSql', () => {
  it('escapes free text and keeps an address only when it is one', () => {
    const sql = consoleAuditSql(
      { requestId: 'req-1', actor: staff, ip: "1.2.3.4'; DROP TABLE x; --", userAgent: "Mozilla'); DELETE FROM console_staff; --" },
      [{ action: 'read', targetKind: 'spa', targetId: "o'neil", detail: 'a → b' }],
    );
    expect(sql).toContain("'Mozilla''); DELETE FROM console_staff; --'");
    expect(sql).toContain("'o''neil'");
    expect(sql).not.toContain('DROP TABLE');
    expect(sql.match(/INSERT INTO/g)).toHaveLength(1);
  });

  it('refuses names that are not lower-case words and actors without a proper id', () => {
    expect(() => consoleAuditSql({ requestId: 'r', actor: staff }, [{ action: 'Read;', targetKind: 'spa' }])).toThrow();
    expect(() => consoleAuditSql({ requestId: 'r', actor: { kind: 'staff', id: null } }, [{ action: 'read', targetKind: 'spa' }])).toThrow();
    expect(() => consoleAuditSql({ requestId: 'r', actor: { kind: 'staff', id: "x' OR 1=1" } }, [{ action: 'read', targetKind: 'spa' }])).toThrow();
  });
});
