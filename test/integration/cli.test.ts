import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, main } from '../../electron/cli/main.ts';
import { tempLedgerDir } from '../helpers/ledger.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** Runs the CLI in-process, capturing what a terminal would show. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

function temp() {
  const t = tempLedgerDir('cli-test-');
  cleanups.push(t.cleanup);
  return t;
}

describe('branch-ledger CLI', () => {
  it('init creates the ledger; org add builds the tree; org list --json carries id and kind', async () => {
    const { dbPath } = temp();
    expect((await cli('init', '--db', dbPath)).code).toBe(EXIT.ok);
    expect(existsSync(dbPath)).toBe(true);
    const committee = await cli('org', 'add', '--db', dbPath, '--name', '中共某公司委员会', '--kind', '党委', '--json');
    const { id } = JSON.parse(committee.out);
    expect(
      (await cli('org', 'add', '--db', dbPath, '--name', '第一党支部', '--kind', '党支部', '--parent', String(id)))
        .code,
    ).toBe(EXIT.ok);
    const list = JSON.parse((await cli('org', 'list', '--db', dbPath, '--json')).out);
    expect(list.map((u: { kind: string; name: string }) => `${u.kind}${u.name}`)).toEqual([
      '党委中共某公司委员会',
      '党支部第一党支部',
    ]);
    expect(list.every((u: { id: unknown }) => typeof u.id === 'number')).toBe(true);
  });

  it('exits 2 on a usage error and names the problem in Chinese', async () => {
    const { dbPath } = temp();
    const bad = await cli('org', 'add', '--db', dbPath, '--name', 'x', '--kind', '党校');
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toContain('--kind 应为');
    expect((await cli('frobnicate', '--db', dbPath)).code).toBe(EXIT.usage);
    expect((await cli('org', 'list', '--no-such-flag')).code).toBe(EXIT.usage);
  });

  it('demo is deterministic for a seed and member list prints a readable table', async () => {
    const a = temp();
    const b = temp();
    await cli('demo', '--db', a.dbPath, '--branches', '3', '--members', '40', '--seed', '7');
    await cli('demo', '--db', b.dbPath, '--branches', '3', '--members', '40', '--seed', '7');
    const listA = JSON.parse((await cli('member', 'list', '--db', a.dbPath, '--json')).out);
    const listB = JSON.parse((await cli('member', 'list', '--db', b.dbPath, '--json')).out);
    expect(listA.length).toBeGreaterThan(30);
    expect(listA).toEqual(listB);
    const table = await cli('member', 'list', '--db', a.dbPath);
    expect(table.out).toContain('公民身份号码');
    expect(table.out).toMatch(/共 \d+ 人/);
    expect(table.out).toMatch(/\d{4}\*{10}\d{3}[\dX]/);
  });

  it('grade --json returns scores, tiers and blockers for every branch; check --json lists findings', async () => {
    const { dbPath } = temp();
    await cli('demo', '--db', dbPath, '--branches', '2', '--members', '30', '--years', '2');
    const year = String(new Date().getFullYear());
    const graded = await cli('grade', '--db', dbPath, '--year', year, '--json');
    expect(graded.code).toBe(EXIT.ok);
    const results = JSON.parse(graded.out) as Array<{
      branchName: string;
      total: number;
      proposedTier: string;
      blockers: string[];
      items: unknown[];
    }>;
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.items.length).toBeGreaterThan(20);
      expect(['标准型', '示范型', '红旗型', '未达标']).toContain(r.proposedTier);
      expect(r.total).toBeGreaterThan(0);
    }
    expect(results.some((r) => r.blockers.length > 0)).toBe(true);
    const checked = await cli('check', '--db', dbPath, '--year', year, '--json');
    expect(checked.code).toBe(EXIT.findings);
    expect(JSON.parse(checked.out).findings.length).toBeGreaterThan(0);
  });

  it('backup and restore round-trip; the replaced ledger is kept', async () => {
    const { dir, dbPath } = temp();
    await cli('demo', '--db', dbPath, '--branches', '2', '--members', '10');
    const backupPath = join(dir, 'saved.sqlite');
    expect((await cli('backup', '--db', dbPath, '--out', backupPath)).code).toBe(EXIT.ok);
    const org = JSON.parse((await cli('org', 'list', '--db', dbPath, '--json')).out);
    const branch = org.find((u: { kind: string }) => u.kind === '党支部');
    await cli('org', 'add', '--db', dbPath, '--name', '新建党小组', '--kind', '党小组', '--parent', String(branch.id));
    const restored = await cli('restore', backupPath, '--db', dbPath, '--json');
    expect(restored.code).toBe(EXIT.ok);
    const { keptAs } = JSON.parse(restored.out);
    expect(existsSync(join(dir, 'backups', keptAs))).toBe(true);
    const after = JSON.parse((await cli('org', 'list', '--db', dbPath, '--json')).out);
    expect(after).toEqual(org);
  });

  it('restore of a file that is not a ledger exits 3 and changes nothing', async () => {
    const { dbPath } = temp();
    await cli('demo', '--db', dbPath, '--branches', '1', '--members', '5');
    const before = (await cli('member', 'list', '--db', dbPath, '--json')).out;
    const result = await cli('restore', join(import.meta.dirname, 'cli.test.ts'), '--db', dbPath);
    expect(result.code).toBe(EXIT.badInput);
    expect(result.err).toContain('不是可恢复的台账备份');
    expect((await cli('member', 'list', '--db', dbPath, '--json')).out).toBe(before);
  });
});
