import {
  type DocumentFontsInfo,
  FONT_SLOT_HINTS,
  FONT_SLOT_LABELS,
  FONT_SLOTS,
  type FontSlot,
} from '../../../api/document-settings.ts';
import { sql } from '../../db/sql.ts';
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
