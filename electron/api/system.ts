import { z } from 'zod';
import { method } from './contract.ts';

export interface AppInfo {
  appVersion: string;
  ledgerPath: string;
  schemaVersion: number;
  /** True until the first 党支部 exists: the renderer shows the setup guide. */
  needsSetup: boolean;
  /** The rule set in force, e.g. 全国规定（2018支部工作条例、2014发展党员细则） v2026.1. */
  ruleSet: { id: string; name: string; version: string };
  /** Browser mode (loopback bridge) or the Electron window. */
  transport: 'ipc' | 'bridge';
}

export interface BackupEntry {
  name: string;
  reason: 'daily' | 'pre-migration' | 'pre-import' | 'pre-restore' | 'manual';
  createdAt: string;
  sizeBytes: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first entry whose hash does not follow from the one before it. */
  brokenAt: number | null;
}

export interface RuleParameterInfo {
  key: string;
  label: string;
  /** Numbers only: bracket tables (党费) are shown, not edited here. */
  value: number | null;
  nationalValue: number | null;
  unit: string;
  source: string;
  tag: string;
  overridden: boolean;
}

export const systemApi = {
  'rules.list': method<RuleParameterInfo[]>()(z.object({})),
  /** A local, stricter setting of a numeric rule (e.g. 党课 every quarter); null restores the national value. */
  'rules.set': method<RuleParameterInfo[]>()(
    z.object({ key: z.string().min(1).max(80), value: z.number().min(0).max(1000).nullable() }),
  ),
  'app.info': method<AppInfo>()(z.object({})),
  'backup.list': method<BackupEntry[]>()(z.object({})),
  'backup.create': method<BackupEntry>()(z.object({})),
  /** Replaces the ledger with a backup; the replaced ledger is kept as a backup first. */
  'backup.restore': method<{ restored: string; keptAs: string }>()(
    z.object({ name: z.string().regex(/^[\w.-]+\.sqlite$/, '备份文件名不正确') }),
  ),
  'audit.recent': method<AuditEntry[]>()(z.object({ limit: z.number().int().min(1).max(500).default(50) })),
  'audit.verify': method<AuditVerification>()(z.object({})),
  /**
   * Opens a file this app has just exported (in Word/WPS), or shows it in its folder. Only files
   * the app wrote into its export folder in this session; anything else is refused.
   */
  'system.openPath': method<{ opened: boolean }>()(
    z.object({ path: z.string().min(1).max(1000), reveal: z.boolean().optional() }),
  ),
};
