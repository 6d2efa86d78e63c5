import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LedgerService, openLedgerService } from '../../electron/core/service.ts';

/** A fresh ledger file in its own temporary folder, on real SQLite. */
export function tempLedgerDir(prefix = 'ledger-test-'): { dir: string; dbPath: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, dbPath: join(dir, 'ledger.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function fixedClock(iso: string): () => Date {
  return () => new Date(iso);
}

export function openTestService(dbPath: string, now = '2026-11-23T09:00:00+08:00'): LedgerService {
  return openLedgerService({ dbPath, appVersion: '0.0.0-test', actor: 'tester', clock: fixedClock(now) });
}

export async function setupBranch(service: LedgerService): Promise<{ branchId: number; groupIds: number[] }> {
  const units = await service.call('org.setup', {
    committee: { name: '中共测试公司委员会' },
    branches: [{ name: '第一党支部', groups: ['第一党小组', '第二党小组'] }],
  });
  const branch = units.find((u) => u.kind === '党支部');
  if (!branch) throw new Error('setup made no branch');
  return { branchId: branch.id, groupIds: units.filter((u) => u.kind === '党小组').map((u) => u.id) };
}

/** A valid member: 公民身份号码 with a correct GB 11643 check character. */
export const SAMPLE_MEMBER = {
  name: '张伟',
  gender: '男' as const,
  birthDate: '1985-06-15',
  idNumber: '110101198506150019',
  joinDate: '2010-07-01',
  fullDate: '2011-07-01',
};
