// A clerk's machine in China (UTC+8) is where a date written as local midnight shows the day before.
process.env.TZ = 'Asia/Shanghai';

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExportXlsx } from '../../electron/cli/workbook.ts';
import { recentAudit } from '../../electron/core/db/audit.ts';
import { MANIFEST_SHEET, manifestFromChunks } from '../../electron/core/export/manifest.ts';
import { workbookHandlers } from '../../electron/core/handlers/workbook.ts';
import { inflateEntry, readCentralDirectory } from '../../electron/core/modules/org/import/zip-scan.ts';
import { type DemoBook, demoLedger, RARE_NAMES } from '../render/docx-helpers.ts';

/**
 * The ledger workbook written to disk and read back by two independent readers — exceljs and
 * Python's openpyxl — asserting what a clerk and an auditor see: sheets, titles, headers, print
 * setup, text-typed ID numbers (masked), real dates on the right day, rare characters byte for byte,
 * user text that looks like a formula kept as text, and the manifest out of sight.
 */

const OUT = resolve('test-output/xlsx');
const FORMULA_NOTE = '=HYPERLINK("http://evil.invalid","点我")';
const SHEETS = [
  '说明',
  '党员花名册',
  '组织生活',
  '谈心谈话',
  '学习学时',
  '党费收缴',
  '计划与督办',
  '发展党员',
  '换届选举',
  '书记项目',
  '示范岗与积分',
  '考核评分',
];
const ROSTER_HEADERS = [
  '序号',
  '姓名',
  '性别',
  '民族',
  '出生日期',
  '公民身份号码',
  '学历',
  '人员类别',
  '入党时间',
  '转正时间',
  '党员类别',
  '状态',
  '状态起始日期',
  '所在党小组',
  '党内职务',
  '工作岗位',
  '联系电话',
  '家庭住址',
  '备注',
  '记录编号（勿改）',
];

let demo: DemoBook;
let file: string;
let bytes: Buffer;
let fingerprint: string;
let book: ExcelJS.Workbook;
let temp: string;

/** Runs a Python script with openpyxl (an independent reader) and returns its JSON output. */
function python<T>(script: string, ...args: string[]): T {
  const out = execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out) as T;
}

function column(sheet: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  sheet.getRow(2).eachCell((cell, col) => {
    if (cell.value === header) found = col;
  });
  if (!found) throw new Error(`no column ${header}`);
  return found;
}

function rowOf(sheet: ExcelJS.Worksheet, name: string): ExcelJS.Row {
  const nameCol = column(sheet, '姓名');
  for (let r = 3; r <= sheet.rowCount; r += 1)
    if (sheet.getRow(r).getCell(nameCol).value === name) return sheet.getRow(r);
  throw new Error(`no row for ${name}`);
}

beforeAll(async () => {
  demo = await demoLedger('xlsx-export-', 1);
  await demo.service.call('member.create', {
    name: '钱公式',
    gender: '女',
    birthDate: '1990-02-03',
    joinDate: '2015-07-01',
    fullDate: '2016-07-01',
    branchId: demo.branchId,
    since: '2026-01-05',
    note: FORMULA_NOTE,
    job: '-2+3',
    address: '@SUM(A1:A2)',
    phone: '+8613800000000',
  });
  const exported = await workbookHandlers(() => demo.service.ledger)['workbook.export']({
    branchId: demo.branchId,
    year: 2026,
  });
  fingerprint = exported.fingerprint;
  bytes = Buffer.from(exported.dataBase64, 'base64');
  mkdirSync(OUT, { recursive: true });
  file = join(OUT, 'ledger-workbook.xlsx');
  writeFileSync(file, bytes);
  book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(bytes).buffer);
  temp = mkdtempSync(join(tmpdir(), 'xlsx-export-'));
}, 180_000);

afterAll(() => {
  demo?.cleanup();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('the ledger workbook read back by exceljs', () => {
  it('has the cover and one sheet per ledger, in order, and the manifest very hidden', () => {
    expect(book.worksheets.map((w) => w.name)).toEqual([...SHEETS, MANIFEST_SHEET]);
    expect(book.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(SHEETS);
    expect(book.getWorksheet(MANIFEST_SHEET)?.state).toBe('veryHidden');
  });

  it('prints each sheet on A4, one page wide, header rows repeated, page numbers in the footer', () => {
    for (const name of SHEETS.slice(1)) {
      const sheet = book.getWorksheet(name);
      if (!sheet) throw new Error(name);
      expect(sheet.pageSetup.paperSize, name).toBe(9);
      expect(sheet.pageSetup.fitToPage, name).toBe(true);
      expect(sheet.pageSetup.fitToWidth, name).toBe(1);
      expect(sheet.pageSetup.fitToHeight, name).toBe(0);
      expect(sheet.pageSetup.printTitlesRow, name).toBe('1:2');
      expect(sheet.headerFooter.oddFooter, name).toBe('&C第 &P 页 共 &N 页');
      expect(sheet.views[0], name).toMatchObject({ state: 'frozen', ySplit: 2 });
    }
    expect(book.getWorksheet('党员花名册')?.pageSetup.orientation).toBe('landscape');
    expect(book.getWorksheet('学习学时')?.pageSetup.orientation).toBe('portrait');
  });

  it('titles the roster in 黑体 16 across the table, headers in bold 黑体 with a fill, body in 仿宋', () => {
    const sheet = book.getWorksheet('党员花名册');
    if (!sheet) throw new Error('no roster');
    const title = sheet.getCell('A1');
    expect(title.value).toBe('机关第一党支部党员花名册（2026年度）');
    expect(title.font).toMatchObject({ name: '黑体', size: 16 });
    expect(sheet.getCell('Q1').isMerged).toBe(true);
    expect(sheet.getRow(2).values).toEqual([undefined, ...ROSTER_HEADERS]);
    expect(sheet.getCell('B2').font).toMatchObject({ name: '黑体', size: 11, bold: true });
    expect(sheet.getCell('B2').fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(sheet.getCell('B3').font).toMatchObject({ name: '仿宋', size: 11 });
    expect(sheet.getColumn(ROSTER_HEADERS.length).hidden).toBe(true);
    const last = sheet.getRow(sheet.rowCount).getCell(1).value;
    expect(last).toMatch(/^填表人：\s+审核人：\s+日期：/);
  });

  it('writes ID numbers and phones as masked text, and dates as the calendar day they are', () => {
    const sheet = book.getWorksheet('党员花名册');
    if (!sheet) throw new Error('no roster');
    const idCol = column(sheet, '公民身份号码');
    const ids: unknown[] = [];
    for (let r = 3; r <= sheet.rowCount; r += 1) {
      const cell = sheet.getRow(r).getCell(idCol);
      if (
        cell.value !== null &&
        sheet.getRow(r).getCell(1).value !== null &&
        typeof sheet.getRow(r).getCell(1).value === 'number'
      ) {
        ids.push(cell.value);
        expect(cell.numFmt).toBe('@');
      }
    }
    expect(ids.length).toBeGreaterThan(40);
    for (const id of ids) expect(id).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    const qian = rowOf(sheet, '钱公式');
    expect(qian.getCell(column(sheet, '联系电话')).value).toBe('+8613800000000');
    expect(qian.getCell(column(sheet, '联系电话')).numFmt).toBe('@');
    // 王镕喆 was born on 1980-03-01 (see demoLedger): a real date, UTC midnight of that day.
    const birth = rowOf(sheet, RARE_NAMES[0]).getCell(column(sheet, '出生日期'));
    expect(birth.value).toBeInstanceOf(Date);
    expect((birth.value as Date).toISOString()).toBe('1980-03-01T00:00:00.000Z');
    expect(birth.numFmt).toBe('yyyy-mm-dd');
  });

  it('keeps names with characters outside GB2312 and the BMP byte for byte', () => {
    const sheet = book.getWorksheet('党员花名册');
    if (!sheet) throw new Error('no roster');
    for (const name of RARE_NAMES) {
      const cell = rowOf(sheet, name).getCell(column(sheet, '姓名'));
      expect(Buffer.from(String(cell.value), 'utf8').equals(Buffer.from(name, 'utf8'))).toBe(true);
    }
  });

  it('writes user text that starts with = + - @ as text, never as a formula', async () => {
    const sheet = book.getWorksheet('党员花名册');
    if (!sheet) throw new Error('no roster');
    const qian = rowOf(sheet, '钱公式');
    const cells = [
      [column(sheet, '备注'), FORMULA_NOTE],
      [column(sheet, '工作岗位'), '-2+3'],
      [column(sheet, '家庭住址'), '@SUM(A1:A2)'],
    ] as const;
    for (const [col, text] of cells) {
      expect(qian.getCell(col).type).toBe(ExcelJS.ValueType.String);
      expect(qian.getCell(col).value).toBe(text);
    }
    // No sheet of the file holds a formula element at all.
    const entries = readCentralDirectory(bytes);
    for (const entry of entries.filter((e) => /worksheets\/sheet\d+\.xml$/.test(e.name))) {
      expect((await inflateEntry(bytes, entry, true)).toString('utf8')).not.toMatch(/<f[ >]/);
    }
  });

  it('prints the key fingerprint on the cover and signs a manifest naming every sheet and record', () => {
    const cover = book.getWorksheet('说明');
    if (!cover) throw new Error('no cover');
    const lines = new Map<string, unknown>();
    cover.eachRow((row) => lines.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(lines.get('签名公钥指纹')).toBe(fingerprint);
    expect(fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(lines.get('公民身份号码')).toMatch(/^已遮盖/);
    const manifestSheet = book.getWorksheet(MANIFEST_SHEET);
    if (!manifestSheet) throw new Error('no manifest');
    const count = Number(manifestSheet.getCell('B1').value);
    const chunks = Array.from({ length: count }, (_, i) => String(manifestSheet.getCell(`A${i + 2}`).value));
    const parsed = manifestFromChunks(chunks);
    if (!parsed.ok || parsed.manifest.kind !== 'ledger-workbook') throw new Error('manifest unreadable');
    const manifest = parsed.manifest;
    expect(manifest.sheets.map((s) => s.name)).toEqual(SHEETS);
    expect(manifest.year).toBe(2026);
    expect(manifest.pack).toEqual({ id: 'branch-ledger.default', version: '2026.1' });
    expect(manifest.signer.fingerprint).toBe(fingerprint);
    const roster = manifest.sheets.find((s) => s.key === 'roster');
    expect(roster?.rowIds.length).toBeGreaterThan(50);
    expect(roster?.rowIds.every((id) => /^member:\d+$/.test(id))).toBe(true);
    expect(manifest.sheets.find((s) => s.key === 'meetings')?.rowIds[0]).toMatch(/^meeting:\d+$/);
  });
});

interface OpenpyxlView {
  sheets: Array<[string, string]>;
  title: string;
  headers: string[];
  printTitles: string;
  paperSize: string;
  orientation: string;
  fit: [number, number, boolean];
  footer: string;
  rare: string[];
  birth: string;
  birthType: string;
  idTypes: string[];
  note: [string, string];
}

describe('the ledger workbook read back by openpyxl', () => {
  it('agrees on sheets, titles, print setup, text IDs, dates, rare names and formula-like text', () => {
    const view = python<OpenpyxlView>(
      `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['党员花名册']
headers = [c.value for c in ws[2]]
col = {h: i + 1 for i, h in enumerate(headers)}
rows = {ws.cell(r, col['姓名']).value: r for r in range(3, ws.max_row + 1)}
names = json.loads(sys.argv[2])
birth = ws.cell(rows[names[0]], col['出生日期'])
ids = [ws.cell(r, col['公民身份号码']).data_type for r in range(3, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int) and ws.cell(r, col['公民身份号码']).value is not None]
note = ws.cell(rows['钱公式'], col['备注'])
ps = ws.page_setup
print(json.dumps({
  'sheets': [[s.title, s.sheet_state] for s in wb.worksheets],
  'title': ws['A1'].value, 'headers': headers, 'printTitles': ws.print_title_rows,
  'paperSize': str(ps.paperSize), 'orientation': ps.orientation,
  'fit': [ps.fitToWidth, ps.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage],
  'footer': ws.oddFooter.center.text,
  'rare': [ws.cell(rows[n], col['姓名']).value for n in names],
  'birth': birth.value.isoformat(), 'birthType': birth.data_type,
  'idTypes': sorted(set(ids)), 'note': [note.value, note.data_type],
}, ensure_ascii=False))
`,
      file,
      JSON.stringify(RARE_NAMES),
    );
    expect(view.sheets).toEqual([...SHEETS.map((s) => [s, 'visible']), [MANIFEST_SHEET, 'veryHidden']]);
    expect(view.title).toBe('机关第一党支部党员花名册（2026年度）');
    expect(view.headers).toEqual(ROSTER_HEADERS);
    expect(view.printTitles).toBe('$1:$2');
    expect(view.paperSize).toBe('9');
    expect(view.orientation).toBe('landscape');
    expect(view.fit).toEqual([1, 0, true]);
    expect(view.footer).toBe('第 &P 页 共 &N 页');
    expect(view.rare).toEqual([...RARE_NAMES]);
    expect(view.birth).toBe('1980-03-01T00:00:00');
    expect(view.birthType).toBe('d');
    expect(view.idTypes).toEqual(['s']);
    expect(view.note).toEqual([FORMULA_NOTE, 's']);
  });
});

describe('exporting in full, the key and the CLI', () => {
  it('writes full ID numbers only when asked, says so in the manifest and the audit log', async () => {
    const full = await workbookHandlers(() => demo.service.ledger)['workbook.export']({
      branchId: demo.branchId,
      year: 2026,
      includeFullIdNumbers: true,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(Buffer.from(full.dataBase64, 'base64')).buffer);
    const sheet = workbook.getWorksheet('党员花名册');
    if (!sheet) throw new Error('no roster');
    const idCol = column(sheet, '公民身份号码');
    const first = sheet.getRow(3).getCell(idCol).value;
    expect(first).toMatch(/^\d{17}[\dX]$/);
    const audit = recentAudit(demo.service.ledger.db, 10).filter((e) => e.action === 'workbook.export');
    expect(audit[0]?.summary).toContain('公民身份号码完整');
    expect(audit.some((e) => e.summary.includes('公民身份号码已遮盖'))).toBe(true);
    // One key per ledger: the second export signs with the same one.
    expect(full.fingerprint).toBe(fingerprint);
  });

  it('keeps the key in the ledger and made it in one audited step', async () => {
    const info = await workbookHandlers(() => demo.service.ledger)['workbook.signingKey']({});
    expect(info.fingerprint).toBe(fingerprint);
    const created = recentAudit(demo.service.ledger.db, 50).filter((e) => e.action === 'signing.createKey');
    expect(created).toHaveLength(1);
    expect(created[0]?.summary).toContain(fingerprint);
  });

  it('exports every branch into a folder from the command line', async () => {
    const messages: string[] = [];
    const io = { out: (t: string) => messages.push(t), err: (t: string) => messages.push(t) };
    const code = await runExportXlsx(demo.service.ledger, { all: true, year: 2026, out: temp }, io);
    expect(code).toBe(0);
    expect(readdirSync(temp)).toEqual(['机关第一党支部2026年度工作台账.xlsx']);
    expect(readFileSync(join(temp, '机关第一党支部2026年度工作台账.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(messages.join('\n')).toContain(fingerprint);
    expect(await runExportXlsx(demo.service.ledger, { year: 2026, out: temp }, io)).toBe(2);
  });
});
