import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../electron/api/imports.ts';
import { ON_ROLL_STATUSES } from '../../electron/api/org.ts';
import { sql } from '../../electron/core/db/sql.ts';
import { applyBundle } from '../../electron/core/import/index.ts';
import { duesSheet } from '../../electron/core/modules/dues/dues.ts';
import { getMeeting, listMeetings } from '../../electron/core/modules/life/meetings-read.ts';
import { listTalks } from '../../electron/core/modules/life/talks.ts';
import { getMember, listMembers } from '../../electron/core/modules/org/members-read.ts';
import { listUnits } from '../../electron/core/modules/org/units.ts';
import { listPlans } from '../../electron/core/modules/routine/plans.ts';
import { collectBundle } from '../../electron/core/package/collect.ts';
import type { LedgerService } from '../../electron/core/service.ts';
import { openTestService, setupBranch, tempLedgerDir } from '../helpers/ledger.ts';
import { type DemoBook, demoLedger, RARE_NAMES } from '../render/docx-helpers.ts';

/**
 * Import of our own workbooks (issue #7): an export imported into an empty ledger reproduces its
 * records field by field; a second import changes nothing; an edited file is reported as edited
 * and its row updated; a template filled in by openpyxl imports with the right counts; a bad row
 * refuses the whole file and changes nothing; formulas count for their value.
 */

const YEAR = 2026;
const AS_OF = '2026-11-23';
let demo: DemoBook;
let dir: string;
let exported: string;

function python(script: string, ...args: string[]): string {
  return execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8' });
}

/** Copies the export, changes it with openpyxl (`edit` is Python acting on `wb`), saves it. */
function editWithOpenpyxl(name: string, edit: string, source = exported): string {
  const target = join(dir, name);
  python(
    `\nimport sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\n${edit}\nwb.save(sys.argv[2])\n`,
    source,
    target,
  );
  return target;
}

function importFile(
  service: LedgerService,
  file: string,
  options: { branchId?: number; dryRun?: boolean; skipInvalid?: boolean } = {},
): Promise<ImportReport> {
  return service.call('import.workbook', {
    fileName: file.split('/').pop() ?? file,
    dataBase64: readFileSync(file).toString('base64'),
    ...options,
  });
}

function fresh(prefix: string): { service: LedgerService; cleanup: () => void } {
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

function branchOf(service: LedgerService, name: string): number {
  const branch = listUnits(service.ledger).find((u) => u.kind === '党支部' && u.name === name);
  if (!branch) throw new Error(`no branch ${name}`);
  return branch.id;
}

function total(report: ImportReport, key: 'added' | 'updated' | 'unchanged' | 'refused'): number {
  return report.sheets.reduce((s, c) => s + c[key], 0);
}

function auditCount(service: LedgerService, action: string): number {
  return (
    service.ledger.db.get<{ n: number }>('t.audit', sql`SELECT COUNT(*) AS n FROM audit_log WHERE action = ${action}`)
      ?.n ?? 0
  );
}

/**
 * Everything the workbook carries about a branch-year, in a comparable shape. The ledger workbook
 * lists the roster of the year's end, not each member's status history nor a 党小组会's group, so
 * attendance is compared for the people on that roster: who was away and why, per meeting. (The
 * counts 应到/实到 of the source include people who have left; the package carries those.)
 */
function snapshot(service: LedgerService, branchId: number, roster?: ReadonlySet<string>) {
  const ledger = service.ledger;
  const members = listMembers(ledger, { branchId, asOf: AS_OF }).map((m) => {
    const d = getMember(ledger, m.id);
    return {
      name: m.name,
      gender: m.gender,
      ethnicity: d.ethnicity ?? null,
      birthDate: m.birthDate,
      idNumber: d.idNumber ?? null,
      education: d.education ?? null,
      personCategory: d.personCategory ?? null,
      joinDate: m.joinDate,
      fullDate: m.fullDate ?? null,
      membership: m.membership,
      groupName: m.groupName ?? null,
      posts: [...m.posts].sort(),
      job: d.job ?? null,
      phone: d.phone ?? null,
      address: d.address ?? null,
      note: d.note ?? null,
    };
  });
  const meetings = listMeetings(ledger, { branchId, year: YEAR }).map((s) => {
    const m = getMeeting(ledger, s.id);
    return {
      heldOn: m.heldOn,
      kind: m.kind,
      alsoCountsAs: m.alsoCountsAs,
      title: m.title,
      host: m.host ?? null,
      studyHours: m.studyHours,
      away: m.attendance
        .filter((a) => (a.status === '请假' || a.status === '缺席') && (roster?.has(a.name) ?? true))
        .map((a) => `${a.name}:${a.status}:${a.reason ?? ''}`)
        .sort(),
      decisions: m.decisions.map((d) => d.text),
      backfilled: m.backfilled,
    };
  });
  const onRoster = (name: string) => roster?.has(name) ?? true;
  const talks = listTalks(ledger, branchId, YEAR)
    .filter((t) => onRoster(t.talkerName) && onRoster(t.talkeeName))
    .map((t) => ({
      heldOn: t.heldOn,
      talker: t.talkerName,
      talkee: t.talkeeName,
      type: t.type,
      mode: t.mode,
      place: t.place ?? null,
      content: t.content,
      followUp: t.followUp ?? null,
    }));
  const dues = duesSheet(ledger, branchId, YEAR)
    .members.filter((m) => onRoster(m.name))
    .map((m) => ({
      name: m.name,
      category: m.profile?.category ?? null,
      base: m.profile?.base ?? null,
      monthlyDue: m.profile?.monthlyDue ?? null,
      months: m.months,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  const plans = listPlans(ledger, branchId, YEAR)
    .sort((a, b) => (a.month ?? 0) - (b.month ?? 0))
    .flatMap((p) =>
      p.items.map((i) => ({
        period: `${p.year}-${p.month ?? 0}`,
        text: i.text,
        owner: i.owner ?? null,
        dueDate: i.dueDate ?? null,
        status: i.status,
        doneOn: i.doneOn ?? null,
        feedback: i.feedback ?? null,
      })),
    );
  return { members, meetings, talks, dues, plans };
}

beforeAll(async () => {
  demo = await demoLedger('import-', 1);
  dir = mkdtempSync(join(tmpdir(), 'import-files-'));
  const workbook = await demo.service.call('workbook.export', {
    branchId: demo.branchId,
    year: YEAR,
    includeFullIdNumbers: true,
  });
  exported = join(dir, 'exported.xlsx');
  writeFileSync(exported, Buffer.from(workbook.dataBase64, 'base64'));
}, 180_000);

afterAll(() => {
  demo?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('importing an exported workbook into an empty ledger', () => {
  it('reproduces every record field by field, rare characters included, and a second import changes nothing', async () => {
    const target = fresh('import-target-');
    try {
      const preview = await importFile(target.service, exported, { dryRun: true });
      expect(preview.committed).toBe(false);
      expect(preview.integrity.status).toBe('intact');
      expect(listUnits(target.service.ledger)).toHaveLength(0);

      const report = await importFile(target.service, exported);
      expect(report.refusals).toEqual([]);
      expect(report.committed).toBe(true);
      expect(report.kind).toBe('ledger-workbook');
      // The dry run said exactly what the import did.
      expect(report.sheets).toEqual(preview.sheets);

      // The roster lists who is on the roll and, after them, who left during the year (转出 …) with that status and date.
      const leftInYear = (service: LedgerService, branchId: number) =>
        listMembers(service.ledger, { branchId, asOf: AS_OF, includeOffRoll: true })
          .filter((m) => !ON_ROLL_STATUSES.includes(m.status) && m.statusSince >= `${YEAR}-01-01`)
          .map((m) => `${m.name}:${m.status}:${m.statusSince}`)
          .sort();
      const roster = new Set([
        ...listMembers(demo.service.ledger, { branchId: demo.branchId, asOf: AS_OF }).map((m) => m.name),
        ...leftInYear(demo.service, demo.branchId).map((m) => m.split(':')[0] ?? ''),
      ]);
      expect(leftInYear(demo.service, demo.branchId).length).toBeGreaterThan(0);
      expect(leftInYear(target.service, branchOf(target.service, '机关第一党支部'))).toEqual(
        leftInYear(demo.service, demo.branchId),
      );
      const source = snapshot(demo.service, demo.branchId, roster);
      const copy = snapshot(target.service, branchOf(target.service, '机关第一党支部'), roster);
      expect(source.members.length).toBeGreaterThan(40);
      for (const name of RARE_NAMES) expect(copy.members.map((m) => m.name)).toContain(name);
      expect(copy.members).toEqual(source.members);
      expect(source.meetings.length).toBeGreaterThan(10);
      expect(copy.meetings).toEqual(source.meetings);
      expect(source.talks.length).toBeGreaterThan(0);
      expect(copy.talks).toEqual(source.talks);
      expect(copy.dues).toEqual(source.dues);
      // Talks and dues of people who left before the year began are skipped, each with a notice; those of
      // people who left during the year are imported with them.
      const leftTalks = listTalks(demo.service.ledger, demo.branchId, YEAR).length - source.talks.length;
      const leftDues = duesSheet(demo.service.ledger, demo.branchId, YEAR).members.length - source.dues.length;
      const skippedRows = new Set(report.rows.filter((r) => r.outcome === 'skipped').map((r) => `${r.sheet}:${r.row}`));
      expect(skippedRows.size).toBe(leftTalks + leftDues);
      expect(report.notices.filter((n) => n.message.includes('已不在本支部花名册中')).length).toBe(skippedRows.size);
      expect(source.plans.length).toBeGreaterThan(0);
      expect(copy.plans).toEqual(source.plans);
      expect(auditCount(target.service, 'import.workbook')).toBe(1);
      // A backup before the import (none for the dry run, none for a file that changes nothing).
      const backups = () => target.service.call('backup.list', {});
      expect((await backups()).filter((b) => b.reason === 'pre-import')).toHaveLength(1);

      const again = await importFile(target.service, exported);
      expect(total(again, 'added')).toBe(0);
      expect(total(again, 'updated')).toBe(0);
      expect(total(again, 'unchanged')).toBe(
        total(report, 'added') - (report.sheets.find((s) => s.sheet === '组织')?.added ?? 0),
      );
      expect(again.committed).toBe(false);
      expect(auditCount(target.service, 'import.workbook')).toBe(1);
      expect((await backups()).filter((b) => b.reason === 'pre-import')).toHaveLength(1);
      expect(snapshot(target.service, branchOf(target.service, '机关第一党支部'), roster)).toEqual(copy);
    } finally {
      target.cleanup();
    }
  }, 120_000);
});

describe('importing into the ledger it came from', () => {
  it('finds every record unchanged, and an openpyxl edit is reported as edited, naming the sheet, and updates that row', async () => {
    const same = await importFile(demo.service, exported, { dryRun: true });
    expect(same.refusals).toEqual([]);
    expect(same.rows.filter((r) => r.outcome === 'added' || r.outcome === 'updated')).toEqual([]);
    expect(total(same, 'unchanged')).toBeGreaterThan(100);

    const member = listMembers(demo.service.ledger, { branchId: demo.branchId, asOf: AS_OF })[0];
    if (!member) throw new Error('no member');
    const edited = editWithOpenpyxl(
      'edited.xlsx',
      `
ws = wb['党员花名册']
cols = {c.value: c.column for c in ws[2]}
for row in ws.iter_rows(min_row=3):
    if row[1].value == ${JSON.stringify(member.name)}:
        row[cols['联系电话'] - 1].value = '13912345678'
        break
`,
    );
    const before = auditCount(demo.service, 'import.workbook');
    const report = await importFile(demo.service, edited);
    expect(report.integrity.status).toBe('edited');
    expect(report.integrity.editedSheets).toEqual(['党员花名册']);
    expect(report.integrity.message).toContain('党员花名册');
    const updated = report.rows.filter((r) => r.outcome === 'updated');
    expect(updated).toEqual([
      {
        sheet: '党员花名册',
        row: expect.any(Number),
        label: `党员 ${member.name}`,
        outcome: 'updated',
        fields: ['联系电话'],
      },
    ]);
    expect(getMember(demo.service.ledger, member.id).phone).toBe('13912345678');
    expect(auditCount(demo.service, 'import.workbook')).toBe(before + 1);

    // The file as exported puts the number back (and leaves the demo as the other tests expect it).
    const back = await importFile(demo.service, exported);
    expect(back.rows.filter((r) => r.outcome === 'updated').map((r) => r.fields)).toEqual([['联系电话']]);
    expect(getMember(demo.service.ledger, member.id).phone).toBe(member.phone);
  }, 60_000);
});

const HAS_SOFFICE = spawnSync('sh', ['-c', 'command -v soffice']).status === 0;

describe.skipIf(!HAS_SOFFICE)('a workbook re-saved by LibreOffice Calc', () => {
  it('imports with every record unchanged: shared strings, styles and date serials rewritten change nothing', async () => {
    const home = mkdtempSync(join(tmpdir(), 'soffice-home-'));
    const outDir = join(dir, 'libreoffice');
    try {
      mkdirSync(outDir, { recursive: true });
      spawnSync('soffice', ['--headless', '--convert-to', 'xlsx', '--outdir', outDir, exported], {
        env: { ...process.env, HOME: home },
        timeout: 120_000,
        stdio: 'ignore',
      });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    const resaved = join(outDir, 'exported.xlsx');
    expect(existsSync(resaved)).toBe(true);
    const report = await importFile(demo.service, resaved, { dryRun: true });
    expect(report.refusals).toEqual([]);
    expect(report.rows.filter((r) => r.outcome === 'added' || r.outcome === 'updated')).toEqual([]);
    expect(total(report, 'unchanged')).toBeGreaterThan(100);
  }, 180_000);
});

describe('a template filled in by another program (openpyxl)', () => {
  async function filledTemplate(service: LedgerService, branchId: number, variant: string): Promise<string> {
    const template = await service.call('workbook.template', { branchId });
    const blank = join(dir, `blank-${variant}.xlsx`);
    writeFileSync(blank, Buffer.from(template.dataBase64, 'base64'));
    const out = join(dir, `filled-${variant}.xlsx`);
    execFileSync('/usr/bin/python3', ['test/fixtures/workbooks/fill_template.py', blank, out, variant]);
    return out;
  }

  it('imports with the right report: unsigned, every sheet counted, dates in any form, formulas for their value', async () => {
    const target = fresh('import-filled-');
    try {
      const { branchId } = await setupBranch(target.service);
      const file = await filledTemplate(target.service, branchId, 'good');
      const report = await importFile(target.service, file);
      expect(report.refusals).toEqual([]);
      expect(report.kind).toBe('fill-in-template');
      expect(report.integrity.status).toBe('unsigned');
      expect(report.branch).toEqual({ id: branchId, name: '第一党支部' });
      expect(report.sheets).toEqual([
        { sheet: '党员花名册', added: 3, updated: 0, unchanged: 0, skipped: 0, refused: 0 },
        { sheet: '组织生活', added: 2, updated: 0, unchanged: 0, skipped: 0, refused: 0 },
        { sheet: '党费收缴', added: 2, updated: 0, unchanged: 0, skipped: 0, refused: 0 },
      ]);
      const members = listMembers(target.service.ledger, { branchId, asOf: AS_OF });
      const chen = members.find((m) => m.name === '陈镕喆');
      expect(chen && getMember(target.service.ledger, chen.id)).toMatchObject({
        birthDate: '1985-06-15',
        idNumber: '110101198506150019',
        joinDate: '2010-07-01',
        job: '工程师',
      });
      expect(members.find((m) => m.name === '林𠮷')?.joinDate).toBe('2015-07-01');
      expect(members.map((m) => m.name)).toContain('周堃');
      const meetings = listMeetings(target.service.ledger, { branchId, year: YEAR }).map((s) =>
        getMeeting(target.service.ledger, s.id),
      );
      const congress = meetings.find((m) => m.kind === '党员大会');
      // The 学时 cell holds =1+1: its cached value counts, the formula is never kept.
      expect(congress?.studyHours).toBe(2);
      expect(congress?.attendance.map((a) => `${a.name}:${a.status}:${a.reason ?? ''}`).sort()).toEqual(
        ['周堃:出席:', '林𠮷:请假:出差', '陈镕喆:出席:'].sort(),
      );
      const day = meetings.find((m) => m.kind === '主题党日');
      expect(day?.heldOn).toBe('2026-04-08');
      // Not listed in 出席登记: absent, as on the form.
      expect(day?.attendance.find((a) => a.name === '林𠮷')?.status).toBe('缺席');
      const dues = duesSheet(target.service.ledger, branchId, YEAR).members.find((m) => m.name === '陈镕喆');
      expect(dues?.months.slice(0, 3)).toEqual([80, 80, null]);
      expect(dues?.profile?.base).toBe(8000);

      const again = await importFile(target.service, file);
      expect(again.sheets.map((s) => [s.sheet, s.added, s.updated, s.unchanged])).toEqual([
        ['党员花名册', 0, 0, 3],
        ['组织生活', 0, 0, 2],
        ['党费收缴', 0, 0, 2],
      ]);
      expect(auditCount(target.service, 'import.workbook')).toBe(1);
    } finally {
      target.cleanup();
    }
  }, 60_000);

  it.each([
    ['bad-date', '党员花名册', 'I', '入党时间'],
    ['stranger', '出席登记', 'D', '姓名'],
  ])(
    'refuses the whole file for a %s row, naming sheet, row and column, and changes nothing',
    async (variant, sheet, column, field) => {
      const target = fresh(`import-${variant}-`);
      try {
        const { branchId } = await setupBranch(target.service);
        const file = await filledTemplate(target.service, branchId, variant);
        const auditBefore = auditCount(target.service, 'import.workbook');
        const report = await importFile(target.service, file);
        expect(report.refusedFile).toBe(true);
        expect(report.committed).toBe(false);
        expect(report.message).toContain('整个文件未导入');
        // The bad cell is named first; rows that depended on it (an absent member's attendance) follow.
        expect(report.refusals[0]).toMatchObject({ sheet, column, field, row: expect.any(Number) });
        expect(report.refusals[0]?.row).toBeGreaterThan(3);
        expect(listMembers(target.service.ledger, { branchId, asOf: AS_OF })).toHaveLength(0);
        expect(listMeetings(target.service.ledger, { branchId, year: YEAR })).toHaveLength(0);
        expect(auditCount(target.service, 'import.workbook')).toBe(auditBefore);

        // With skipInvalid the valid rows go in and the refused one is reported.
        const partial = await importFile(target.service, file, { skipInvalid: true });
        expect(partial.committed).toBe(true);
        expect(partial.refusals).toEqual(report.refusals);
        expect(listMembers(target.service.ledger, { branchId, asOf: AS_OF }).length).toBeGreaterThan(1);
      } finally {
        target.cleanup();
      }
    },
    60_000,
  );
});

describe('files that are not ours', () => {
  it('refuses a workbook that is neither an export nor a template with a clear message', async () => {
    const target = fresh('import-foreign-');
    try {
      const foreign = join(dir, 'foreign.xlsx');
      python(
        `\nimport sys, openpyxl\nwb = openpyxl.Workbook()\nwb.active.title = '工资表'\nwb.active.append(['姓名', '金额'])\nwb.save(sys.argv[1])\n`,
        foreign,
      );
      await expect(importFile(target.service, foreign)).rejects.toThrow(/不是本程序导出的台账工作簿或填报模板/);
      await expect(
        target.service.call('import.workbook', {
          fileName: 'x.xlsx',
          dataBase64: Buffer.from('hello').toString('base64'),
        }),
      ).rejects.toThrow(/无法导入“x.xlsx”/);
    } finally {
      target.cleanup();
    }
  });
});

describe('a full bundle from another ledger (as a package carries it)', () => {
  it('writes 发展党员, 换届选举, 书记项目, 积分 and 考核 with their lists, remembers their origin, and a second apply changes nothing', async () => {
    const bundle = collectBundle(demo.service.ledger, {
      branchIds: [demo.branchId],
      year: YEAR,
      exportedAt: '2026-11-23',
    });
    expect(bundle.development.length).toBeGreaterThan(0);
    const target = fresh('import-bundle-');
    try {
      const count = (table: string) =>
        target.service.ledger.db.get<{ n: number }>('t.count', sql`SELECT COUNT(*) AS n FROM ${sql.raw(table)}`)?.n ??
        0;
      const report = applyBundle(target.service.ledger, bundle, { fileName: 'bundle.zip' });
      expect(report.refusals).toEqual([]);
      expect(report.committed).toBe(true);
      expect(count('dev_person')).toBe(bundle.development.length);
      expect(count('dev_step')).toBe(bundle.development.reduce((s, p) => s + p.steps.length, 0));
      expect(count('election')).toBe(bundle.elections.length);
      expect(count('election_person')).toBe(bundle.elections.reduce((s, e) => s + e.persons.length, 0));
      expect(count('secretary_project')).toBe(bundle.projects.length);
      expect(count('project_item')).toBe(bundle.projects.reduce((s, p) => s + p.items.length, 0));
      expect(count('points_event')).toBe(bundle.points.length);
      expect(count('assessment')).toBe(bundle.assessments.length);
      expect(count('member_status')).toBe(bundle.members.reduce((s, m) => s + (m.statuses?.length ?? 0), 0));
      expect(count('import_origin')).toBeGreaterThan(bundle.members.length);

      const again = applyBundle(target.service.ledger, bundle, { fileName: 'bundle.zip' });
      expect(again.rows.filter((r) => r.outcome !== 'unchanged')).toEqual([]);
      expect(again.committed).toBe(false);
    } finally {
      target.cleanup();
    }
  }, 60_000);
});
