/**
 * `package.import` / `branch-ledger import FILE.zip`: the package is read and verified in the parse
 * worker (limits, hashes, signature, every field of its data checked by zod), then handed to the
 * import engine (applyBundle: one transaction, one audit entry, matched by origin ids so a second
 * import changes nothing). Tampering is reported, not refused (issue #7); a package the engine
 * refuses changes nothing.
 *
 * Attachments are copied into the ledger's content-addressed store only when the import is about
 * to write (never on a dry run or a refused file), each written as .part and renamed, after its
 * bytes were checked against its SHA-256 in the worker.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageImportReport } from '../../api/package.ts';
import { applyBundle } from '../import/apply.ts';
import type { Ledger } from '../ledger.ts';
import { attachmentsDir } from '../modules/life/attachments.ts';
import type { ThisLedger } from './parse-tasks.ts';
import { parseInWorker } from './run-parse.ts';

export interface PackageImportInput {
  fileName: string;
  bytes: Uint8Array;
  dryRun?: boolean;
}

export interface PackageImportHooks {
  thisLedger: ThisLedger;
  /** The pre-import backup, taken once just before the first real write. */
  backup?: () => void;
}

export async function importPackage(
  ledger: Ledger,
  input: PackageImportInput,
  hooks: PackageImportHooks,
): Promise<PackageImportReport> {
  const contents = await parseInWorker({
    kind: 'package.read',
    fileName: input.fileName,
    bytes: input.bytes,
    thisLedger: hooks.thisLedger,
  });
  const { report: verify, bundle, attachments } = contents;
  const dir = attachmentsDir(ledger.path);
  const missing = attachments.filter((a) => !existsSync(join(dir, a.sha256)));
  let copied = 0;
  const result = applyBundle(
    ledger,
    bundle,
    { fileName: input.fileName, dryRun: input.dryRun === true },
    {
      integrity: {
        status: verify.status,
        message: verify.message,
        editedSheets: verify.files.map((f) => f.path),
      },
      beforeWrite: () => {
        hooks.backup?.();
        if (missing.length > 0) mkdirSync(dir, { recursive: true });
        for (const a of missing) {
          const stored = join(dir, a.sha256);
          writeFileSync(`${stored}.part`, a.bytes);
          renameSync(`${stored}.part`, stored);
          copied += 1;
        }
      },
    },
  );
  return {
    file: input.fileName,
    verify,
    import: result,
    attachments: { total: attachments.length, copied, alreadyPresent: attachments.length - missing.length },
  };
}
