import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '../../electron/core/db/backup.ts';
import { openTestService, setupBranch, tempLedgerDir } from '../helpers/ledger.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'rosters');
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

async function ledgerWithBranch() {
  const t = tempLedgerDir('import-test-');
  cleanups.push(t.cleanup);
  const service = openTestService(t.dbPath);
  cleanups.push(() => service.close());
  return { service, dbPath: t.dbPath, ...(await setupBranch(service)) };
}

/** A roster written by openpyxl (make_fixtures.py), not by our own exporter. */
function fixture(name: string) {
  return { fileName: name, dataBase64: readFileSync(join(fixtures, name)).toString('base64') };
}

function auditCount(service: Awaited<ReturnType<typeof ledgerWithBranch>>['service']): number {
  return (service.ledger.db.raw.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
}

describe('roster import from a workbook another program wrote', () => {
  it('reads a sheet that merges A1:XFD1048576 without expanding the merge (bounded time and memory)', async () => {
    const { service, branchId } = await ledgerWithBranch();
    const report = await service.call('member.importPreview', { branchId, ...fixture('merge-bomb.xlsx') });
    expect(report.totalRows).toBeGreaterThan(0);
    expect(report.mappedColumns.map((c) => c.field)).toEqual(['姓名', '性别', '出生日期', '入党时间']);
  });

  it('previews: finds the header row under the title, maps synonyms, names the bad row and column', async () => {
    const { service, branchId } = await ledgerWithBranch();
    const report = await service.call('member.importPreview', { branchId, ...fixture('clean-roster.xlsx') });
    expect(report.headerRow).toBe(3);
    expect(report.totalRows).toBe(12);
    expect(report.validRows).toBe(11);
    const mapped = Object.fromEntries(report.mappedColumns.map((c) => [c.field, `${c.column}:${c.header}`]));
    expect(mapped).toMatchObject({ 出生日期: 'E:出生年月', 公民身份号码: 'F:身份证号', 学历: 'G:文化程度' });
    expect(report.issues).toEqual([expect.objectContaining({ row: 12, column: 'F', field: '公民身份号码' })]);
    expect(report.committed).toBe(false);
    expect(await service.call('member.list', { branchId })).toHaveLength(0);
  });

  it('refuses the whole file when any row is bad, and changes nothing — not even the audit log', async () => {
    const { service, branchId, dbPath } = await ledgerWithBranch();
    const before = auditCount(service);
    const result = await service.invoke('member.importCommit', { branchId, ...fixture('bad-roster.xlsx') }, 'bridge');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_FILE');
    expect(result.error.message).toContain('整个文件未导入');
    const rows = new Set(result.error.details.map((d) => d.row));
    for (const bad of [2, 3, 5, 7, 9, 10, 11, 14]) expect(rows, `row ${bad}`).toContain(bad);
    expect(result.error.details.every((d) => d.file === 'bad-roster.xlsx')).toBe(true);
    expect(await service.call('member.list', { branchId })).toHaveLength(0);
    expect(auditCount(service)).toBe(before);
    expect(listBackups(dbPath)).toHaveLength(0);
  });

  it('with "only valid rows" imports those in one transaction, after a pre-import backup, with one audit entry', async () => {
    const { service, branchId, dbPath } = await ledgerWithBranch();
    const before = auditCount(service);
    const report = await service.call('member.importCommit', {
      branchId,
      skipInvalid: true,
      ...fixture('clean-roster.xlsx'),
    });
    expect(report.imported).toBe(11);
    const members = await service.call('member.list', { branchId });
    expect(members).toHaveLength(11);
    // Dates typed in every form come out as real dates; the lower-case x check character is normalised.
    expect(members.find((m) => m.name === '李四')).toMatchObject({
      birthDate: '1985-03-17',
      joinDate: '2008-05-20',
      idNumberMasked: '1101**********058X',
    });
    expect(members.find((m) => m.name === '王五')).toMatchObject({ birthDate: '1979-11-03', groupName: '第二党小组' });
    expect(auditCount(service)).toBe(before + 1);
    expect(listBackups(dbPath).map((b) => b.reason)).toEqual(['pre-import']);
  });

  it('importing the same file again finds every row a duplicate and adds nobody', async () => {
    const { service, branchId } = await ledgerWithBranch();
    await service.call('member.importCommit', { branchId, skipInvalid: true, ...fixture('clean-roster.xlsx') });
    const again = await service.call('member.importPreview', { branchId, ...fixture('clean-roster.xlsx') });
    expect(again.duplicates.length).toBeGreaterThanOrEqual(11);
    await expect(
      service.call('member.importCommit', { branchId, skipInvalid: true, ...fixture('clean-roster.xlsx') }),
    ).rejects.toThrow(/没有可导入的有效行/);
    expect(await service.call('member.list', { branchId })).toHaveLength(11);
  });

  it.each([
    ['renamed-xls.xlsx', /\.xls|另存为/],
    ['text-renamed.xlsx', /不是/],
    ['zip-bomb.xlsx', /.+/],
  ])('refuses %s with a clear message naming the file, and changes nothing', async (name, message) => {
    const { service, branchId } = await ledgerWithBranch();
    const before = auditCount(service);
    const result = await service.invoke('member.importCommit', { branchId, ...fixture(name) }, 'bridge');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(message);
    expect(result.error.message).toContain(name);
    expect(auditCount(service)).toBe(before);
  });
});
