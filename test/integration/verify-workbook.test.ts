import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../electron/api/workbook.ts';
import { runVerify } from '../../electron/cli/workbook.ts';
import {
  MANIFEST_MARKER,
  MANIFEST_SHEET,
  manifestFromChunks,
  manifestToChunks,
  signManifest,
} from '../../electron/core/export/manifest.ts';
import { canonicalCell, writtenValue, xlsxText } from '../../electron/core/export/xlsx/canonical.ts';
import { readWorkbook } from '../../electron/core/export/xlsx/read.ts';
import { verifyReadWorkbook } from '../../electron/core/export/xlsx/verify.ts';
import { workbookHandlers } from '../../electron/core/handlers/workbook.ts';
import { publicKeyFingerprint } from '../../electron/core/signing/keys.ts';
import { type DemoBook, demoLedger } from '../render/docx-helpers.ts';

/**
 * Tamper evidence (issue #7): a workbook is reported intact, edited (naming the sheets and rows),
 * bad-signature or unsigned — and a file re-saved by openpyxl or LibreOffice without changing a
 * value still verifies, because the hashes cover values, not XML.
 */

let demo: DemoBook;
let dir: string;
let exported: string;
let verify: (file: string) => Promise<VerifyReport>;

function python(script: string, ...args: string[]): string {
  return execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8' });
}

/** Copies the export, changes it with openpyxl (`edit` is Python acting on `wb`), saves it. */
function editWithOpenpyxl(name: string, edit: string): string {
  const target = join(dir, name);
  python(
    `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
${edit}
wb.save(sys.argv[2])
`,
    exported,
    target,
  );
  return target;
}

/** LibreOffice Calc, if installed (CI may have Writer only): re-saves `file` as .xlsx in `outDir`. */
function libreOfficeResave(file: string, outDir: string): string | null {
  if (spawnSync('sh', ['-c', 'command -v soffice']).status !== 0) return null;
  const home = mkdtempSync(join(tmpdir(), 'soffice-home-'));
  try {
    mkdirSync(outDir, { recursive: true });
    spawnSync('soffice', ['--headless', '--convert-to', 'xlsx', '--outdir', outDir, file], {
      env: { ...process.env, HOME: home },
      timeout: 120_000,
      stdio: 'ignore',
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  const out = join(outDir, file.split('/').pop() ?? '');
  return existsSync(out) ? out : null;
}

beforeAll(async () => {
  demo = await demoLedger('verify-', 1);
  // Text XML cannot carry as is (a bell, CR LF from a Windows paste) must still export as intact.
  await demo.service.call('member.create', {
    name: '孙回车',
    gender: '男',
    birthDate: '1986-08-09',
    joinDate: '2012-07-01',
    fullDate: '2013-07-01',
    branchId: demo.branchId,
    since: '2026-01-05',
    note: '第一行\r\n第二行\u0007',
  });
  dir = mkdtempSync(join(tmpdir(), 'verify-files-'));
  const handlers = workbookHandlers(() => demo.service.ledger);
  const workbook = await handlers['workbook.export']({ branchId: demo.branchId, year: 2026 });
  exported = join(dir, 'exported.xlsx');
  writeFileSync(exported, Buffer.from(workbook.dataBase64, 'base64'));
  verify = (file) =>
    handlers['workbook.verify']({
      fileName: file.split('/').pop() ?? file,
      dataBase64: readFileSync(file).toString('base64'),
    });
}, 180_000);

afterAll(() => {
  demo?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('verifying an exported workbook', () => {
  it('says intact for the file as exported, naming branch, year and key', async () => {
    const report = await verify(exported);
    expect(report.status).toBe('intact');
    expect(report.exported).toMatchObject({ branchName: '机关第一党支部', year: 2026, idNumbers: 'masked' });
    expect(report.signer?.matchesThisLedger).toBe(true);
    expect(report.sheets.every((s) => s.status === 'intact')).toBe(true);
    expect(report.message).toContain(report.signer?.fingerprint ?? '?');
  });

  it('still says intact after openpyxl re-saves it without changing a value', async () => {
    expect((await verify(editWithOpenpyxl('resaved-openpyxl.xlsx', 'pass'))).status).toBe('intact');
  });

  it('says edited when one cell changed, naming the sheet, the row and the record', async () => {
    const edited = editWithOpenpyxl(
      'one-cell.xlsx',
      `
ws = wb['党员花名册']
col = [c.value for c in ws[2]].index('工作岗位') + 1
ws.cell(5, col).value = '改过的岗位'
`,
    );
    const report = await verify(edited);
    expect(report.status).toBe('edited');
    const changed = report.sheets.filter((s) => s.status !== 'intact');
    expect(changed.map((s) => s.name)).toEqual(['党员花名册']);
    expect(changed[0]?.changes).toEqual([{ row: 5, id: expect.stringMatching(/^member:\d+$/), change: 'changed' }]);
    expect(report.message).toContain('“党员花名册”第 5 行被改动');
  });

  it('names deleted and added rows by record id, whatever rows moved', async () => {
    const edited = editWithOpenpyxl(
      'rows.xlsx',
      `
ws = wb['组织生活']
ws.delete_rows(4)
ws = wb['谈心谈话']
ws.insert_rows(5)
ws.cell(5, 1).value = 99
ws.cell(5, 3).value = '张三'
ws.cell(5, 8).value = '补写的谈话'
`,
    );
    const report = await verify(edited);
    expect(report.status).toBe('edited');
    const meetings = report.sheets.find((s) => s.name === '组织生活');
    expect(meetings?.changes).toEqual([{ row: null, id: expect.stringMatching(/^meeting:\d+$/), change: 'deleted' }]);
    const talks = report.sheets.find((s) => s.name === '谈心谈话');
    expect(talks?.changes).toEqual([{ row: 5, id: null, change: 'added' }]);
    expect(report.sheets.filter((s) => s.status !== 'intact').map((s) => s.name)).toEqual(['组织生活', '谈心谈话']);
  });

  it('says bad-signature when the manifest itself was altered', async () => {
    const tampered = editWithOpenpyxl(
      'manifest.xlsx',
      `
ws = wb['${MANIFEST_SHEET}']
for r in range(2, ws['B1'].value + 2):
    ws.cell(r, 1).value = ws.cell(r, 1).value.replace('"year":2026', '"year":2025')
`,
    );
    const report = await verify(tampered);
    expect(report.status).toBe('bad-signature');
    expect(report.problem).toBe('签名与清单内容不符');
    const broken = editWithOpenpyxl('manifest-cut.xlsx', `wb['${MANIFEST_SHEET}']['A2'].value = '{"format":'`);
    expect((await verify(broken)).status).toBe('bad-signature');
  });

  it('says bad-signature when a copy claiming to be this ledger is signed with another key', async () => {
    const read = await readWorkbook(readFileSync(exported), 'exported.xlsx');
    const sheet = read.sheets.find((s) => s.name === MANIFEST_SHEET);
    if (!sheet) throw new Error('no manifest');
    const count = Number(sheet.rows[0]?.cells[1]);
    const parsed = manifestFromChunks(sheet.rows.slice(1, count + 1).map((r) => String(r.cells[0])));
    if (!parsed.ok || parsed.manifest.kind !== 'ledger-workbook') throw new Error('manifest unreadable');
    const { signature: _s, signer: _k, contentHash: _c, ...body } = parsed.manifest;
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const forged = signManifest(body, {
      publicKey: spki,
      fingerprint: publicKeyFingerprint(spki),
      createdAt: '',
      privateKey,
    });
    const chunks = manifestToChunks(forged);
    sheet.rows = [
      { row: 1, cells: [MANIFEST_MARKER, chunks.length] },
      ...chunks.map((c, i) => ({ row: i + 2, cells: [c] })),
    ];
    const ours = (await verify(exported)).signer;
    if (!ours) throw new Error('no signer');
    const claimed = verifyReadWorkbook('forged.xlsx', read, {
      thisLedger: { ledgerId: parsed.manifest.ledgerId, publicKey: ours.publicKey },
    });
    expect(claimed.status).toBe('bad-signature');
    expect(claimed.problem).toContain('签名密钥不是本台账的');
    // Without a ledger to compare with, the file is consistent — under a fingerprint the auditor will not recognise.
    const elsewhere = verifyReadWorkbook('forged.xlsx', read);
    expect(elsewhere.status).toBe('intact');
    expect(elsewhere.signer?.fingerprint).not.toBe(ours.fingerprint);
  });

  it('says unsigned, and that the manifest was removed, when someone deleted the manifest sheet', async () => {
    const stripped = editWithOpenpyxl('no-manifest.xlsx', `del wb['${MANIFEST_SHEET}']`);
    const report = await verify(stripped);
    expect(report.status).toBe('unsigned');
    expect(report.message).toContain('签名清单已被删除');
  });

  it('says unsigned for a plain workbook and for the fill-in template', async () => {
    const plain = join(dir, 'plain.xlsx');
    python(
      `
import sys, openpyxl
wb = openpyxl.Workbook(); wb.active['A1'] = '姓名'; wb.active['A2'] = '张三'; wb.save(sys.argv[1])
`,
      plain,
    );
    expect((await verify(plain)).status).toBe('unsigned');
    const template = await workbookHandlers(() => demo.service.ledger)['workbook.template']({
      branchId: demo.branchId,
    });
    const templateFile = join(dir, template.fileName);
    writeFileSync(templateFile, Buffer.from(template.dataBase64, 'base64'));
    const report = await verify(templateFile);
    expect(report.status).toBe('unsigned');
    expect(report.message).toContain('填报模板');
  });

  it('still says intact after LibreOffice re-saves it', async (ctx) => {
    const resaved = libreOfficeResave(exported, join(dir, 'libreoffice'));
    if (!resaved) {
      console.warn('LibreOffice Calc not available (apt-get install libreoffice-calc-nogui): re-save check skipped');
      ctx.skip();
      return;
    }
    expect(readFileSync(resaved).equals(readFileSync(exported))).toBe(false);
    const report = await verify(resaved);
    expect(report.sheets.filter((s) => s.status !== 'intact')).toEqual([]);
    expect(report.status).toBe('intact');
  });
});

describe('branch-ledger verify', () => {
  it('exits 0 for intact and unsigned files, 1 naming the edit, 3 for a missing file', async () => {
    const lines: string[] = [];
    const io = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) };
    const plain = join(dir, 'plain.xlsx');
    expect(await runVerify([exported, plain], {}, io)).toBe(0);
    expect(lines.join('\n')).toContain('完好');
    expect(lines.join('\n')).toContain('未签名');
    lines.length = 0;
    expect(await runVerify([exported, join(dir, 'one-cell.xlsx')], {}, io)).toBe(1);
    expect(lines.join('\n')).toMatch(/one-cell\.xlsx：已改动 —— .*“党员花名册”第 5 行被改动/);
    lines.length = 0;
    expect(await runVerify([join(dir, 'nope.xlsx')], { json: true }, io)).toBe(3);
    expect(JSON.parse(lines.join(''))).toEqual([{ file: 'nope.xlsx', status: 'unreadable', message: '文件不存在' }]);
  });
});

describe('canonical cell values', () => {
  it('see a date the same whether a program kept it as a date or as a serial, in either date system', () => {
    const written = writtenValue('2026-03-01', 'date');
    expect(written).toEqual(new Date(Date.UTC(2026, 2, 1)));
    expect(canonicalCell(written, 'date')).toBe('2026-03-01');
    expect(canonicalCell(46082, 'date')).toBe('2026-03-01');
    expect(canonicalCell(46081.99999999999, 'date')).toBe('2026-03-01');
    expect(canonicalCell(44620, 'date', true)).toBe('2026-03-01');
    expect(canonicalCell(new Date(Date.UTC(2026, 2, 1, 16)), 'date')).toBe('2026-03-01T16:00:00');
  });

  it('keep numbers to 15 significant digits, text exact, and formulas distinct from any value', () => {
    expect(canonicalCell(0.1 + 0.2, 'number')).toBe(0.3);
    expect(canonicalCell(-0, 'number')).toBe(0);
    expect(writtenValue(12, 'text')).toBe('12');
    expect(canonicalCell('a\r\nb', 'text')).toBe('a\nb');
    expect(canonicalCell({ richText: [{ text: '张' }, { text: '三' }] }, 'text')).toBe('张三');
    expect(canonicalCell({ formula: 'A1', result: '张三' }, 'text')).toEqual({ formula: 'A1' });
    expect(canonicalCell('', 'text')).toBeNull();
    expect(writtenValue('=1+1', 'text')).toBe('=1+1');
  });

  it('write only what XML can carry: no C0 controls but tab and LF, no lone surrogates', () => {
    expect(xlsxText('a\u0007b\tc\r\nd\u0000')).toBe('ab\tc\nd');
    expect(xlsxText('李堃𠮷')).toBe('李堃𠮷');
    expect(xlsxText('x\ud842y')).toBe('xy');
  });
});
