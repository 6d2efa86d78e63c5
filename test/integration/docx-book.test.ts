import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedDocument } from '../../electron/api/export.ts';
import { runExportDocx } from '../../electron/cli/export.ts';
import { exportHandlers } from '../../electron/core/handlers/export.ts';
import { getMeeting, listMeetings } from '../../electron/core/modules/life/meetings-read.ts';
import { all, type DemoBook, type DocxParts, demoLedger, RARE_NAMES, unzipDocx } from '../render/docx-helpers.ts';

let demo: DemoBook;
let book: ExportedDocument;
let parts: DocxParts;
let documentXml: string;

beforeAll(async () => {
  demo = await demoLedger('docx-book-');
  book = await exportHandlers(() => demo.service.ledger)['export.ledgerDocx']({ branchId: demo.branchId, year: 2026 });
  parts = await unzipDocx(Buffer.from(book.dataBase64, 'base64'));
  documentXml = parts.xml.get('word/document.xml') ?? '';
});
afterAll(() => demo.cleanup());

/** The body cut at each section's properties: each piece with the sectPr that closes it. */
function sections(xml: string): Array<{ body: string; sectPr: string }> {
  const pieces: Array<{ body: string; sectPr: string }> = [];
  let rest = xml;
  for (;;) {
    const at = rest.indexOf('<w:sectPr');
    if (at < 0) break;
    const end = rest.indexOf('</w:sectPr>', at) + '</w:sectPr>'.length;
    pieces.push({ body: rest.slice(0, at), sectPr: rest.slice(at, end) });
    rest = rest.slice(end);
  }
  return pieces;
}

describe('the ledger book (.docx read back)', () => {
  it('is named after the branch and year, with pages and no font warnings for 仿宋', () => {
    expect(book.fileName).toMatch(/2026年度工作台账\.docx$/);
    expect(book.pages).toBeGreaterThan(30);
    expect(book.warnings).toEqual([]);
  });

  it('has exact A4 pages with GB/T 9704 margins, portrait and landscape', () => {
    const sects = sections(documentXml);
    expect(sects.length).toBeGreaterThanOrEqual(4);
    for (const { sectPr } of sects) {
      const landscape = sectPr.includes('w:orient="landscape"');
      if (landscape) {
        expect(sectPr).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
        expect(sectPr).toMatch(/w:top="1587" w:right="1984" w:bottom="1474" w:left="2098"/);
      } else {
        expect(sectPr).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
        expect(sectPr).toMatch(/w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
      }
      // Both footers named in every section, so none inherits another's.
      expect(sectPr).toContain('w:type="default"');
      expect(sectPr).toContain('w:type="even"');
    }
    expect(sects.some((s) => s.sectPr.includes('landscape'))).toBe(true);
  });

  it('sets the fonts in every slot, with the eastAsia hint and zh-CN, in the document defaults', () => {
    const styles = parts.xml.get('word/styles.xml') ?? '';
    const defaults = styles.slice(styles.indexOf('<w:docDefaults>'), styles.indexOf('</w:docDefaults>'));
    expect(defaults).toContain(
      '<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="仿宋" w:hAnsi="Times New Roman" w:hint="eastAsia"/>',
    );
    expect(defaults).toContain('w:eastAsia="zh-CN"');
    expect(defaults).toContain('w:lineRule="exact"');
    expect(styles).not.toMatch(/2E74B5|1F4D78/); // docx's blue headings are overridden
    const fonts = all(documentXml, /<w:rFonts ([^>]*)\/>/g);
    expect(fonts.length).toBeGreaterThan(100);
    for (const f of fonts) {
      for (const slot of ['w:ascii=', 'w:hAnsi=', 'w:eastAsia=', 'w:cs=', 'w:hint="eastAsia"'])
        expect(f).toContain(slot);
    }
    expect(documentXml).toContain('w:eastAsia="黑体"');
    expect(documentXml).toContain('w:eastAsia="楷体"');
    expect(documentXml).toContain('w:eastAsia="方正小标宋简体"');
  });

  it('uses exact line spacing (never "exactly")', () => {
    expect(documentXml).toContain('w:lineRule="exact"');
    for (const xml of parts.xml.values()) expect(xml).not.toContain('lineRule="exactly"');
  });

  it('has odd and even footers with a PAGE field between dashes', () => {
    expect(parts.xml.get('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const footers = [...parts.xml.entries()].filter(([name]) => /word\/footer\d+\.xml$/.test(name)).map(([, x]) => x);
    const numbered = footers.filter((x) => x.includes('PAGE'));
    expect(numbered.length).toBeGreaterThanOrEqual(2);
    expect(numbered.some((x) => x.includes('<w:jc w:val="right"/>'))).toBe(true);
    expect(numbered.some((x) => x.includes('<w:jc w:val="left"/>'))).toBe(true);
    for (const x of numbered) {
      expect(x).toContain('— ');
      expect(x).toContain(' —');
      expect(x).toContain('<w:sz w:val="28"/>');
      expect(x).toContain('w:eastAsia="宋体"');
    }
  });

  it('gives every table a fixed grid summing to its width, within the text width, rows not split', () => {
    let tables = 0;
    let headed = 0;
    for (const { body, sectPr } of sections(documentXml)) {
      const textWidth = sectPr.includes('landscape') ? 16838 - 2098 - 1984 : 11906 - 1587 - 1474;
      for (const table of all(body, /<w:tbl>([\s\S]*?)<\/w:tbl>/g)) {
        tables += 1;
        const grid = all(table, /<w:gridCol w:w="(\d+)"\/>/g).map(Number);
        const width = Number(table.match(/<w:tblW w:type="dxa" w:w="(\d+)"\/>/)?.[1]);
        expect(grid.reduce((a, b) => a + b, 0)).toBe(width);
        expect(width).toBeLessThanOrEqual(textWidth);
        expect(table).toContain('<w:tblLayout w:type="fixed"/>');
        const rows = all(table, /<w:tr>([\s\S]*?)<\/w:tr>/g);
        for (const row of rows) expect(row).toContain('<w:cantSplit/>');
        if (table.includes('<w:tblHeader/>')) headed += 1;
        for (const w of all(table, /<w:tcW w:type="dxa" w:w="(\d+)"\/>/g)) expect(Number(w)).toBeLessThanOrEqual(width);
      }
    }
    expect(tables).toBeGreaterThan(20);
    expect(headed).toBeGreaterThan(5);
  });

  it('prints every meeting of the year with its attendance, and the photo', () => {
    const meetings = listMeetings(demo.service.ledger, { branchId: demo.branchId, year: 2026 });
    expect(meetings.length).toBeGreaterThan(20);
    for (const summary of meetings) {
      const m = getMeeting(demo.service.ledger, summary.id);
      expect(documentXml).toContain(`${m.heldOn.slice(0, 4)}年${Number(m.heldOn.slice(5, 7))}月`);
      expect(documentXml).toContain(m.title);
      const away = m.attendance.find((a) => a.status === '请假' || a.status === '缺席');
      if (away) expect(documentXml).toContain(`${away.name}（${away.status}`);
    }
    expect(all(documentXml, /(应到人数)/g).length).toBe(meetings.length);
    expect(all(documentXml, /(缺席人员及原因)/g).length).toBeGreaterThanOrEqual(meetings.length);
    expect([...parts.media.keys()].some((k) => k.startsWith('word/media/'))).toBe(true);
    expect(documentXml).toContain('<pic:pic');
    expect(documentXml).toContain('图1　党员参加主题党日活动合影');
  });

  it('lists every section with its records, and leaves no placeholder', () => {
    for (const title of [
      '党员花名册',
      '支委会组成与分工',
      '党费收缴台账',
      '发展党员工作记实',
      '换届选举工作记录',
      '书记项目',
      '考核评分',
    ]) {
      expect(documentXml).toContain(title);
    }
    // The demo has people in the pipeline, 书记项目 and a scored assessment: those sections carry rows.
    expect(documentXml).toContain('邱晓琳');
    expect(documentXml).toContain('融合书记项目');
    expect(documentXml).toContain('班子建设：支部委员会健全、分工明确');
    for (const xml of parts.xml.values()) expect(xml).not.toContain('{{');
    expect(documentXml).toContain('使用说明');
    expect(documentXml).not.toContain('w:fldSimple'); // contents are text, not a TOC field
    expect(documentXml).not.toContain('TOC \\');
  });

  it('keeps rare name characters byte for byte', () => {
    const bytes = Buffer.from(documentXml, 'utf8');
    for (const name of RARE_NAMES) expect(bytes.includes(Buffer.from(name, 'utf8'))).toBe(true);
  });

  it('warns about names outside GB2312 when a _GB2312 font is chosen', async () => {
    const handlers = exportHandlers(() => demo.service.ledger);
    const gb = await handlers['export.ledgerDocx']({
      branchId: demo.branchId,
      year: 2026,
      fonts: { body: '仿宋_GB2312' },
    });
    expect(gb.warnings.some((w) => w.includes('镕') && w.includes('仿宋_GB2312'))).toBe(true);
    expect(gb.warnings.some((w) => w.includes('𠮷'))).toBe(true);
    const xml = (await unzipDocx(Buffer.from(gb.dataBase64, 'base64'))).xml.get('word/styles.xml') ?? '';
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
  });

  it('exports one meeting record with its attendance and photo', async () => {
    const record = await exportHandlers(() => demo.service.ledger)['export.meetingDocx']({
      meetingId: demo.photoMeetingId,
    });
    expect(record.fileName).toMatch(/记录\.docx$/);
    const one = await unzipDocx(Buffer.from(record.dataBase64, 'base64'));
    const xml = one.xml.get('word/document.xml') ?? '';
    const m = getMeeting(demo.service.ledger, demo.photoMeetingId);
    expect(xml).toContain(m.title);
    expect(xml).toContain(`${m.expected}人`);
    expect(xml).toContain('<pic:pic');
    expect(one.xml.get('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
  });
});

describe('branch-ledger export --format docx', () => {
  it('writes one file per branch into a folder with --all', async () => {
    const out = mkdtempSync(join(tmpdir(), 'docx-cli-'));
    try {
      const lines: string[] = [];
      const io = { out: (t: string) => lines.push(t), err: () => {} };
      const code = await runExportDocx(demo.service, { all: true, year: 2026, out: out, json: true }, io);
      expect(code).toBe(0);
      const files = readdirSync(out).filter((f) => f.endsWith('.docx'));
      expect(files.length).toBe(2);
      const report = JSON.parse(lines.join('\n')) as { files: Array<{ path: string; pages: number }> };
      expect(report.files.every((f) => f.pages > 10)).toBe(true);
      expect(
        readFileSync(join(out, files[0] ?? ''))
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
      expect(await runExportDocx(demo.service, { year: 2026, out }, io)).toBe(2);
      expect(await runExportDocx(demo.service, { branchId: 99_999, year: 2026, out: join(out, 'x.docx') }, io)).toBe(3);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
