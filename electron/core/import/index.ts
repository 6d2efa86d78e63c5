/**
 * Import of the app's own workbooks (issue #7): read → bundle → apply, one file at a time, each
 * all-or-nothing. Packages (electron/core/package) build their own bundle and call applyBundle.
 */
import type { ImportReport } from '../../api/imports.ts';
import type { Ledger } from '../ledger.ts';
import { applyBundle } from './apply.ts';
import { readOurWorkbook } from './workbook.ts';

export { type ApplyExtras, type ApplyOptions, applyBundle } from './apply.ts';
export type { LedgerBundle } from './bundle.ts';
export { emptyBundle } from './bundle.ts';
export { readOurWorkbook } from './workbook.ts';

export interface WorkbookImportInput {
  fileName: string;
  bytes: Uint8Array;
  branchId?: number;
  skipInvalid?: boolean;
  dryRun?: boolean;
}

/** `beforeWrite` runs once before anything is written (the pre-import backup); never on a dry run or a refused file. */
export async function importWorkbook(
  ledger: Ledger,
  input: WorkbookImportInput,
  beforeWrite?: () => void,
): Promise<ImportReport> {
  const read = await readOurWorkbook(ledger, input.bytes, input.fileName, {
    ...(input.branchId !== undefined ? { branchId: input.branchId } : {}),
  });
  return applyBundle(
    ledger,
    read.bundle,
    {
      fileName: input.fileName,
      ...(read.branchId !== undefined ? { branchId: read.branchId } : {}),
      skipInvalid: input.skipInvalid === true,
      dryRun: input.dryRun === true,
    },
    { integrity: read.integrity, notImported: read.notImported, ...(beforeWrite ? { beforeWrite } : {}) },
  );
}
