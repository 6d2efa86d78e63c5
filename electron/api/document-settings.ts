import { z } from 'zod';
import { method } from './contract.ts';
import { MEETING_KINDS, type MeetingKind } from './life.ts';

/** The font slots of the Word documents (GB/T 9704 §7.3: 标题 小标宋, 一级 黑体, 二级 楷体, 三级 仿宋; 页码 宋体). */
export const FONT_SLOTS = ['body', 'title', 'heading1', 'heading2', 'heading3', 'pageNumber'] as const;
export type FontSlot = (typeof FONT_SLOTS)[number];

export const FONT_SLOT_LABELS: Record<FontSlot, string> = {
  body: '正文',
  title: '标题',
  heading1: '一级标题',
  heading2: '二级标题',
  heading3: '三级标题',
  pageNumber: '页码',
};

const fontName = z
  .string()
  .trim()
  .max(40, '字体名称不能超过 40 个字')
  // A name goes into the document's XML attributes and the fontTable: no markup, no control characters.
  .regex(/^[^\p{Cc}<>&"]*$/u, '字体名称不能包含 < > & " 或控制字符');

const fontsInput = z.strictObject(
  Object.fromEntries(FONT_SLOTS.map((slot) => [slot, fontName.optional()])) as Record<
    FontSlot,
    z.ZodOptional<typeof fontName>
  >,
);

/** What each slot prints, for the settings page. */
export const FONT_SLOT_HINTS: Record<FontSlot, string> = {
  body: '记录、表格和说明的文字（公文规定 3 号仿宋）',
  title: '封面和文书标题（公文规定 2 号小标宋体）',
  heading1: '“一、”级标题和表头（黑体）',
  heading2: '“（一）”级标题（楷体）',
  heading3: '“1.”“（1）”级标题（仿宋，常加粗）',
  pageNumber: '页码“— 1 —”（4 号宋体）',
};

export interface DocumentFontsInfo {
  /** The slots in order, with their Chinese names and what they print. */
  slots: Array<{ key: FontSlot; label: string; hint: string }>;
  /** What the documents use: the stored setting, or the default where none is stored. */
  fonts: Record<FontSlot, string>;
  /** Only the slots this ledger has set. */
  stored: Partial<Record<FontSlot, string>>;
  defaults: Record<FontSlot, string>;
  /** Font names offices commonly have, with the GB2312-only ones marked. */
  suggestions: Array<{ name: string; gb2312Only: boolean }>;
  /** Members whose names have characters a GB2312-only font cannot draw (镕 喆 堃 𠮷 …). */
  rareNames: Array<{ name: string; characters: string[] }>;
  /** For the fonts now in use: which names will print in a substitute font. */
  warnings: string[];
}

export interface PlaceholderInfo {
  /** Written in the .docx as {{key}}, e.g. {{会议时间}}. */
  key: string;
  description: string;
  /** Common to every record kind, or a field of this kind's record template. */
  scope: 'common' | 'kind';
}

export interface DocTemplateInfo {
  id: number;
  kind: MeetingKind;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  /** The placeholders found in the file, in order of first appearance. */
  placeholders: string[];
  importedAt: string;
  importedBy: string;
}

export interface RecordKindTemplates {
  kind: MeetingKind;
  /** The record's name, e.g. 支部委员会会议记录. */
  name: string;
  /** The committee's own .docx, or null: the built-in layout (内置版式). */
  template: DocTemplateInfo | null;
}

const id = z.number().int().positive();

/** One section of the ledger book as the layout prints it (the preview on 文档设置 → 台账版式). */
export interface BookLayoutSectionInfo {
  /** 二级标题 as printed, e.g. “（一）党员花名册”. */
  title: string;
  /** The data it prints (roster, dues …) and its Chinese name. */
  source: string;
  sourceLabel: string;
  orientation: 'portrait' | 'landscape';
  /** Column headers in order; empty for the meeting records (printed as forms). */
  columns: string[];
}

export interface BookLayoutInfo {
  /** 'default': the layout shipped with the program; 'imported': this ledger's own. */
  origin: 'default' | 'imported';
  name: string;
  version: string;
  /** The imported file's name, when it is the ledger's own. */
  fileName: string | null;
  importedAt: string | null;
  importedBy: string | null;
  /** Parts (一级标题 “一、基本情况”) with their sections, in print order. */
  parts: Array<{ title: string; sections: BookLayoutSectionInfo[] }>;
  /** The layout in use as JSON (column widths as printed): the starting point of a committee's own. */
  json: string;
  /** Why the stored layout cannot be used any more (the default prints meanwhile), or null. */
  problem: string | null;
}

const bookLayoutFile = z.object({
  fileName: z.string().trim().min(1, '请提供文件名').max(200, '文件名不能超过 200 个字'),
  // A layout is a few dozen KB of JSON.
  text: z.string().min(1, '文件是空的').max(1_000_000, '文件超过 1 MB，不像是台账版式文件'),
});

export const documentSettingsApi = {
  /** 文档字体 of this ledger, with the GB2312 check of members' names. */
  'documents.getFonts': method<DocumentFontsInfo>()(z.object({})),
  /** Replaces the stored fonts (an empty slot takes the default; {} = 恢复默认). Audited. */
  'documents.setFonts': method<DocumentFontsInfo>()(z.object({ fonts: fontsInput })),
  /** Record kinds with their active .docx template, if any. */
  'documents.listTemplates': method<RecordKindTemplates[]>()(z.object({})),
  /** A committee's own .docx for a record kind, with {{placeholders}} checked against the catalog. */
  'documents.importTemplate': method<DocTemplateInfo>()(
    z.object({
      kind: z.enum(MEETING_KINDS),
      fileName: z.string().trim().min(1, '请提供文件名').max(200, '文件名不能超过 200 个字'),
      // 10 MB of .docx as base64; a record template is a few dozen KB.
      dataBase64: z.string().min(1, '文件是空的').max(14_000_000, '文件超过 10 MB'),
    }),
  ),
  /** Back to the built-in layout for that kind. */
  'documents.deleteTemplate': method<RecordKindTemplates[]>()(z.object({ id })),
  /** 台账版式: the layout of the year's ledger book in use (default or this ledger's own). */
  'documents.getBookLayout': method<BookLayoutInfo>()(z.object({})),
  /** Checks a layout file and lists its sections, without storing it; a bad file fails naming the JSON path. */
  'documents.previewBookLayout': method<BookLayoutInfo>()(bookLayoutFile),
  /** Stores a layout file as this ledger's own (checked as in preview). Audited. */
  'documents.importBookLayout': method<BookLayoutInfo>()(bookLayoutFile),
  /** 恢复默认: back to the layout shipped with the program. Audited. */
  'documents.resetBookLayout': method<BookLayoutInfo>()(z.object({})),
  /** The placeholders a template of this kind may use. */
  'documents.placeholders': method<PlaceholderInfo[]>()(z.object({ kind: z.enum(MEETING_KINDS) })),
};
