import type { OutputOf, ParsedInputOf } from '../../api/contract.ts';
import type { workbookApi } from '../../api/workbook.ts';
import { exportFillInTemplate, exportLedgerWorkbook } from '../export/xlsx/index.ts';
import type { Ledger } from '../ledger.ts';
import { parseInWorker } from '../package/run-parse.ts';
import { ledgerSigningKey, readLedgerId, readPublicSigningKey } from '../signing/keys.ts';
import { type ExportJobContext, workbookExportJob } from './export.ts';
import type { LedgerRef } from './types.ts';

type WorkbookApi = typeof workbookApi;
type WorkbookHandlers = {
  [M in keyof WorkbookApi]: (input: ParsedInputOf<WorkbookApi[M]>) => Promise<OutputOf<WorkbookApi[M]>>;
};

/** This ledger's id and public key, if it has exported before: a verify names files claiming to be ours. */
function thisLedger(ledger: Ledger): { ledgerId: string; publicKey: string } | null {
  const key = readPublicSigningKey(ledger);
  const ledgerId = readLedgerId(ledger);
  return key && ledgerId ? { ledgerId, publicKey: key.publicKey } : null;
}

/** Excel workbooks: the signed ledger export, the fill-in template and verification (issue #7). */
export function workbookHandlers(ledger: LedgerRef, jobs?: ExportJobContext): WorkbookHandlers {
  // With a job context (the service) the export runs in a worker thread, with progress and cancel.
  const inWorker = jobs ? workbookExportJob(ledger, jobs) : null;
  return {
    'workbook.export': async (input) => {
      if (inWorker) return inWorker(input);
      const out = await exportLedgerWorkbook(ledger(), input);
      return {
        fileName: out.fileName,
        dataBase64: out.buffer.toString('base64'),
        sheets: out.sheets,
        fingerprint: out.fingerprint,
      };
    },
    'workbook.template': async (input) => {
      const out = await exportFillInTemplate(ledger(), input);
      return { fileName: out.fileName, dataBase64: out.buffer.toString('base64') };
    },
    // An untrusted file: read in the parse worker, under its heap and time limits (run-parse.ts).
    'workbook.verify': async (input) =>
      parseInWorker({
        kind: 'workbook.verify',
        fileName: input.fileName,
        bytes: Buffer.from(input.dataBase64, 'base64'),
        thisLedger: thisLedger(ledger()),
      }),
    'workbook.signingKey': async () => {
      const { fingerprint, publicKey, createdAt } = ledgerSigningKey(ledger());
      return { fingerprint, publicKey, createdAt };
    },
  };
}
