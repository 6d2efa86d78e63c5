import { describe, expect, it } from 'vitest';
import { sql } from '../../electron/core/db/sql.ts';

describe('the sql tag', () => {
  it('binds every value, nested fragments and IN lists included — no value ever becomes SQL text', () => {
    const hostile = "x'); DROP TABLE member; --";
    const query = sql`SELECT * FROM member WHERE name = ${hostile} AND status IN ${sql.in(['在册', '转入'])} AND ${sql`id > ${3}`}`;
    expect(query.text).toBe('SELECT * FROM member WHERE name = ? AND status IN (?, ?) AND id > ?');
    expect(query.params).toEqual([hostile, '在册', '转入', 3]);
  });
});
