import type { OutputOf, ParsedInputOf } from '../../api/contract.ts';
import type { importsApi } from '../../api/imports.ts';
import { importWorkbook } from '../import/index.ts';
import type { LedgerRef } from './types.ts';

type ImportsApi = typeof importsApi;
type ImportHandlers = {
  [M in keyof ImportsApi]: (input: ParsedInputOf<ImportsApi[M]>) => Promise<OutputOf<ImportsApi[M]>>;
};

/**
 * Import of our own workbooks (issue #7). A refused file is a report, not an error: the person
 * sees every refused row with its sheet, row and column, and the ledger is unchanged.
 */
export function importHandlers(ledger: LedgerRef, backupBeforeImport: () => void): ImportHandlers {
  return {
    'import.workbook': (input) =>
      importWorkbook(
        ledger(),
        {
          fileName: input.fileName,
          bytes: Buffer.from(input.dataBase64, 'base64'),
          ...(input.branchId !== undefined ? { branchId: input.branchId } : {}),
          skipInvalid: input.skipInvalid === true,
          dryRun: input.dryRun === true,
        },
        backupBeforeImport,
      ),
  };
}
