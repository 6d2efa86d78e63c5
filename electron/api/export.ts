import { z } from 'zod';
import { method } from './contract.ts';

const id = z.number().int().positive();
const fontName = z.string().trim().min(1).max(40);

/** Font names a unit's PCs really have (仿宋_GB2312, 仿宋, 方正仿宋_GBK …); missing ones take the defaults. */
export const fontSettingsSchema = z.object({
  body: fontName.optional(),
  title: fontName.optional(),
  heading1: fontName.optional(),
  heading2: fontName.optional(),
});

export interface ExportedDocument {
  fileName: string;
  /** The .docx bytes, base64 — the same over IPC and over the loopback bridge. */
  dataBase64: string;
  /** Pages as laid out (Word, WPS and LibreOffice show the same, the contents list relies on it). */
  pages?: number;
  /** E.g. names with characters a GB2312-only font lacks. */
  warnings: string[];
}

export const exportApi = {
  /** The ledger book of a branch-year (党支部工作台账 20XX年度). */
  'export.ledgerDocx': method<ExportedDocument>()(
    z.object({ branchId: id, year: z.number().int().min(2000).max(2100), fonts: fontSettingsSchema.optional() }),
  ),
  /** One meeting or activity record as its own document (导出Word). */
  'export.meetingDocx': method<ExportedDocument>()(z.object({ meetingId: id, fonts: fontSettingsSchema.optional() })),
};
