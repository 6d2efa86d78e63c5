import { z } from 'zod';
import { method } from './contract.ts';
import { jobFields } from './export.ts';

const id = z.number().int().positive();

export interface ExportedWorkbook {
  fileName: string;
  /** The .xlsx bytes, base64 — the same over IPC and over the loopback bridge. */
  dataBase64: string;
  /** Sheet names in order (说明 first; the manifest sheet is very hidden and not listed). */
  sheets: string[];
  /** The ledger's signing-key fingerprint, as printed on the 说明 sheet. */
  fingerprint: string;
  /** Where the app saved a copy (keepFile, Electron window only). */
  savedPath?: string;
}

export interface FillInTemplate {
  fileName: string;
  dataBase64: string;
}

export interface SigningKeyInfo {
  /** Eight groups of four hex digits, to read out to an auditor. */
  fingerprint: string;
  /** SPKI DER, base64. */
  publicKey: string;
  createdAt: string;
}

/**
 * intact: signature valid and every sheet's values as exported.
 * edited: signature valid, but values changed after export (see `sheets`).
 * bad-signature: the manifest itself was altered, or signed by a different key than this ledger's.
 * unsigned: no manifest — a filled-in template or another program's file. Information, not a verdict.
 */
export type VerifyStatus = 'intact' | 'edited' | 'bad-signature' | 'unsigned';

export interface VerifyRowChange {
  /** The row in the file as it is now; null for a row that was deleted. */
  row: number | null;
  /** The record's id ("member:12"); null for a row added without one. */
  id: string | null;
  change: 'changed' | 'deleted' | 'added';
}

export interface VerifySheetResult {
  name: string;
  status: 'intact' | 'edited' | 'missing';
  /** Record rows that differ from the export. */
  changes: VerifyRowChange[];
  /** Rows without a record id (title, headers, 合计, notes, signature line) that are new or changed. */
  frameRows: number[];
  /** Same rows, same values, different order. */
  reordered: boolean;
}

export interface VerifyReport {
  file: string;
  status: VerifyStatus;
  /** One or two Chinese sentences for a person. */
  message: string;
  /** What the manifest says was exported (null when unsigned or unreadable). */
  exported: {
    ledgerId: string;
    branchId: number;
    branchName: string;
    year: number;
    exportedAt: string;
    pack: { id: string; version: string };
    ruleSet: { id: string; version: string };
    idNumbers: 'masked' | 'full';
  } | null;
  /** The key the manifest was signed with; compare the fingerprint with the one the branch gave. */
  signer: { fingerprint: string; publicKey: string; matchesThisLedger: boolean | null } | null;
  sheets: VerifySheetResult[];
  /** Sheets present in the file but not in the manifest. */
  addedSheets: string[];
  /** For bad-signature: what is wrong with the manifest. */
  problem: string | null;
}

export const workbookApi = {
  /** The signed ledger workbook of a branch-year (Excel). */
  'workbook.export': method<ExportedWorkbook>()(
    z.object({
      branchId: id,
      year: z.number().int().min(2000).max(2100),
      /** 公民身份号码 in full instead of masked (RULES.md §10.2); the export is audited. */
      includeFullIdNumbers: z.boolean().optional(),
      ...jobFields,
    }),
    { progress: true },
  ),
  /** The blank fill-in workbook (drop-down lists, notes, an example row). */
  'workbook.template': method<FillInTemplate>()(z.object({ branchId: id.optional() })),
  /** Checks a workbook against its manifest and signature; changes nothing. */
  'workbook.verify': method<VerifyReport>()(
    z.object({ fileName: z.string().min(1).max(255), dataBase64: z.string().min(1) }),
  ),
  /** This ledger's signing key fingerprint (made on first use), for the clerk to give the auditor. */
  'workbook.signingKey': method<SigningKeyInfo>()(z.object({})),
};
