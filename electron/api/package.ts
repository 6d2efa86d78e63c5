import { z } from 'zod';
import { method } from './contract.ts';
import type { ImportReport } from './imports.ts';

const id = z.number().int().positive();
/** An empty file is allowed through, so the person is told "文件是空的" rather than about base64. */
const file = { fileName: z.string().min(1).max(255), dataBase64: z.string() };

export interface ExportedPackage {
  fileName: string;
  /** The .zip bytes, base64 — the same over IPC and over the loopback bridge. */
  dataBase64: string;
  /** The ledger's signing-key fingerprint, for the clerk to give the auditor. */
  fingerprint: string;
  branches: Array<{ id: number; name: string }>;
  year: number | null;
  /** Files inside the package besides manifest.json and signature. */
  fileCount: number;
  attachmentCount: number;
  sizeBytes: number;
}

/**
 * intact: signature valid and every file exactly as exported.
 * edited: signature valid, but files changed, removed or added since (see `files`).
 * bad-signature: the manifest was altered, or signed by another key than the one it claims.
 * unsigned: a package without a signature — nothing can be said about who made it.
 */
export type PackageVerifyStatus = 'intact' | 'edited' | 'bad-signature' | 'unsigned';

export interface PackageFileChange {
  /** Path inside the package, e.g. data/meetings.json, attachments/ab12….jpg. */
  path: string;
  change: 'changed' | 'missing' | 'added';
  /** What the file is, for a person: 会议记录数据, 附件, 模板包文件 … */
  label: string;
  /** For a changed data file: the records that differ (by the manifest's per-record hashes). */
  records?: Array<{ id: string; change: 'changed' | 'deleted' | 'added'; label: string }>;
}

export interface PackageVerifyReport {
  file: string;
  status: PackageVerifyStatus;
  /** One or two Chinese sentences for a person. */
  message: string;
  exported: {
    ledgerId: string;
    ledgerName: string;
    branches: Array<{ id: number; name: string }>;
    year: number | null;
    createdAt: string;
    appVersion: string;
    pack: { id: string; version: string };
    ruleSet: { id: string; version: string };
  } | null;
  signer: { fingerprint: string; publicKey: string; matchesThisLedger: boolean | null } | null;
  /** Only the files that differ from the manifest. */
  files: PackageFileChange[];
  fileCount: number;
  problem: string | null;
}

export interface PackageImportReport {
  file: string;
  /** What verify says about the package: information for the auditor, never a refusal. */
  verify: PackageVerifyReport;
  /** The import engine's report: added, updated, unchanged and refused records. */
  import: ImportReport;
  /** Attachment files referenced by the package's records; copied = newly stored in this ledger. */
  attachments: { total: number; copied: number; alreadyPresent: number };
}

export const packageApi = {
  /** The signed full-fidelity package (.zip) of one branch or all branches, one year or all years. */
  'package.export': method<ExportedPackage>()(
    z
      .object({
        branchId: id.optional(),
        all: z.boolean().optional(),
        /** Omitted or null: every year. */
        year: z.number().int().min(2000).max(2100).nullable().optional(),
      })
      .refine((v) => (v.branchId !== undefined) !== (v.all === true), {
        message: '请选择一个党支部，或选择全部党支部',
        path: ['branchId'],
      }),
  ),
  /** Checks a package against its manifest and signature; changes nothing. */
  'package.verify': method<PackageVerifyReport>()(z.object(file)),
  /** Verifies, then imports a package all-or-nothing (dryRun: report only, write nothing). */
  'package.import': method<PackageImportReport>()(z.object({ ...file, dryRun: z.boolean().optional() })),
};
