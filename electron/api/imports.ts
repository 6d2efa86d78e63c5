import { z } from 'zod';
import { method } from './contract.ts';
import type { VerifyStatus } from './workbook.ts';

/**
 * skipped: a record a ledger workbook shows but cannot carry in full — e.g. the 党费 row of a
 * member who has left the branch (the roster sheet lists only members on the roll, so the file
 * has no name, birth date … to create them from). The ledger package carries them.
 */
export type ImportOutcome = 'added' | 'updated' | 'unchanged' | 'skipped' | 'refused';

/** One record of the file and what the import did (or, in a dry run, would do) with it. */
export interface ImportRowResult {
  sheet: string;
  /** 1-based row in the file; null for records without a row of their own (e.g. a package). */
  row: number | null;
  /** What the record is, for a person: "党员 张三", "组织生活 2024-03-05 党员大会". */
  label: string;
  outcome: ImportOutcome;
  /** For 'updated': the fields that differ (Chinese labels). */
  fields: string[];
}

/** A row that was refused, with the cell to look at and the reason. */
export interface ImportRefusal {
  sheet: string;
  row: number | null;
  /** Column letter ("E") when the reason is one cell. */
  column: string | null;
  field: string | null;
  message: string;
}

export interface ImportSheetCounts {
  sheet: string;
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  refused: number;
}

export interface ImportReport {
  file: string;
  /** What the file is: our signed export, a filled-in template, or a package. */
  kind: 'ledger-workbook' | 'fill-in-template' | 'ledger-package';
  /** The integrity of the file (information for the auditor, never a refusal). */
  integrity: { status: VerifyStatus; message: string; editedSheets: string[] };
  /** The branch the records went (or would go) into. */
  branch: { id: number | null; name: string };
  dryRun: boolean;
  /** True when the records were written; false for a dry run or a refused file. */
  committed: boolean;
  /** True when refused rows stopped the whole file (nothing written). */
  refusedFile: boolean;
  /** One Chinese sentence for the person. */
  message: string;
  sheets: ImportSheetCounts[];
  rows: ImportRowResult[];
  refusals: ImportRefusal[];
  /** What the person should know that refuses nothing (skipped records, people not counted). */
  notices: ImportRefusal[];
  /** Sheets of the file that this version does not import (their rows are read but not written). */
  notImported: string[];
}

export const importsApi = {
  /**
   * Imports one of the app's own workbooks (exported or a filled-in template): all-or-nothing,
   * matched by id (or natural keys for a template), with a report. `dryRun` reports without writing.
   */
  'import.workbook': method<ImportReport>()(
    z.object({
      fileName: z.string().min(1).max(255),
      dataBase64: z.string().min(1),
      branchId: z.number().int().positive().optional(),
      skipInvalid: z.boolean().optional(),
      dryRun: z.boolean().optional(),
    }),
  ),
};
