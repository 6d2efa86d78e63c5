import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workbookHandlers } from '../../electron/core/handlers/workbook.ts';
import { type DemoBook, demoLedger } from '../render/docx-helpers.ts';

/**
 * The printed ledger workbook as LibreOffice Calc lays it out (fonts mapped by
 * test/fixtures/fonts/fonts.conf): the roster on landscape A4 pages, every column on the page,
 * title and header row repeated on each page, "第 n 页 共 N 页" at the foot, the signature line at
 * the end. PNGs of the roster pages go to test-output/xlsx/ for a person to look at. LibreOffice
 * substitutes Calibri (the width unit of the columns) with a wider font here, so its pages are a
 * little roomier than Excel's; it cannot certify Excel's or WPS's page breaks.
 */

const OUT = resolve('test-output/xlsx');
const FONTS_CONF = resolve('test/fixtures/fonts/fonts.conf');
const tools = ['soffice', 'pdftotext', 'pdfinfo', 'pdftoppm'];
const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);

let demo: DemoBook | undefined;
let home: string | undefined;
let pdf: string | null = null;
let pages: string[] = [];

function pageSize(page: number): [number, number] {
  const info = execFileSync('pdfinfo', ['-f', String(page), '-l', String(page), pdf ?? ''], { encoding: 'utf8' });
  const match = /Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/.exec(info);
  return [Number(match?.[1]), Number(match?.[2])];
}

beforeAll(async () => {
  if (missing.length > 0) return;
  const book = await demoLedger('xlsx-render-', 1);
  demo = book;
  const workbook = await workbookHandlers(() => book.service.ledger)['workbook.export']({
    branchId: book.branchId,
    year: 2026,
  });
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, 'ledger-print.xlsx');
  writeFileSync(file, Buffer.from(workbook.dataBase64, 'base64'));
  home = mkdtempSync(join(tmpdir(), 'soffice-home-'));
  spawnSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', OUT, file], {
    env: { ...process.env, HOME: home, FONTCONFIG_FILE: FONTS_CONF },
    timeout: 120_000,
    stdio: 'ignore',
  });
  const out = join(OUT, 'ledger-print.pdf');
  // Without LibreOffice Calc (libreoffice-calc-nogui) soffice loads no .xlsx and writes nothing.
  if (!existsSync(out)) return;
  pdf = out;
  pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\f');
}, 240_000);

afterAll(() => {
  demo?.cleanup();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('the ledger workbook printed by LibreOffice Calc', () => {
  it('prints the roster on landscape A4 pages with every column, title and header on each page', (ctx) => {
    if (!pdf) {
      console.warn(
        `xlsx render check skipped: ${missing.length ? missing.join(', ') : 'LibreOffice Calc'} not installed`,
      );
      ctx.skip();
      return;
    }
    const squash = (t: string) => t.replace(/\s+/g, '');
    const roster = pages
      .map((text, i) => ({ text: squash(text), page: i + 1 }))
      .filter((p) => p.text.includes('机关第一党支部党员花名册（2026年度）'));
    expect(roster.length).toBeGreaterThanOrEqual(2);
    const total = pages.filter((p) => p.trim() !== '').length;
    for (const { text, page } of roster) {
      const [w, h] = pageSize(page);
      expect(Math.round(w)).toBe(842);
      expect(Math.round(h)).toBe(595);
      // First and last visible header on the same page: one page wide.
      expect(text).toContain('序号姓名性别民族出生日期公民身份号码');
      expect(text).toContain('联系电话家庭住址备注');
      expect(text).not.toContain('记录编号');
      expect(text).toContain(`第${page}页共${total}页`);
    }
    expect(roster.at(-1)?.text).toMatch(/填表人：审核人：日期：年月日/);
    for (const [i, { page }] of roster.slice(0, 2).entries()) {
      execFileSync('pdftoppm', [
        '-r',
        '80',
        '-f',
        String(page),
        '-l',
        String(page),
        '-png',
        '-singlefile',
        pdf,
        join(OUT, `roster-page${i + 1}`),
      ]);
      expect(existsSync(join(OUT, `roster-page${i + 1}.png`))).toBe(true);
    }
  });

  it('prints the cover in portrait with the key fingerprint', (ctx) => {
    if (!pdf) {
      ctx.skip();
      return;
    }
    const [w, h] = pageSize(1);
    expect([Math.round(w), Math.round(h)]).toEqual([595, 842]);
    expect(pages[0]).toMatch(/签名公钥指纹\s+([0-9A-F]{4} ){7}[0-9A-F]{4}/);
    execFileSync('pdftoppm', ['-r', '60', '-f', '1', '-l', '1', '-png', '-singlefile', pdf, join(OUT, 'cover')]);
  });
});
