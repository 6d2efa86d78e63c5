import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedDocument } from '../../electron/api/export.ts';
import { exportHandlers } from '../../electron/core/handlers/export.ts';
import { type DemoBook, demoLedger } from './docx-helpers.ts';

/**
 * Renders the ledger book with LibreOffice (fonts mapped by test/fixtures/fonts/fonts.conf) and checks
 * what a reader sees: the page count we computed, the contents' page numbers against the pages the
 * headings really land on, and no text past the right margin. PNGs of key pages go to test-output/docx/
 * for a person to look at. LibreOffice cannot certify Word's 22 × 28 character grid (DOCUMENTS.md §1.6).
 */

const tools = ['soffice', 'pdftotext', 'pdfinfo', 'pdftoppm'];
const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
if (missing.length > 0) console.warn(`docx render check skipped: ${missing.join(', ')} not installed`);

const OUT = resolve('test-output/docx');
const FONTS_CONF = resolve('test/fixtures/fonts/fonts.conf');
/** Right margins in points: 26 mm portrait, 35 mm on the turned landscape page. */
const RIGHT_MARGIN = { portrait: 1474 / 20, landscape: 1984 / 20 };
const LEFT_MARGIN = { portrait: 1587 / 20, landscape: 2098 / 20 };
const TOLERANCE = 2;

let demo: DemoBook;
let book: ExportedDocument;
let pdf: string;
let pages: string[];
let home: string;

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

beforeAll(async () => {
  if (missing.length > 0) return;
  demo = await demoLedger('docx-render-', 1);
  book = await exportHandlers(() => demo.service.ledger)['export.ledgerDocx']({ branchId: demo.branchId, year: 2026 });
  mkdirSync(OUT, { recursive: true });
  const docx = join(OUT, 'ledger-book.docx');
  writeFileSync(docx, Buffer.from(book.dataBase64, 'base64'));
  home = mkdtempSync(join(tmpdir(), 'soffice-home-'));
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', OUT, docx], {
    env: { ...process.env, HOME: home, FONTCONFIG_FILE: FONTS_CONF },
    timeout: 90_000,
    stdio: 'ignore',
  });
  pdf = join(OUT, 'ledger-book.pdf');
  pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\f');
}, 120_000);

afterAll(() => {
  demo?.cleanup();
  if (home) rmSync(home, { recursive: true, force: true });
});

/** Contents entries as printed on the contents page(s): title and page number. */
function contents(): Array<{ title: string; page: number }> {
  const entries: Array<{ title: string; page: number }> = [];
  for (const page of pages.slice(1, 3)) {
    if (!squash(page).startsWith('目录')) continue;
    for (const line of page.split('\n')) {
      const m = line.match(/^\s*(\S.*?)[.…·\s]{3,}(\d+)\s*$/);
      if (m?.[1] && m[2]) entries.push({ title: squash(m[1]), page: Number(m[2]) });
    }
  }
  return entries;
}

function pageOf(text: string): number {
  return pages.findIndex((p) => squash(p).includes(text)) + 1;
}

function png(page: number, name: string): void {
  execFileSync('pdftoppm', [
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    '-r',
    '60',
    '-png',
    pdf,
    join(OUT, name),
  ]);
}

describe.skipIf(missing.length > 0)('the ledger book rendered by LibreOffice', () => {
  it('has the pages we laid out', () => {
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const count = Number(info.match(/Pages:\s+(\d+)/)?.[1]);
    expect(count).toBeGreaterThan(40);
    expect(count).toBe(book.pages);
  });

  it('shows in the contents the pages the headings land on', () => {
    const entries = contents();
    expect(entries.length).toBeGreaterThanOrEqual(15);
    for (const entry of entries) {
      const text = pages[entry.page - 1] ?? '';
      const firstLine = squash(text.split('\n').find((l) => l.trim()) ?? '');
      expect(firstLine, `${entry.title} → ${entry.page}`).toContain(entry.title);
      // The footer of that page prints the same number.
      expect(squash(text)).toContain(`—${entry.page}—`);
    }
  });

  it('prints "— n —" on every numbered page and none on the cover', () => {
    expect(squash(pages[0] ?? '')).not.toMatch(/—\d+—/);
    for (let n = 3; n <= pages.length; n += 1) {
      if (!pages[n - 1]?.trim()) continue;
      expect(squash(pages[n - 1] ?? ''), `page ${n}`).toContain(`—${n}—`);
    }
  });

  it('keeps all text inside the margins', () => {
    const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 256 << 20 });
    let checked = 0;
    for (const page of html.split('<page ').slice(1)) {
      const width = Number(page.match(/^width="([\d.]+)"/)?.[1]);
      const height = Number(page.match(/height="([\d.]+)"/)?.[1]);
      const turn = width > height ? 'landscape' : 'portrait';
      for (const m of page.matchAll(/xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)) {
        checked += 1;
        expect(Number(m[2])).toBeLessThanOrEqual(width - RIGHT_MARGIN[turn] + TOLERANCE);
        expect(Number(m[1])).toBeGreaterThanOrEqual(LEFT_MARGIN[turn] - TOLERANCE);
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('renders the key pages to PNG for a person to look at', () => {
    const at = (title: string) => contents().find((e) => e.title.includes(title))?.page ?? 0;
    const shots: Array<[number, string]> = [
      [1, 'cover'],
      [2, 'contents'],
      [3, 'instructions'],
      [at('党员花名册'), 'roster'],
      [at('支委会组成与分工'), 'committee'],
      [pageOf('图1'), 'meeting-photo'],
      [pageOf('图1') - 1, 'meeting-form'],
      [at('党费收缴台账'), 'dues'],
      [at('考核评分'), 'assessment'],
    ];
    for (const [page, name] of shots) {
      expect(page, name).toBeGreaterThan(0);
      png(page, name);
      expect(
        readFileSync(join(OUT, `${name}.png`))
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    }
  });
});
