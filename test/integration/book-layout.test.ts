import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../electron/core/db/sql.ts';
import { LedgerError } from '../../electron/core/errors.ts';
import { type DemoBook, demoLedger, unzipDocx } from '../render/docx-helpers.ts';

/** The layout as JSON, freely editable: the shape a committee downloads and changes. */
type LayoutJson = {
  cover: { title: string };
  instructions: { paragraphs: string[] };
  parts: Array<{
    title: string;
    sections: Array<{
      source: string;
      title: string;
      columns: Array<{ header: string; field: string; width: number }>;
    }>;
  }>;
};

let demo: DemoBook;
let downloaded: string;

beforeAll(async () => {
  demo = await demoLedger('book-layout-', 1);
  downloaded = (await demo.service.call('documents.getBookLayout', {})).json;
}, 120_000);

afterAll(() => demo?.cleanup());

function edited(change: (layout: LayoutJson) => void): string {
  const layout = JSON.parse(downloaded) as LayoutJson;
  change(layout);
  return JSON.stringify(layout, null, 2);
}

/** Paragraph texts of the book's body, in order. */
async function bookParagraphs(): Promise<{ texts: string[]; xml: string }> {
  const doc = await demo.service.call('export.ledgerDocx', { branchId: demo.branchId, year: 2026 });
  const xml = (await unzipDocx(Buffer.from(doc.dataBase64, 'base64'))).xml.get('word/document.xml') ?? '';
  const texts = xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
  return { texts, xml };
}

function auditCount(): number {
  return demo.service.ledger.db.get<{ n: number }>('test.auditCount', sql`SELECT COUNT(*) AS n FROM audit_log`)?.n ?? 0;
}

/** Reorders 年度工作计划 and 月度工作计划, renames 党员花名册, drops 任职时间 from the committee table. */
const committeeLayout = () =>
  edited((layout) => {
    const routine = layout.parts[1];
    const basics = layout.parts[0];
    if (!routine || !basics) throw new Error('default layout changed shape');
    const [annual, monthly, ...rest] = routine.sections;
    if (!annual || !monthly) throw new Error('default layout changed shape');
    routine.sections = [monthly, annual, ...rest];
    const roster = basics.sections[0];
    const committee = basics.sections[1];
    if (!roster || !committee) throw new Error('default layout changed shape');
    roster.title = '本支部党员名册';
    const dropped = committee.columns.find((c) => c.field === 'fromDate');
    committee.columns = committee.columns.filter((c) => c.field !== 'fromDate');
    const last = committee.columns.at(-1);
    if (!dropped || !last) throw new Error('default layout changed shape');
    last.width += dropped.width;
    layout.instructions.paragraphs = ['一、本台账由党委统一印制，各支部按月填写。'];
  });

describe('a committee’s own ledger-book layout', () => {
  it('lists the sections of a layout file before storing it, and stores nothing', async () => {
    const before = auditCount();
    const preview = await demo.service.call('documents.previewBookLayout', {
      fileName: '本党委台账版式.json',
      text: committeeLayout(),
    });
    expect(preview.parts[1]?.sections.map((s) => s.title).slice(0, 2)).toEqual([
      '（一）月度工作计划',
      '（二）年度工作计划',
    ]);
    expect(preview.parts[0]?.sections[1]?.columns).not.toContain('任职时间');
    expect(auditCount()).toBe(before);
    expect((await demo.service.call('documents.getBookLayout', {})).origin).toBe('default');
  });

  it('prints the book with the reordered sections, the new title and without the dropped column', async () => {
    const before = auditCount();
    const info = await demo.service.call('documents.importBookLayout', {
      fileName: '本党委台账版式.json',
      text: committeeLayout(),
    });
    expect(info).toMatchObject({ origin: 'imported', fileName: '本党委台账版式.json', problem: null });
    expect(auditCount()).toBe(before + 1);

    const { texts } = await bookParagraphs();
    const monthly = texts.indexOf('（一）月度工作计划');
    const annual = texts.indexOf('（二）年度工作计划');
    expect(monthly).toBeGreaterThan(0);
    expect(annual).toBeGreaterThan(monthly);
    expect(texts).toContain('（一）本支部党员名册');
    expect(texts).not.toContain('（一）党员花名册');
    expect(texts).toContain('一、本台账由党委统一印制，各支部按月填写。');
    // The committee table's header row: 职务, 姓名, 分工 — and no 任职时间 anywhere in the book.
    const committee = texts.indexOf('（二）支委会组成与分工');
    expect(texts.slice(committee + 1, committee + 4)).toEqual(['职务', '姓名', '分工']);
    expect(texts).not.toContain('任职时间');

    // The books of every branch (one zip) use the same layout.
    const all = await demo.service.call('export.ledgerDocxAll', { year: 2026 });
    const zip = unzipSync(Buffer.from(all.dataBase64, 'base64'));
    const inner = zip[all.books[0]?.fileName ?? ''];
    const xml = (await unzipDocx(inner ?? new Uint8Array())).xml.get('word/document.xml') ?? '';
    expect(xml).toContain('本支部党员名册');
    expect(xml.indexOf('月度工作计划')).toBeLessThan(xml.indexOf('年度工作计划'));
  });

  it('refuses each bad file naming the file, the JSON path and the placeholder, and changes nothing', async () => {
    const cases: Array<{ text: string; mentions: string[] }> = [
      { text: '{ "id": "ledger-book", }', mentions: ['坏版式.json', '第 1 行'] },
      {
        text: edited((l) => {
          const section = l.parts[0]?.sections[0];
          if (section) section.source = 'budget';
        }),
        mentions: ['坏版式.json', 'parts.0.sections.0.source'],
      },
      {
        text: edited((l) => {
          const column = l.parts[0]?.sections[1]?.columns[0];
          if (column) column.width -= 100;
        }),
        mentions: ['坏版式.json', 'parts.0.sections.1.columns', '8744', '8844'],
      },
      {
        text: edited((l) => {
          l.cover.title = '{{支部名称}}工作台账';
        }),
        mentions: ['坏版式.json', 'cover.title', '{{支部名称}}'],
      },
      {
        text: edited((l) => {
          const column = l.parts[1]?.sections[0]?.columns[1];
          if (column) column.field = 'budget';
        }),
        mentions: ['坏版式.json', 'parts.1.sections.0.columns.1.field', 'budget'],
      },
    ];
    const stored = await demo.service.call('documents.getBookLayout', {});
    const audits = auditCount();
    for (const { text, mentions } of cases) {
      const error = await demo.service
        .call('documents.importBookLayout', { fileName: '坏版式.json', text })
        .then(() => null)
        .catch((e: unknown) => e);
      expect(error, mentions.join(' ')).toBeInstanceOf(LedgerError);
      const message = `${(error as LedgerError).message} ${JSON.stringify((error as LedgerError).details)}`;
      for (const part of mentions) expect(message).toContain(part);
    }
    expect(auditCount()).toBe(audits);
    expect(await demo.service.call('documents.getBookLayout', {})).toEqual(stored);
  });

  it('prints the "1." headings of meeting records in the 三级标题 font, bold', async () => {
    await demo.service.call('documents.setFonts', { fonts: { heading3: '方正仿宋_GBK' } });
    const { texts, xml } = await bookParagraphs();
    const paragraphs = xml.split('</w:p>');
    // The first meeting's heading: "1. " outside any table (分工 cells also start with "1.").
    const first = texts.findIndex((t, i) => /^1\. /.test(t) && !paragraphs[i]?.includes('<w:tc'));
    expect(first).toBeGreaterThan(0);
    const heading = paragraphs[first] ?? '';
    expect(heading).toContain('w:eastAsia="方正仿宋_GBK"');
    expect(heading).toMatch(/<w:b\/>|<w:b w:val="(true|1)"\/>/);
    // Body text keeps the body font.
    const body = paragraphs[texts.indexOf('一、本台账由党委统一印制，各支部按月填写。')] ?? '';
    expect(body).toContain('w:eastAsia="仿宋"');
    expect(body).not.toContain('方正仿宋_GBK');
    await demo.service.call('documents.setFonts', { fonts: {} });
  });

  it('goes back to the default layout with 恢复默认, audited', async () => {
    const before = auditCount();
    const info = await demo.service.call('documents.resetBookLayout', {});
    expect(info).toMatchObject({ origin: 'default', fileName: null });
    expect(info.json).toBe(downloaded);
    expect(auditCount()).toBe(before + 1);
    const { texts } = await bookParagraphs();
    expect(texts).toContain('（一）党员花名册');
    expect(texts.indexOf('（一）年度工作计划')).toBeGreaterThan(0);
  });

  it('accepts the downloaded default layout unchanged', async () => {
    const info = await demo.service.call('documents.previewBookLayout', {
      fileName: 'ledger-book.json',
      text: downloaded,
    });
    expect(info.parts.flatMap((p) => p.sections).length).toBe(12);
  });
});
