import { z } from 'zod';
import { method } from './contract.ts';
import { type ExportedDocument, fontSettingsSchema } from './export.ts';

const id = z.number().int().positive();

/** Single documents (导出Word on a record's page), each laid out by its template in templates/documents/. */
export const documentsApi = {
  /** 发展党员全程记实表 of one person. */
  'export.developmentDocx': method<ExportedDocument>()(
    z.object({ personId: id, fonts: fontSettingsSchema.optional() }),
  ),
  /** The election document pack: 请示, 选票, 计票单, 选举结果报告单 — one .docx, each part on its own page. */
  'export.electionDocx': method<ExportedDocument>()(z.object({ electionId: id, fonts: fontSettingsSchema.optional() })),
  /** The assessment score sheet of a branch-year. */
  'export.scoreSheetDocx': method<ExportedDocument>()(
    z.object({ branchId: id, year: z.number().int().min(2000).max(2100), fonts: fontSettingsSchema.optional() }),
  ),
  /** One 谈心谈话 record. */
  'export.talkDocx': method<ExportedDocument>()(z.object({ talkId: id, fonts: fontSettingsSchema.optional() })),
};
