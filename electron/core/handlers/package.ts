import type { OutputOf, ParsedInputOf } from '../../api/contract.ts';
import type { packageApi } from '../../api/package.ts';
import type { Ledger } from '../ledger.ts';
import { importPackage } from '../package/import.ts';
import type { ThisLedger } from '../package/parse-tasks.ts';
import { parseInWorker } from '../package/run-parse.ts';
import { exportedPackageInfo, exportPackage } from '../package/writer.ts';
import { readLedgerId, readPublicSigningKey } from '../signing/keys.ts';
import type { LedgerRef } from './types.ts';

type PackageApi = typeof packageApi;
type PackageHandlers = {
  [M in keyof PackageApi]: (input: ParsedInputOf<PackageApi[M]>) => Promise<OutputOf<PackageApi[M]>>;
};

/** This ledger's id and public key, if it has signed before: a package claiming to be ours is checked against them. */
export function thisLedgerOf(ledger: Ledger): ThisLedger {
  const key = readPublicSigningKey(ledger);
  const ledgerId = readLedgerId(ledger);
  return key && ledgerId ? { ledgerId, publicKey: key.publicKey } : null;
}

/** The signed ledger package (.zip): export, verify and import (issue #7). */
export function packageHandlers(
  ledger: LedgerRef,
  options: { appVersion: string; backup: () => void },
): PackageHandlers {
  return {
    'package.export': async (input) =>
      exportedPackageInfo(
        exportPackage(ledger(), {
          branchId: input.branchId,
          all: input.all,
          year: input.year ?? null,
          appVersion: options.appVersion,
        }),
      ),
    'package.verify': async (input) =>
      parseInWorker({
        kind: 'package.verify',
        fileName: input.fileName,
        bytes: Buffer.from(input.dataBase64, 'base64'),
        thisLedger: thisLedgerOf(ledger()),
      }),
    'package.import': async (input) =>
      importPackage(
        ledger(),
        { fileName: input.fileName, bytes: Buffer.from(input.dataBase64, 'base64'), dryRun: input.dryRun },
        { thisLedger: thisLedgerOf(ledger()), backup: options.backup },
      ),
  };
}
