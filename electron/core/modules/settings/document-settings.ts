import {
  type BookLayoutInfo,
  type DocumentFontsInfo,
  FONT_SLOT_HINTS,
  FONT_SLOT_LABELS,
  FONT_SLOTS,
  type FontSlot,
} from '../../../api/document-settings.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import {
  COMMON_FONT_NAMES,
  FONT_SLOTS as COMPOSER_SLOTS,
  DEFAULT_FONTS,
  type FontSettings,
  gb2312Warnings,
  isGb2312Font,
  outsideGb2312,
  resolveFontsWith,
} from '../../export/docx/fonts.ts';
import {
  type BookLayout,
  defaultBookLayout,
  loadBookLayout,
  ordinal,
  printedBookLayout,
} from '../../export/docx/layout.ts';
import { type Ledger, write } from '../../ledger.ts';

/** The contract's slots are the composer's slots (tsc checks both directions here). */
export const SLOTS_AGREE: readonly [readonly FontSlot[], readonly (keyof FontSettings)[]] = [
  COMPOSER_SLOTS,
  FONT_SLOTS,
];

const KEY = 'document_fonts';

/** The slots this ledger has set (ledger_meta 'document_fonts'); unknown or empty entries are ignored. */
export function storedFonts(ledger: Ledger): Partial<FontSettings> {
  const row = ledger.db.get<{ value: string }>(
    'documents.fonts',
    sql`SELECT value FROM ledger_meta WHERE key = ${KEY}`,
  );
  if (!row) return {};
  const raw = JSON.parse(row.value) as Record<string, unknown>;
  const fonts: Partial<FontSettings> = {};
  for (const slot of FONT_SLOTS) {
    const value = raw[slot];
    if (typeof value === 'string' && value.trim()) fonts[slot] = value.trim();
  }
  return fonts;
}

/** The fonts of one export: this call's override, then the ledger's settings, then the defaults. */
export function ledgerFonts(ledger: Ledger, override?: Partial<FontSettings> | null): FontSettings {
  return resolveFontsWith(storedFonts(ledger), override);
}

/** Every member's name (on the roll or not: past records print them too) with characters outside GB2312. */
function rareNames(ledger: Ledger): DocumentFontsInfo['rareNames'] {
  const names = ledger.db.all<{ name: string }>('documents.memberNames', sql`SELECT DISTINCT name FROM member`);
  return names
    .map(({ name }) => ({ name, characters: outsideGb2312(name) }))
    .filter((n) => n.characters.length > 0)
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export function getDocumentFonts(ledger: Ledger): DocumentFontsInfo {
  const stored = storedFonts(ledger);
  const fonts = resolveFontsWith(stored);
  const rare = rareNames(ledger);
  return {
    slots: FONT_SLOTS.map((key) => ({ key, label: FONT_SLOT_LABELS[key], hint: FONT_SLOT_HINTS[key] })),
    fonts,
    stored,
    defaults: { ...DEFAULT_FONTS },
    suggestions: COMMON_FONT_NAMES.map((name) => ({ name, gb2312Only: isGb2312Font(name) })),
    rareNames: rare,
    warnings: gb2312Warnings(
      rare.map((r) => r.name),
      fonts,
    ),
  };
}

function describe(fonts: Partial<FontSettings>): string {
  const set = FONT_SLOTS.filter((slot) => fonts[slot]).map((slot) => `${FONT_SLOT_LABELS[slot]} ${fonts[slot]}`);
  return set.length ? set.join('，') : '全部为默认字体';
}

/** Replaces the stored fonts: a slot left empty takes the default; {} is 恢复默认. One audited write. */
export function setDocumentFonts(ledger: Ledger, input: Partial<Record<FontSlot, string>>): DocumentFontsInfo {
  const next: Partial<FontSettings> = {};
  for (const slot of FONT_SLOTS) {
    const value = input[slot]?.trim();
    // A slot set to its default is not stored, so a later change of the default reaches it.
    if (value && value !== DEFAULT_FONTS[slot]) next[slot] = value;
  }
  write(ledger, () => {
    const before = storedFonts(ledger);
    if (Object.keys(next).length === 0) {
      ledger.db.run('documents.clearFonts', sql`DELETE FROM ledger_meta WHERE key = ${KEY}`);
    } else {
      ledger.db.run(
        'documents.setFonts',
        sql`INSERT INTO ledger_meta (key, value) VALUES (${KEY}, ${JSON.stringify(next)})
            ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      );
    }
    return {
      result: null,
      audit: {
        action: 'documents.setFonts',
        entity: 'document_fonts',
        before,
        after: next,
        summary: Object.keys(next).length === 0 ? '文档字体恢复默认' : `文档字体设为：${describe(next)}`,
      },
    };
  });
  return getDocumentFonts(ledger);
}

/*
 * 台账版式: a committee's own layout of the year's ledger book (templates/documents/ledger-book.json
 * is the default). Stored whole in ledger_meta 'book_layout' with the file's name, checked again on
 * every read: a layout the program no longer accepts (after an upgrade) stops the export with a
 * message naming it, never prints a broken book.
 */

const LAYOUT_KEY = 'book_layout';

interface StoredLayout {
  fileName: string;
  importedAt: string;
  importedBy: string;
  layout: unknown;
}

function readStoredLayout(ledger: Ledger): StoredLayout | null {
  const row = ledger.db.get<{ value: string }>(
    'documents.bookLayout',
    sql`SELECT value FROM ledger_meta WHERE key = ${LAYOUT_KEY}`,
  );
  return row ? (JSON.parse(row.value) as StoredLayout) : null;
}

function checkLayout(raw: unknown, fileName: string): BookLayout {
  return loadBookLayout(raw, fileName, { exactWidths: true });
}

/** This ledger's own layout, or null for the default; throws (naming the file) if it is no longer valid. */
export function storedBookLayout(ledger: Ledger): BookLayout | null {
  const stored = readStoredLayout(ledger);
  if (!stored) return null;
  try {
    return checkLayout(stored.layout, stored.fileName);
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    throw new LedgerError(
      'BAD_FILE',
      `${error.message}。请在“文档设置 → 台账版式”中导入改正后的文件，或恢复默认。`,
      error.details,
    );
  }
}

/** The layout the ledger book and single records print with. */
export function ledgerBookLayout(ledger: Ledger): BookLayout {
  return storedBookLayout(ledger) ?? defaultBookLayout();
}

/** Chinese names of the sections' data, taken from the default layout's own titles. */
function sourceLabels(): Map<string, string> {
  const labels = new Map<string, string>();
  for (const part of defaultBookLayout().parts) for (const s of part.sections) labels.set(s.source, s.title);
  return labels;
}

function describeLayout(
  layout: BookLayout,
  stored: Omit<StoredLayout, 'layout'> | null,
  problem: string | null = null,
): BookLayoutInfo {
  const labels = sourceLabels();
  return {
    origin: stored ? 'imported' : 'default',
    name: layout.name,
    version: layout.version,
    fileName: stored?.fileName ?? null,
    importedAt: stored?.importedAt ?? null,
    importedBy: stored?.importedBy ?? null,
    parts: layout.parts.map((part, p) => ({
      title: `${ordinal(1, p + 1)}${part.title}`,
      sections: part.sections.map((section, i) => ({
        title: `${ordinal(2, i + 1)}${section.title}`,
        source: section.source,
        sourceLabel: labels.get(section.source) ?? section.source,
        orientation: section.orientation,
        columns: section.columns.map((c) => c.header),
      })),
    })),
    json: `${JSON.stringify(printedBookLayout(layout), null, 2)}\n`,
    problem,
  };
}

export function getBookLayout(ledger: Ledger): BookLayoutInfo {
  const stored = readStoredLayout(ledger);
  if (!stored) return describeLayout(defaultBookLayout(), null);
  try {
    return describeLayout(checkLayout(stored.layout, stored.fileName), stored);
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    return describeLayout(defaultBookLayout(), stored, error.message);
  }
}

/** Line and column of a character offset, for a JSON syntax error a person can find. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

function parseLayoutFile(input: { fileName: string; text: string }): { raw: unknown; layout: BookLayout } {
  let raw: unknown;
  try {
    raw = JSON.parse(input.text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const at = /position (\d+)/.exec(String((error as Error).message));
    const where = at ? lineAndColumn(input.text, Number(at[1])) : null;
    const place = where ? `第 ${where.line} 行第 ${where.column} 列附近` : '';
    throw new LedgerError(
      'BAD_FILE',
      `“${input.fileName}”不是有效的 JSON 文件${place ? `：${place}有语法错误` : ''}。请用下载的当前版式为底稿修改，注意逗号和引号。`,
      [{ file: input.fileName, field: place || '(根)', message: 'JSON 语法错误' }],
    );
  }
  return { raw, layout: checkLayout(raw, input.fileName) };
}

/** Checks a layout file and describes it, storing nothing. */
export function previewBookLayout(ledger: Ledger, input: { fileName: string; text: string }): BookLayoutInfo {
  const { layout } = parseLayoutFile(input);
  return describeLayout(layout, {
    fileName: input.fileName,
    importedAt: ledger.clock().toISOString(),
    importedBy: ledger.actor,
  });
}

function summaryOf(stored: StoredLayout | null): Record<string, unknown> | null {
  if (!stored) return null;
  const layout = stored.layout as { name?: unknown; version?: unknown };
  return { fileName: stored.fileName, name: layout.name, version: layout.version };
}

/** Stores the file as this ledger's layout: one audited write; a bad file changes nothing. */
export function importBookLayout(ledger: Ledger, input: { fileName: string; text: string }): BookLayoutInfo {
  const { raw, layout } = parseLayoutFile(input);
  const next: StoredLayout = {
    fileName: input.fileName,
    importedAt: ledger.clock().toISOString(),
    importedBy: ledger.actor,
    layout: raw,
  };
  write(ledger, () => {
    const before = readStoredLayout(ledger);
    ledger.db.run(
      'documents.setBookLayout',
      sql`INSERT INTO ledger_meta (key, value) VALUES (${LAYOUT_KEY}, ${JSON.stringify(next)})
          ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
    return {
      result: null,
      audit: {
        action: 'documents.importBookLayout',
        entity: 'book_layout',
        before: summaryOf(before),
        after: { ...summaryOf(next), layout: raw },
        summary: `导入台账版式“${layout.name}”（${layout.version}，文件“${input.fileName}”）`,
      },
    };
  });
  return getBookLayout(ledger);
}

/** 恢复默认: the program's own layout again. */
export function resetBookLayout(ledger: Ledger): BookLayoutInfo {
  write(ledger, () => {
    const before = readStoredLayout(ledger);
    ledger.db.run('documents.clearBookLayout', sql`DELETE FROM ledger_meta WHERE key = ${LAYOUT_KEY}`);
    return {
      result: null,
      audit: {
        action: 'documents.resetBookLayout',
        entity: 'book_layout',
        before: summaryOf(before),
        after: null,
        summary: '台账版式恢复默认',
      },
    };
  });
  return getBookLayout(ledger);
}
