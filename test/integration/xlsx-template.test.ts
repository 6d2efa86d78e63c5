import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTemplate } from '../../electron/cli/workbook.ts';
import { workbookHandlers } from '../../electron/core/handlers/workbook.ts';
import { inflateEntry, readCentralDirectory } from '../../electron/core/modules/org/import/zip-scan.ts';
import type { LedgerService } from '../../electron/core/service.ts';
import { openTestService, setupBranch, tempLedgerDir } from '../helpers/ledger.ts';

/**
 * The blank fill-in workbook: the sheets a branch fills in Excel/WPS, drop-downs from a hidden list
 * sheet (one validation per column range), a note on every header, an example row — and a roster
 * filled in by another program (openpyxl) imports as it is with the existing roster importer.
 */

const OUT = resolve('test-output/xlsx');

let temp: ReturnType<typeof tempLedgerDir>;
let service: LedgerService;
let branchId: number;
let file: string;
let xml: Map<string, string>;

function python<T>(script: string, ...args: string[]): T {
  const out = execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8' });
  return JSON.parse(out) as T;
}

beforeAll(async () => {
  temp = tempLedgerDir('xlsx-template-');
  service = openTestService(temp.dbPath);
  ({ branchId } = await setupBranch(service));
  const template = await workbookHandlers(() => service.ledger)['workbook.template']({ branchId });
  const bytes = Buffer.from(template.dataBase64, 'base64');
  mkdirSync(OUT, { recursive: true });
  file = join(OUT, 'fill-in-template.xlsx');
  writeFileSync(file, bytes);
  xml = new Map();
  for (const entry of readCentralDirectory(bytes)) {
    if (entry.name.endsWith('.xml'))
      xml.set(entry.name.replace(/^\//, ''), (await inflateEntry(bytes, entry, true)).toString('utf8'));
  }
}, 120_000);

afterAll(() => {
  service?.close();
  temp?.cleanup();
});

interface TemplateView {
  sheets: Array<[string, string]>;
  title: string;
  example: unknown[];
  headers: string[];
  notes: Array<string | null>;
  lists: Record<string, string[]>;
  frozen: string;
  idFormat: string;
  dataPrompts: Array<string | null>;
  comments: number;
}

describe('the fill-in template', () => {
  it('has the roster first, the other sheets, the instructions, and the lists and manifest very hidden', () => {
    const view = python<TemplateView>(
      `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['党员花名册']
lists = wb['_lists']
columns = {}
for col in lists.iter_cols(values_only=True):
    columns[col[0]] = [v for v in col[1:] if v is not None]
print(json.dumps({
  'sheets': [[s.title, s.sheet_state] for s in wb.worksheets],
  'title': ws['A1'].value,
  'example': [c.value if not hasattr(c.value, 'isoformat') else c.value.isoformat() for c in ws[2]],
  'headers': [c.value for c in ws[3]],
  'notes': [next((dv.prompt for dv in ws.data_validations.dataValidation if c.coordinate in dv.sqref), None) for c in ws[3]],
  'dataPrompts': [next((dv.prompt for dv in ws.data_validations.dataValidation if ws.cell(100, c.column).coordinate in dv.sqref), None) for c in ws[3]],
  'comments': sum(1 for row in ws.iter_rows() for c in row if c.comment),
  'lists': columns,
  'frozen': ws.freeze_panes,
  'idFormat': ws.column_dimensions['F'].number_format,
}, ensure_ascii=False))
`,
      file,
    );
    expect(view.sheets).toEqual([
      ['党员花名册', 'visible'],
      ['组织生活', 'visible'],
      ['出席登记', 'visible'],
      ['党费收缴', 'visible'],
      ['填表说明', 'visible'],
      ['_lists', 'veryHidden'],
      ['_manifest', 'veryHidden'],
    ]);
    expect(view.title).toBe('第一党支部党员花名册（填报模板）');
    expect(view.example[0]).toBe('示例（导入时跳过）');
    expect(view.example.slice(1, 5)).toEqual(['张三', '男', '汉族', '1990-05-12T00:00:00']);
    expect(view.headers.slice(0, 6)).toEqual(['序号', '姓名', '性别', '民族', '出生日期', '公民身份号码']);
    // Every header explains its column, and so does every cell a clerk types into (input messages).
    expect(view.notes.every((n) => typeof n === 'string' && n.length > 0)).toBe(true);
    expect(view.dataPrompts).toEqual(view.notes);
    expect(view.notes[5]).toContain('18 位');
    expect(view.comments).toBe(0);
    expect(view.lists.民族).toHaveLength(56);
    expect(view.lists.民族?.[0]).toBe('汉族');
    expect(view.lists.党小组).toEqual(['第一党小组', '第二党小组']);
    expect(view.lists.会议类型).toContain('支委会');
    expect(view.lists.出席情况).toEqual(['出席', '请假', '缺席', '列席']);
    expect(view.frozen).toBe('A4');
    // The ID column is text before anyone types in it: an 18-digit number would lose digits.
    expect(view.idFormat).toBe('@');
  });

  it('has one list validation per column range, pointing at the hidden sheet, none over 255 characters', () => {
    const roster = xml.get('xl/worksheets/sheet1.xml') ?? '';
    const rules = [
      ...roster.matchAll(/<dataValidation [^>]*sqref="([^"]+)"[^>]*>\s*<formula1>([^<]+)<\/formula1>/g),
    ].map((m) => [m[1], m[2]?.replace(/&apos;/g, "'")]);
    expect(rules).toEqual([
      ['C4:C503', "'_lists'!$A$2:$A$3"],
      ['D4:D503', "'_lists'!$B$2:$B$57"],
      ['G4:G503', "'_lists'!$C$2:$C$7"],
      ['H4:H503', "'_lists'!$D$2:$D$9"],
      ['K4:K503', "'_lists'!$E$2:$E$3"],
    ]);
    const meetings = xml.get('xl/worksheets/sheet2.xml') ?? '';
    expect(meetings).toMatch(/sqref="C4:C503"><formula1>&apos;_lists&apos;!\$F\$2:\$F\$9<\/formula1>/);
    for (const formula of (xml.get('xl/worksheets/sheet1.xml') ?? '').matchAll(/<formula1>([^<]*)<\/formula1>/g)) {
      expect(formula[1]?.length ?? 0).toBeLessThan(255);
    }
  });

  it('imports a roster filled in by another program with the existing roster importer', async () => {
    const filled = join(temp.dir, 'filled.xlsx');
    execFileSync('/usr/bin/python3', [
      '-c',
      `
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['党员花名册']
rows = [
  [1, '林𠮷', '女', '汉族', datetime.datetime(1991, 4, 5), '110101199104050028', '大学本科', '专业技术人员', datetime.datetime(2016, 7, 1), datetime.datetime(2017, 7, 1), '第一党小组', '工程师', '13900000001', None, '=来自模板'],
  [2, '周镕', '男', '回族', datetime.datetime(1988, 11, 20), '110101198811200019', '研究生', '企业管理人员', datetime.datetime(2012, 6, 30), None, '第二党小组', '主任', '13900000002', '北京市东城区', None],
]
for r, values in enumerate(rows, start=4):
    for c, value in enumerate(values, start=1):
        cell = ws.cell(r, c)
        cell.value = value
        if isinstance(value, str) and value.startswith('='):
            cell.data_type = 's'
wb.save(sys.argv[2])
`,
      file,
      filled,
    ]);
    const preview = await service.call('member.importPreview', {
      branchId,
      fileName: 'filled.xlsx',
      dataBase64: readFileSync(filled).toString('base64'),
    });
    expect(preview.issues).toEqual([]);
    const report = await service.call('member.importCommit', {
      branchId,
      fileName: 'filled.xlsx',
      dataBase64: readFileSync(filled).toString('base64'),
    });
    expect(report.sheet).toBe('党员花名册');
    expect(report.headerRow).toBe(3);
    expect(report.issues).toEqual([]);
    expect(report.imported).toBe(2);
    const members = await service.call('member.list', { branchId });
    const lin = members.find((m) => m.name === '林𠮷');
    expect(lin).toMatchObject({
      gender: '女',
      birthDate: '1991-04-05',
      joinDate: '2016-07-01',
      groupName: '第一党小组',
    });
    const zhou = members.find((m) => m.name === '周镕');
    expect(zhou).toMatchObject({ ethnicity: '回族', membership: '预备党员', groupName: '第二党小组' });
    expect(members.some((m) => m.name === '张三')).toBe(false);
    const detail = await service.call('member.get', { id: lin?.id ?? 0 });
    expect(detail.note).toBe('=来自模板');
  });

  it('is written by branch-ledger template', async () => {
    const lines: string[] = [];
    const io = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) };
    const out = join(temp.dir, 'cli', '模板.xlsx');
    expect(await runTemplate(service.ledger, { out }, io)).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(lines.join('\n')).toContain('党员花名册、组织生活、出席登记、党费收缴');
  });
});
