import type { OutputOf, ParsedInputOf } from '../../api/contract.ts';
import type { importsApi } from '../../api/imports.ts';
import { LedgerError } from '../errors.ts';
import { importWorkbook } from '../import/index.ts';
import { parseInWorker } from '../package/run-parse.ts';
import type { LedgerRef } from './types.ts';

type ImportsApi = typeof importsApi;
type ImportHandlers = {
  [M in keyof ImportsApi]: (input: ParsedInputOf<ImportsApi[M]>) => Promise<OutputOf<ImportsApi[M]>>;
};

/** The worker's reader speaks of checking ("核验"); here the person is importing. */
function asImport(error: unknown, fileName: string): unknown {
  if (!(error instanceof LedgerError)) return error;
  return new LedgerError(
    error.code,
    error.message.replace(`无法核验“${fileName}”`, `无法导入“${fileName}”`).replace('后再核验', '后再导入'),
    error.details,
    { cause: error },
  );
}

/**
 * Import of our own workbooks (issue #7). A refused file is a report, not an error: the person
 * sees every refused row with its sheet, row and column, and the ledger is unchanged.
 *
 * The untrusted file is read first in the parse worker, under its heap and time limits: a hostile
 * workbook (bombs, a million rows, a parser crash) ends there with a message naming the file, and
 * never blocks or kills the app. Only a file that reads cleanly within those limits goes on to the
 * importer, whose bounded reader then works on a file known to be sound.
 */
export function importHandlers(ledger: LedgerRef, backupBeforeImport: () => void): ImportHandlers {
  return {
    'import.workbook': async (input) => {
      const bytes = Buffer.from(input.dataBase64, 'base64');
      try {
        await parseInWorker({ kind: 'workbook.read', fileName: input.fileName, bytes });
      } catch (error) {
        throw asImport(error, input.fileName);
      }
      return importWorkbook(
        ledger(),
        {
          fileName: input.fileName,
          bytes,
          ...(input.branchId !== undefined ? { branchId: input.branchId } : {}),
          skipInvalid: input.skipInvalid === true,
          dryRun: input.dryRun === true,
        },
        backupBeforeImport,
      );
    },
  };
}
