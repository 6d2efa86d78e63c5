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

/**
 * Long exports run off the main thread as jobs. The caller names the job (a client-made id), so it
 * can match progress events to its call and cancel it (export.cancel) before the answer arrives.
 * keepFile: the app also saves the file in its export folder (Electron window only), so the
 * person can open it in Word/WPS or show it in its folder (system.openPath).
 */
export const jobFields = {
  jobId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, '任务编号只能由字母、数字、-、_ 组成')
    .optional(),
  keepFile: z.boolean().optional(),
};

export interface ExportedDocument {
  fileName: string;
  /** The .docx bytes, base64 — the same over IPC and over the loopback bridge. */
  dataBase64: string;
  /** Pages as laid out (Word, WPS and LibreOffice show the same, the contents list relies on it). */
  pages?: number;
  /** E.g. names with characters a GB2312-only font lacks. */
  warnings: string[];
  /** Where the app saved a copy (keepFile, Electron window only). */
  savedPath?: string;
}

/** The books of every branch of a year, one .docx each, in one .zip. */
export interface ExportedBooks {
  fileName: string;
  /** The .zip bytes, base64. */
  dataBase64: string;
  books: Array<{ branchId: number; branchName: string; fileName: string; pages?: number; warnings: string[] }>;
  savedPath?: string;
}

export const exportApi = {
  /** The ledger book of a branch-year (党支部工作台账 20XX年度). */
  'export.ledgerDocx': method<ExportedDocument>()(
    z.object({
      branchId: id,
      year: z.number().int().min(2000).max(2100),
      fonts: fontSettingsSchema.optional(),
      ...jobFields,
    }),
    { progress: true },
  ),
  /** The books of all branches of a year, as one .zip (browser download or saved copy). */
  'export.ledgerDocxAll': method<ExportedBooks>()(
    z.object({ year: z.number().int().min(2000).max(2100), fonts: fontSettingsSchema.optional(), ...jobFields }),
    { progress: true },
  ),
  /** Stops a running export job: its call then fails with CANCELLED (已取消导出) and no file is written. */
  'export.cancel': method<{ cancelled: boolean }>()(z.object({ jobId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) })),
  /** One meeting or activity record as its own document (导出Word). */
  'export.meetingDocx': method<ExportedDocument>()(z.object({ meetingId: id, fonts: fontSettingsSchema.optional() })),
};
