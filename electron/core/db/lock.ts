import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { LedgerError } from '../errors.ts';

/**
 * One app instance per ledger: a lock file beside it holding the owner's pid. A lock whose
 * process is gone (a crash, a power cut) is stale and taken over.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLedgerLock(ledgerPath: string, alive: (pid: number) => boolean = isProcessAlive): () => void {
  const lockPath = `${ledgerPath}.lock`;
  try {
    writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number(readFileSync(lockPath, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
      throw new LedgerError(
        'LEDGER_LOCKED',
        `台账“${ledgerPath}”已在另一个窗口中打开（进程 ${owner}）。请切换到那个窗口，或先关闭它再打开。`,
      );
    }
    writeFileSync(lockPath, String(process.pid));
  }
  return () => {
    try {
      if (readFileSync(lockPath, 'utf8').trim() === String(process.pid)) rmSync(lockPath, { force: true });
    } catch {
      // Already gone: nothing to release.
    }
  };
}
