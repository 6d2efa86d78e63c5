import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../electron/api/imports.ts';
import { generateDemo } from '../../electron/core/demo/generate.ts';
import { listUnits } from '../../electron/core/modules/org/units.ts';
import type { LedgerService } from '../../electron/core/service.ts';
import { openTestService, setupBranch, tempLedgerDir } from '../helpers/ledger.ts';

/**
 * Issue #7: an auditor's view of an imported workbook must equal the branch's own. For every
 * branch-year of a demo ledger, the exported workbook imported into an empty ledger gives the same
 * compliance findings and the same assessment (total, tier, every item's points) as the source;
 * a second import changes nothing; a workbook of the previous layout (without the columns added
 * for this) still imports.
 */

const YEARS = [2025, 2026];
let source: { service: LedgerService; cleanup: () => void };
let dir: string;
const files = new Map<string, string>();

function open(prefix: string): { service: LedgerService; cleanup: () => void } {
  const temp = tempLedgerDir(prefix);
  const service = openTestService(temp.dbPath);
  return {
    service,
    cleanup: () => {
      service.close();
      temp.cleanup();
    },
  };
}

function branches(service: LedgerService): Array<{ id: number; name: string }> {
  return listUnits(service.ledger).filter((u) => u.kind === '党支部');
}

/** Copies a workbook, changes it with openpyxl (`edit` is Python acting on `wb`), saves it. */
function editWithOpenpyxl(source: string, name: string, edit: string): string {
  const target = join(dir, name);
  execFileSync(
    '/usr/bin/python3',
    [
      '-c',
      `\nimport sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\n${edit}\nwb.save(sys.argv[2])\n`,
      source,
      target,
    ],
    { encoding: 'utf8' },
  );
  return target;
}

function importFile(service: LedgerService, file: string): Promise<ImportReport> {
  return service.call('import.workbook', {
    fileName: file.split('/').pop() ?? file,
    dataBase64: readFileSync(file).toString('base64'),
  });
}

/** What an auditor reads of a branch-year: findings and the assessment, without local ids. */
async function view(service: LedgerService, branchId: number, year: number) {
  const compliance = await service.call('compliance.year', { branchId, year });
  const assessment = await service.call('assessment.get', { branchId, year });
  return {
    findings: compliance.findings.map((f) => `${f.ruleId}|${f.period ?? ''}|${f.message}`).sort(),
    total: assessment.total,
    proposedTier: assessment.proposedTier,
    items: assessment.items.map((i) => `${i.itemId}:${i.points ?? '待评分'}:${i.comment ?? ''}`),
    vetoes: assessment.vetoes.map((v) => `${v.itemId}:${v.reason}`),
    stage: assessment.stage,
    publicity: assessment.publicity,
  };
}

beforeAll(async () => {
  source = open('fidelity-source-');
  generateDemo(source.service.ledger, { branches: 3, members: 60, years: 2, seed: 7 });
  dir = mkdtempSync(join(tmpdir(), 'fidelity-files-'));
  for (const branch of branches(source.service)) {
    for (const year of YEARS) {
      const workbook = await source.service.call('workbook.export', {
        branchId: branch.id,
        year,
        includeFullIdNumbers: true,
      });
      const file = join(dir, `${branch.id}-${year}.xlsx`);
      writeFileSync(file, Buffer.from(workbook.dataBase64, 'base64'));
      files.set(`${branch.name}|${year}`, file);
    }
  }
}, 180_000);

afterAll(() => {
  source?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a branch-year imported from its workbook', () => {
  it('gives the same findings and the same assessment as the branch’s own ledger, and a second import changes nothing', async () => {
    const target = open('fidelity-target-');
    try {
      for (const [key, file] of files) {
        const report = await importFile(target.service, file);
        expect(report.refusals, key).toEqual([]);
        // Only 换届选举 (names and tallies) and 示范岗与积分 (totals) cannot rebuild their records.
        expect(
          report.notImported.filter((sheet) => sheet !== '换届选举' && sheet !== '示范岗与积分'),
          key,
        ).toEqual([]);
      }
      const targetBranch = new Map(branches(target.service).map((b) => [b.name, b.id]));
      let compared = 0;
      for (const branch of branches(source.service)) {
        const local = targetBranch.get(branch.name);
        expect(local, branch.name).toBeDefined();
        for (const year of YEARS) {
          const want = await view(source.service, branch.id, year);
          const got = await view(target.service, local ?? 0, year);
          expect(got, `${branch.name} ${year}`).toEqual(want);
          compared += 1;
        }
      }
      expect(compared).toBe(6);

      for (const [key, file] of files) {
        const again = await importFile(target.service, file);
        expect(
          again.rows.filter((r) => r.outcome !== 'unchanged' && r.outcome !== 'skipped'),
          key,
        ).toEqual([]);
        expect(again.committed).toBe(false);
      }

      // A published result stands: an edited score in the file is not taken, and the report says why.
      const [firstKey, firstFile] = [...files].find(([key]) => key.endsWith('|2025')) ?? [];
      if (!firstKey || !firstFile) throw new Error('no 2025 workbook');
      const local = targetBranch.get(firstKey.split('|')[0] ?? '') ?? 0;
      const published = await view(target.service, local, 2025);
      expect(published.stage).toBe('已公示');
      const edited = editWithOpenpyxl(
        firstFile,
        'edited-score.xlsx',
        `
ws = wb['考核评分']
cols = {c.value: c.column for c in ws[2]}
for row in ws.iter_rows(min_row=3):
    if row[cols['方式'] - 1].value == '人工':
        row[cols['得分'] - 1].value = 0
        break
`,
      );
      const refused = await importFile(target.service, edited);
      expect(refused.integrity.editedSheets).toEqual(['考核评分']);
      expect(refused.rows.filter((r) => r.outcome !== 'unchanged' && r.outcome !== 'skipped')).toEqual([]);
      expect(refused.notices.filter((n) => n.sheet === '考核评分').map((n) => n.message)).toEqual([
        '2025年度考核结果已公示，台账中的公示结果保持不变，文件中不同的评分未导入',
      ]);
      expect(await view(target.service, local, 2025)).toEqual(published);
    } finally {
      target.cleanup();
    }
  }, 300_000);
});

describe('the current year of a branch imported alone', () => {
  it('gives the same findings and the same assessment in an otherwise empty ledger', async () => {
    for (const branch of branches(source.service)) {
      const file = files.get(`${branch.name}|2026`);
      if (!file) throw new Error(`no workbook of ${branch.name}`);
      const target = open('fidelity-alone-');
      try {
        const report = await importFile(target.service, file);
        expect(report.refusals).toEqual([]);
        const [local] = branches(target.service);
        expect(await view(target.service, local?.id ?? 0, 2026), branch.name).toEqual(
          await view(source.service, branch.id, 2026),
        );
      } finally {
        target.cleanup();
      }
    }
  }, 120_000);
});

describe('a 发展党员 row whose 办理记录 cannot be read', () => {
  it('refuses the file naming sheet, row, column and field, and changes nothing', async () => {
    const [, file] = [...files].find(([k]) => k.endsWith('|2026')) ?? [];
    if (!file) throw new Error('no 2026 workbook');
    const bad = editWithOpenpyxl(
      file,
      'bad-step-log.xlsx',
      `
ws = wb['发展党员']
col = next(c.column for c in ws[2] if c.value == '办理记录（各步骤日期）')
ws.cell(3, col).value = '去年春天递交了申请书'
`,
    );
    const target = open('fidelity-bad-');
    try {
      const report = await importFile(target.service, bad);
      expect(report.refusedFile).toBe(true);
      expect(report.committed).toBe(false);
      expect(report.refusals).toEqual([
        {
          sheet: '发展党员',
          row: 3,
          column: expect.stringMatching(/^[A-Z]+$/),
          field: '办理记录（各步骤日期）',
          message: expect.stringContaining('第1步 2024-03-01'),
        },
      ]);
      expect(branches(target.service)).toEqual([]);
    } finally {
      target.cleanup();
    }
  });
});

describe('the fill-in template', () => {
  it('takes the 党小组 of a 党小组会 from its own column', async () => {
    const target = open('fidelity-template-');
    try {
      const { branchId } = await setupBranch(target.service);
      const template = await target.service.call('workbook.template', { branchId });
      const blank = join(dir, 'template.xlsx');
      writeFileSync(blank, Buffer.from(template.dataBase64, 'base64'));
      const filled = editWithOpenpyxl(
        blank,
        'template-group.xlsx',
        `
ws = wb['组织生活']
row = next(r for r in range(1, 10) if ws.cell(r, 1).value == '序号')
cols = {ws.cell(row, c).value: c for c in range(1, ws.max_column + 1)}
values = {'日期': '2026-03-18', '类型': '党小组会', '党小组': '第二党小组', '主题': '学习党章'}
for header, value in values.items():
    ws.cell(row + 1, cols[header]).value = value
`,
      );
      const report = await importFile(target.service, filled);
      expect(report.refusals).toEqual([]);
      const [meeting] = await target.service.call('life.list', { branchId, year: 2026 });
      expect(meeting && (await target.service.call('life.get', { id: meeting.id })).groupName).toBe('第二党小组');
    } finally {
      target.cleanup();
    }
  });
});

describe('a workbook of the previous layout (2026.1)', () => {
  it('imports without the columns added since: no refusal, members, meetings and scores in, 发展党员 reported as not imported', async () => {
    const [key, file] = [...files].find(([k]) => k.endsWith('|2026')) ?? [];
    if (!key || !file) throw new Error('no 2026 workbook');
    const old = editWithOpenpyxl(
      file,
      'previous-layout.xlsx',
      `
removed = {
    '党员花名册': ['状态', '状态起始日期'],
    '组织生活': ['党小组', '整改事项'],
    '发展党员': ['取消日期', '取消原因', '办理记录（各步骤日期）'],
    '书记项目': ['项目背景'],
}
for name, headers in removed.items():
    ws = wb[name]
    for header in headers:
        col = next(c.column for c in ws[2] if c.value == header)
        ws.delete_cols(col)
# The rows for vetoes and the record's progress came with 2026.2 too.
ws = wb['考核评分']
id_col = next(c.column for c in ws[2] if c.value == '记录编号（勿改）')
for r in range(ws.max_row, 2, -1):
    if str(ws.cell(r, id_col).value or '').startswith(('assessment-stage', 'assessment-veto')):
        ws.delete_rows(r)
`,
    );
    const target = open('fidelity-old-');
    try {
      const report = await importFile(target.service, old);
      expect(report.refusals).toEqual([]);
      expect(report.committed).toBe(true);
      expect(report.notImported).toContain('发展党员');
      const sourceBranch = branches(source.service).find((b) => b.name === key.split('|')[0]);
      const local = branches(target.service).find((b) => b.name === sourceBranch?.name);
      if (!sourceBranch || !local) throw new Error('branch not imported');
      // Without 状态 the file cannot say who left during the year: everyone it lists is on the roll.
      const names = (list: ReadonlyArray<{ name: string }>) => list.map((m) => m.name).sort();
      const asOf = '2026-11-23';
      const listed = (
        await source.service.call('member.list', { branchId: sourceBranch.id, asOf, includeOffRoll: true })
      ).filter((m) => ['在册', '转入', '借调'].includes(m.status) || m.statusSince >= '2026-01-01');
      expect(names(await target.service.call('member.list', { branchId: local.id, asOf }))).toEqual(names(listed));
      const want = await view(source.service, sourceBranch.id, 2026);
      const got = await view(target.service, local.id, 2026);
      // The assessor's scores come through; the stage of the record did not exist as rows before.
      expect(got.items.filter((i) => i.endsWith('好'))).toEqual(want.items.filter((i) => i.endsWith('好')));
      expect(got.items.filter((i) => i.endsWith('好')).length).toBeGreaterThan(5);
    } finally {
      target.cleanup();
    }
  }, 120_000);
});
