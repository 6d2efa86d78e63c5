/**
 * What the parse worker does with an untrusted file. Each task is a plain function from bytes to a
 * structured-cloneable result, so the same code runs in the worker and (in tests of the functions
 * themselves) in-process.
 */
import type { PackageVerifyReport } from '../../api/package.ts';
import type { VerifyReport } from '../../api/workbook.ts';
import type { ReadWorkbook } from '../export/xlsx/read.ts';
import type { LedgerBundle } from '../import/bundle.ts';

export type ThisLedger = { ledgerId: string; publicKey: string } | null;

export type ParseTask =
  | { kind: 'package.verify'; fileName: string; bytes: Uint8Array; thisLedger: ThisLedger }
  | { kind: 'package.read'; fileName: string; bytes: Uint8Array; thisLedger: ThisLedger }
  | { kind: 'workbook.verify'; fileName: string; bytes: Uint8Array; thisLedger: ThisLedger }
  /** Every sheet's cells, for the workbook importer to read a file it did not make safe itself. */
  | { kind: 'workbook.read'; fileName: string; bytes: Uint8Array };

export interface PackageContents {
  report: PackageVerifyReport;
  bundle: LedgerBundle;
  /** Attachment bytes by SHA-256, each checked against its name. */
  attachments: Array<{ sha256: string; bytes: Uint8Array }>;
}

export type ParseResult<T extends ParseTask['kind']> = T extends 'package.verify'
  ? PackageVerifyReport
  : T extends 'package.read'
    ? PackageContents
    : T extends 'workbook.verify'
      ? VerifyReport
      : ReadWorkbook;

/**
 * Each kind loads only its own reader (dynamic imports stay lazy in the esbuild bundle): a worker
 * lives for one file, and the xlsx reader alone is most of the bundle's start-up.
 */
export async function runParseTask(task: ParseTask): Promise<unknown> {
  switch (task.kind) {
    case 'package.verify': {
      const { openPackage } = await import('./verify.ts');
      return openPackage(task.bytes, task.fileName, { thisLedger: task.thisLedger }).report;
    }
    case 'package.read': {
      const { readPackage } = await import('./read-package.ts');
      return readPackage(task.bytes, task.fileName, task.thisLedger);
    }
    case 'workbook.verify': {
      const { verifyWorkbook } = await import('../export/xlsx/verify.ts');
      return verifyWorkbook(task.bytes, task.fileName, { thisLedger: task.thisLedger });
    }
    case 'workbook.read': {
      const { readWorkbook } = await import('../export/xlsx/read.ts');
      return readWorkbook(task.bytes, task.fileName);
    }
  }
}
