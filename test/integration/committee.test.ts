import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackups } from '../../electron/core/db/backup.ts';
import { type DemoSummary, generateDemo } from '../../electron/core/demo/generate.ts';
import { buildCommitteeReport, committeeReportLayout } from '../../electron/core/export/docx/committee-report.ts';
import { resolveFonts } from '../../electron/core/export/docx/fonts.ts';
import { committeeYear } from '../../electron/core/modules/committee/overview.ts';
import type { LedgerService } from '../../electron/core/service.ts';
import reportJson from '../../templates/documents/committee-report.json' with { type: 'json' };
import { openTestService, tempLedgerDir } from '../helpers/ledger.ts';
import { all, unzipDocx } from '../render/docx-helpers.ts';

const temp = tempLedgerDir('committee-');
let service: LedgerService;
let demo: DemoSummary;
const YEAR = 2025;

beforeAll(() => {
  service = openTestService(temp.dbPath, '2026-11-23T09:00:00+08:00');
  demo = generateDemo(service.ledger, { branches: 4, members: 80, years: 3, seed: 3 });
});
afterAll(() => {
  service.close();
  temp.cleanup();
});

function python<T>(script: string, ...args: string[]): T {
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8' })) as T;
}

describe('the committee overview of a year', () => {
  it("puts every 党支部 side by side with exactly the demo's deliberate gaps", async () => {
    const overview = await service.call('committee.overview', { year: YEAR });
    const branches = (await service.call('org.list', {})).filter((u) => u.kind === '党支部');
    expect(overview.branches.map((b) => b.branchId).sort()).toEqual(branches.map((b) => b.id).sort());
    const gaps = demo.gaps.filter((g) => g.period.startsWith(String(YEAR)));
    expect(gaps.length).toBeGreaterThan(0);
    for (const row of overview.branches) {
      const expected = gaps.filter((g) => g.branchId === row.branchId).length;
      expect(row.findings.total, row.branchName).toBe(expected);
      expect(Object.values(row.findings.byGroup).reduce((a, b) => a + b, 0)).toBe(row.findings.total);
      expect(row.members).toBeGreaterThan(0);
      expect(row.meetingsHeld).toBeGreaterThan(10);
      const assessment = await service.call('assessment.get', { branchId: row.branchId, year: YEAR });
      expect(row.assessment.total).toBe(assessment.total);
      expect(row.assessment.proposedTier).toBe(assessment.proposedTier);
    }
    expect(overview.totals.findings).toBe(gaps.length);
    expect(overview.totals.branchesWithFindings).toBe(new Set(gaps.map((g) => g.branchId)).size);
    expect(Object.values(overview.totals.tiers).reduce((a, b) => a + b, 0)).toBe(branches.length);
  });

  it('writes a print-ready summary workbook that an independent reader opens', async () => {
    const overview = await service.call('committee.overview', { year: YEAR });
    const file = await service.call('committee.summaryWorkbook', { year: YEAR });
    expect(file.fileName).toMatch(/2025年度党支部工作台账检查汇总\.xlsx$/);
    const path = join(temp.dir, 'summary.xlsx');
    writeFileSync(path, Buffer.from(file.dataBase64, 'base64'));
    const read = python<{
      sheets: string[];
      branches: string[];
      findings: number;
      orientation: string;
      fitWidth: number;
      titles: string | null;
      score: number;
    }>(
      `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
s = wb['汇总表']
rows = [r for r in s.iter_rows(min_row=3, values_only=True) if r[1] and r[0] != '合计' and isinstance(r[2], (int, float))]
f = wb['问题清单']
frows = [r for r in f.iter_rows(min_row=3, values_only=True) if r[0] and r[2] and '-' in str(r[2])]
print(json.dumps({
  'sheets': wb.sheetnames,
  'branches': [r[1] for r in rows],
  'findings': len(frows),
  'orientation': s.page_setup.orientation,
  'fitWidth': s.page_setup.fitToWidth,
  'titles': s.print_title_rows,
  'score': rows[0][12],
}, ensure_ascii=False))
`,
      path,
    );
    expect(read.sheets).toEqual(['说明', '汇总表', '问题清单']);
    expect(read.branches).toEqual(overview.branches.map((b) => b.branchName));
    expect(read.findings).toBe(overview.totals.findings);
    expect(read.orientation).toBe('landscape');
    expect(read.fitWidth).toBe(1);
    // The title row and the header row repeat on every printed page.
    expect(read.titles).toBe('$1:$2');
    expect(read.score).toBe(overview.branches[0]?.assessment.total);
  });

  it('writes the Word report with the facts, the table of branches and no placeholder left', async () => {
    const overview = await service.call('committee.overview', { year: YEAR });
    const file = await service.call('committee.reportDocx', { year: YEAR });
    const parts = await unzipDocx(Buffer.from(file.dataBase64, 'base64'));
    const document = parts.xml.get('word/document.xml') ?? '';
    const text = all(document, /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g).join('');
    expect(text).toContain(`2025年度党支部工作台账检查情况的报告`);
    expect(text).toContain(`共检查党支部${overview.totals.branches}个`);
    expect(text).toContain(`${overview.totals.branchesWithFindings}个党支部存在问题，共${overview.totals.findings}条`);
    for (const b of overview.branches) expect(text).toContain(b.branchName);
    expect(text).not.toContain('{{');
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const grid = all(document, /<w:gridCol w:w="(\d+)"/g).map(Number);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(8844);
    const audit = await service.call('audit.recent', { limit: 1 });
    expect(audit[0]?.summary).toContain('检查情况报告');
  });

  it('names the file each branch was imported from and its integrity', async () => {
    const auditor = tempLedgerDir('committee-auditor-');
    const committeeSide = openTestService(auditor.dbPath, '2026-11-23T09:00:00+08:00');
    try {
      await committeeSide.call('org.setup', {
        committee: { name: '中共某某委员会' },
        branches: [{ name: '党委办公室党支部', groups: [] }],
      });
      const branch = (await service.call('org.list', {})).find((u) => u.kind === '党支部');
      const book = await service.call('workbook.export', { branchId: branch?.id ?? 0, year: YEAR });
      const before = await committeeSide.call('committee.overview', { year: YEAR });
      expect(before.branches.map((b) => b.source)).toEqual([null]);
      const report = await committeeSide.call('import.workbook', {
        fileName: book.fileName,
        dataBase64: book.dataBase64,
      });
      expect(report.committed).toBe(true);
      const after = await committeeSide.call('committee.overview', { year: YEAR });
      const imported = after.branches.find((b) => b.branchName === branch?.name);
      expect(imported?.source).toMatchObject({ fileName: book.fileName, kind: 'ledger-workbook', integrity: 'intact' });
      expect(after.branches.find((b) => b.branchName === '党委办公室党支部')?.source).toBeNull();
      expect(after.totals.filesNotIntact).toBe(0);
    } finally {
      committeeSide.close();
      auditor.cleanup();
    }
  });

  it('takes one backup before a run of imports, and a new one once something else was written', async () => {
    const auditor = tempLedgerDir('committee-batch-');
    const committeeSide = openTestService(auditor.dbPath, '2026-11-23T09:00:00+08:00');
    try {
      await committeeSide.call('org.setup', {
        committee: { name: '中共某某委员会' },
        branches: [{ name: '甲党支部', groups: [] }],
      });
      const branches = (await service.call('org.list', {})).filter((u) => u.kind === '党支部');
      const importBranch = async (index: number) => {
        const book = await service.call('workbook.export', { branchId: branches[index]?.id ?? 0, year: YEAR });
        const report = await committeeSide.call('import.workbook', {
          fileName: book.fileName,
          dataBase64: book.dataBase64,
        });
        expect(report.committed).toBe(true);
      };
      const preImport = () => listBackups(auditor.dbPath).filter((b) => b.reason === 'pre-import').length;
      await importBranch(0);
      await importBranch(1);
      expect(preImport()).toBe(1);
      const committee = (await committeeSide.call('org.list', {})).find((u) => u.kind === '党委');
      await committeeSide.call('org.create', { name: '乙党支部', kind: '党支部', parentId: committee?.id ?? null });
      await importBranch(2);
      expect(preImport()).toBe(2);
    } finally {
      committeeSide.close();
      auditor.cleanup();
    }
  });

  it('refuses a report template whose table is wider than the text area, or that names an unknown placeholder', async () => {
    const wide = structuredClone(reportJson);
    const first = wide.tableColumns[0] as (typeof wide.tableColumns)[number];
    wide.tableColumns[0] = { ...first, width: first.width + 1000 };
    expect(() => committeeReportLayout(wide)).toThrow(/committee-report\.json.*宽度合计 9844，应等于版心宽度 8844/);
    const unknown = committeeReportLayout({ ...reportJson, intro: '{{committee}}对{{branchCount}}个党支部' });
    await expect(
      buildCommitteeReport(committeeYear(service.ledger, YEAR), '某党委', resolveFonts(), unknown),
    ).rejects.toThrow('占位符 {{branchCount}} 不存在');
  });
});
