import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../electron/core/errors.ts';
import { fitWidths } from '../../electron/core/export/docx/book.ts';
import { gb2312Warnings, outsideGb2312, resolveFonts } from '../../electron/core/export/docx/fonts.ts';
import { chineseNumber, loadBookLayout, ordinal } from '../../electron/core/export/docx/layout.ts';
import { wrapLines } from '../../electron/core/export/docx/measure.ts';
import defaultBook from '../../templates/documents/ledger-book.json' with { type: 'json' };

function edited(change: (book: typeof defaultBook) => void): unknown {
  const copy = structuredClone(defaultBook);
  change(copy);
  return copy;
}

function templateError(raw: unknown): LedgerError {
  try {
    loadBookLayout(raw, 'my-book.json');
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('the template was accepted');
}

describe('the ledger-book template', () => {
  it('loads the shipped template', () => {
    const layout = loadBookLayout(defaultBook);
    expect(layout.parts.length).toBeGreaterThanOrEqual(6);
    expect(layout.parts.flatMap((p) => p.sections.map((s) => s.source))).toContain('meetings');
  });

  it('names the template and the key of an unknown column field', () => {
    const error = templateError(
      edited((b) => {
        const column = b.parts[0]?.sections[0]?.columns?.[1];
        if (column) column.field = 'shoeSize';
      }),
    );
    expect(error.code).toBe('BAD_FILE');
    expect(error.message).toContain('my-book.json');
    expect(error.message).toContain('parts.0.sections.0.columns.1.field');
    expect(error.message).toContain('shoeSize');
  });

  it('names an unknown placeholder', () => {
    const error = templateError(
      edited((b) => {
        b.cover.subtitle = '（{{year}}年度，{{secretaryPhone}}）';
      }),
    );
    expect(error.message).toContain('cover.subtitle');
    expect(error.message).toContain('{{secretaryPhone}}');
  });

  it('refuses columns wider than the page and unknown keys', () => {
    const wide = templateError(
      edited((b) => {
        const column = b.parts[1]?.sections[0]?.columns?.[1];
        if (column) column.width = 9000;
      }),
    );
    expect(wide.message).toContain('parts.1.sections.0.columns');
    expect(wide.message).toContain('8844');
    const unknown = templateError(edited((b) => Object.assign(b, { colour: 'red' })));
    expect(unknown.message).toContain('my-book.json');
  });

  it('lets a committee reorder and rename sections', () => {
    const layout = loadBookLayout(
      edited((b) => {
        b.parts.reverse();
        const first = b.parts[0]?.sections[0];
        if (first) first.title = '考核评分表';
      }),
    );
    expect(layout.parts[0]?.title).toBe('考核管理');
    expect(layout.parts[0]?.sections[0]?.title).toBe('考核评分表');
  });
});

describe('ordinals, widths and line estimates', () => {
  it('writes GB/T 9704 ordinals', () => {
    expect([1, 2, 10, 11, 20, 23].map(chineseNumber)).toEqual(['一', '二', '十', '十一', '二十', '二十三']);
    expect(ordinal(1, 3)).toBe('三、');
    expect(ordinal(2, 12)).toBe('（十二）');
    expect(ordinal(3, 4)).toBe('4.');
    expect(ordinal(4, 2)).toBe('（2）');
  });

  it('scales column widths to the table width exactly', () => {
    expect(fitWidths([1000, 2000, 3000], 8844).reduce((a, b) => a + b, 0)).toBe(8844);
    expect(fitWidths([8844], 8844)).toEqual([8844]);
  });

  it('never estimates fewer lines than a reader needs', () => {
    // 27 hanzi fit a 16 pt line of 8845 twips; a wrapped paragraph is cut one character early.
    expect(wrapLines('字'.repeat(27), 8845 / 320)).toHaveLength(1);
    expect(wrapLines('字'.repeat(28), 8845 / 320)).toHaveLength(2);
    expect(wrapLines('字'.repeat(60), 8845 / 320, 2).length).toBeGreaterThanOrEqual(3);
    expect(wrapLines('', 10)).toEqual(['']);
  });
});

describe('GB2312 coverage', () => {
  it('finds the 6 763 hanzi of GB2312 among the CJK ideographs', () => {
    let inside = 0;
    for (let cp = 0x4e00; cp <= 0x9fff; cp += 1) if (outsideGb2312(String.fromCodePoint(cp)).length === 0) inside += 1;
    expect(inside).toBe(6763);
  });

  it('knows the rare name characters from the common ones', () => {
    for (const ch of ['镕', '喆', '堃', '昇', '玥', '𠮷']) expect(outsideGb2312(ch)).toEqual([ch]);
    for (const ch of ['张', '王', '李', '啊', '座', '齄']) expect(outsideGb2312(ch)).toEqual([]);
    expect(outsideGb2312('阿依古丽·买买提')).toEqual([]);
  });

  it('warns only when a _GB2312 font is chosen', () => {
    const names = ['张伟', '朱镕基', '李𠮷'];
    expect(gb2312Warnings(names, resolveFonts({}))).toEqual([]);
    const warnings = gb2312Warnings(names, resolveFonts({ body: '仿宋_GB2312', heading2: '楷体_GB2312' }));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('朱镕基');
    expect(warnings[0]).toContain('仿宋_GB2312、楷体_GB2312');
  });
});
