import { hostname, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { ApiResult, ProgressEvent } from '../api/contract.ts';
import { type Api, api, isMethodName, MEMBER_FIELD_LABELS, type MethodName, type Output } from '../api/index.ts';
import { recentAudit, verifyAuditChain } from './db/audit.ts';
import { backupsDir, checkRestorable, createBackup, hasBackupOn, listBackups, replaceLedgerFile } from './db/backup.ts';
import { acquireLedgerLock } from './db/lock.ts';
import { openDatabase } from './db/open.ts';
import { sql } from './db/sql.ts';
import { LedgerError, serializeError } from './errors.ts';
import { assessmentHandlers } from './handlers/assessment.ts';
import { committeeHandlers } from './handlers/committee.ts';
import { developmentAndElectionHandlers } from './handlers/development-elections.ts';
import { documentSettingsHandlers } from './handlers/document-settings.ts';
import { documentHandlers } from './handlers/documents.ts';
import { dutiesHandlers } from './handlers/duties.ts';
import { exemplaryHandlers } from './handlers/exemplary.ts';
import { attachWithPrintCopy, type ExportJobContext, exportHandlers, openPathHandler } from './handlers/export.ts';
import { importHandlers } from './handlers/imports.ts';
import { lifeHandlers } from './handlers/life.ts';
import { packageHandlers } from './handlers/package.ts';
import { routineAndDuesHandlers } from './handlers/routine-dues.ts';
import type { Handlers, Transport } from './handlers/types.ts';
import { workbookHandlers } from './handlers/workbook.ts';
import { exportFolder, type OpenFile } from './jobs/export-files.ts';
import { JobRunner } from './jobs/worker-pool.ts';
import { type Ledger, today, write } from './ledger.ts';
import { getMember, listMembers } from './modules/org/members-read.ts';
import { assignPost, changeStatus, createMember, endPost, updateMember } from './modules/org/members-write.ts';
import { commitRosterImport, previewRosterImport } from './modules/org/roster-import.ts';
import { createUnit, listUnits, renameUnit, setupOrganisation } from './modules/org/units.ts';
import { effectiveRuleSet, listRuleParameters, setOverride } from './modules/settings/rule-overrides.ts';
import { type Clock, localDate, systemClock } from './time.ts';

z.config(z.locales.zhCN());

export type { Transport } from './handlers/types.ts';

export interface LedgerServiceOptions {
  dbPath: string;
  actor?: string;
  appVersion: string;
  clock?: Clock;
  nativeBinding?: string;
  /** Automatic daily backup on open (off for throw-away ledgers in benchmarks). */
  dailyBackup?: boolean;
  /** The app and browser mode hold the ledger alone; the CLI does not take the lock. */
  exclusive?: boolean;
  /** Where exports are saved for "打开文件" (default: an exports folder beside the ledger). */
  exportsDir?: string;
  /** The shell's way to open a file or show it in its folder (Electron only). */
  openFile?: OpenFile;
}

export interface LedgerService {
  invoke(method: string, input: unknown, transport: Transport): Promise<ApiResult<unknown>>;
  /** Typed in-process call for the CLI and tests; throws LedgerError. */
  call<M extends MethodName>(method: M, input: z.input<Api[M]['input']>, transport?: Transport): Promise<Output<M>>;
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  readonly ledger: Ledger;
  close(): void;
}

export function defaultActor(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return 'unknown';
  }
}

function openLedger(options: LedgerServiceOptions): Ledger {
  const clock = options.clock ?? systemClock;
  const actor = options.actor ?? defaultActor();
  const { db } = openDatabase(options.dbPath, {
    fullCheck: options.dailyBackup !== false && !hasBackupOn(options.dbPath, localDate(clock())),
    actor,
    appVersion: options.appVersion,
    now: clock,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    beforeMigrate: (oldDb) => createBackup(oldDb, options.dbPath, 'pre-migration', clock()),
  });
  return { db, path: options.dbPath, actor, clock, ruleSet: effectiveRuleSet(db) };
}

/** The restored ledger's own history says it was restored, from what, and where the replaced one went. */
export function recordRestore(ledger: Ledger, restored: string, keptAs: string): void {
  write(ledger, () => ({
    result: null,
    audit: {
      action: 'backup.restore',
      entity: 'ledger',
      after: { restored, keptAs },
      summary: `从备份“${restored}”恢复台账；恢复前的台账已保存为“${keptAs}”`,
    },
  }));
}

function hasData(ledger: Ledger): boolean {
  return (ledger.db.get<{ n: number }>('ledger.hasData', sql`SELECT COUNT(*) AS n FROM org_unit`)?.n ?? 0) > 0;
}

function toValidationError(error: z.ZodError): LedgerError {
  const labels: Record<string, string> = MEMBER_FIELD_LABELS;
  const details = error.issues.map((issue) => {
    const key = issue.path.map(String).join('.');
    return { field: labels[key] ?? key, message: issue.message };
  });
  const names = details.map((d) => d.field).filter(Boolean);
  return new LedgerError(
    'VALIDATION',
    `输入有误${names.length ? `（${names.join('、')}）` : ''}，未做任何修改。`,
    details,
  );
}

export function openLedgerService(options: LedgerServiceOptions): LedgerService {
  const releaseLock = options.exclusive ? acquireLedgerLock(options.dbPath) : () => {};
  let ledger: Ledger;
  try {
    ledger = openLedger(options);
  } catch (error) {
    releaseLock();
    throw error;
  }
  const listeners = new Set<(event: ProgressEvent) => void>();
  // Exports run in worker threads with their own connections; progress goes to every listener.
  const jobs: ExportJobContext = {
    runner: new JobRunner(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    progress: (event) => {
      for (const listener of listeners) listener(event);
    },
    folder: exportFolder(options.exportsDir ?? join(dirname(options.dbPath), 'exports')),
    ...(options.openFile ? { open: options.openFile } : {}),
  };
  const backup = (reason: 'daily' | 'pre-import' | 'pre-restore' | 'manual') =>
    createBackup(ledger.db, ledger.path, reason, ledger.clock());

  /**
   * One backup covers a run of imports: an auditor importing a folder of 200 files gets the ledger as
   * it was before the first file, not 200 copies of a growing file. A new one is taken as soon as
   * anything but an import was written since, after 10 minutes, or on another ledger (a restore).
   */
  let importRun: { ledger: Ledger; atMs: number; auditId: number } | null = null;
  const IMPORT_ACTIONS = sql.in(['import.workbook', 'import.package', 'member.import']);
  const lastAuditId = () =>
    ledger.db.get<{ id: number }>('audit.lastId', sql`SELECT COALESCE(MAX(id), 0) AS id FROM audit_log`)?.id ?? 0;
  const preImportBackup = () => {
    const now = ledger.clock().getTime();
    if (importRun && importRun.ledger === ledger && now - importRun.atMs < 10 * 60_000) {
      const others = ledger.db.get<{ n: number }>(
        'audit.othersSinceImportBackup',
        sql`SELECT COUNT(*) AS n FROM audit_log WHERE id > ${importRun.auditId} AND action NOT IN ${IMPORT_ACTIONS}`,
      )?.n;
      if (others === 0) return;
    }
    backup('pre-import');
    importRun = { ledger, atMs: now, auditId: lastAuditId() };
  };

  if (options.dailyBackup !== false && hasData(ledger) && !hasBackupOn(ledger.path, today(ledger))) backup('daily');

  const current = () => ledger;
  const handlers: Handlers = {
    ...lifeHandlers(current),
    ...routineAndDuesHandlers(current),
    ...developmentAndElectionHandlers(current),
    ...exportHandlers(current, jobs),
    // Overrides life.attach: a photo's print copy is made in a worker (handlers/export.ts).
    'life.attach': attachWithPrintCopy(current, jobs),
    ...documentSettingsHandlers(current),
    ...documentHandlers(current),
    ...assessmentHandlers(current),
    ...committeeHandlers(current),
    ...workbookHandlers(current, jobs),
    ...importHandlers(current, preImportBackup),
    ...dutiesHandlers(current),
    ...exemplaryHandlers(current),
    ...packageHandlers(current, { appVersion: options.appVersion, backup: preImportBackup }),
    'rules.list': () => listRuleParameters(ledger),
    'rules.set': (input) => {
      setOverride(ledger, input.key, input.value);
      ledger = { ...ledger, ruleSet: effectiveRuleSet(ledger.db) };
      return listRuleParameters(ledger);
    },
    'app.info': (_input, transport) => ({
      appVersion: options.appVersion,
      ledgerPath: ledger.path,
      schemaVersion: ledger.db.pragma<number>('user_version'),
      needsSetup: !listUnits(ledger).some((u) => u.kind === '党支部'),
      ruleSet: { id: ledger.ruleSet.id, name: ledger.ruleSet.name, version: ledger.ruleSet.version },
      transport: transport === 'ipc' ? 'ipc' : 'bridge',
    }),
    'backup.list': () => listBackups(ledger.path),
    'backup.create': () => backup('manual'),
    'backup.restore': (input) => {
      const source = join(backupsDir(ledger.path), basename(input.name));
      checkRestorable(source, options.nativeBinding);
      const kept = backup('pre-restore');
      ledger.db.raw.close();
      replaceLedgerFile(ledger.path, source);
      ledger = openLedger(options);
      recordRestore(ledger, input.name, kept.name);
      return { restored: input.name, keptAs: kept.name };
    },
    'audit.recent': (input) => recentAudit(ledger.db, input.limit),
    'audit.verify': () => verifyAuditChain(ledger.db),
    'system.openPath': openPathHandler(jobs),
    'org.list': () => listUnits(ledger),
    'org.create': (input) => createUnit(ledger, input),
    'org.rename': (input) => renameUnit(ledger, input),
    'org.setup': (input) => setupOrganisation(ledger, input),
    'member.list': (input) => listMembers(ledger, input),
    'member.get': (input) => getMember(ledger, input.id),
    'member.create': (input) => createMember(ledger, input),
    'member.update': (input) => updateMember(ledger, input),
    'member.changeStatus': (input) => changeStatus(ledger, input),
    'member.assignPost': (input) => assignPost(ledger, input),
    'member.endPost': (input) => endPost(ledger, input),
    'member.importPreview': (input) =>
      previewRosterImport(ledger, { ...input, bytes: Buffer.from(input.dataBase64, 'base64') }),
    'member.importCommit': (input) =>
      commitRosterImport(ledger, { ...input, bytes: Buffer.from(input.dataBase64, 'base64') }, preImportBackup),
  };

  async function run(method: string, input: unknown, transport: Transport): Promise<unknown> {
    if (!isMethodName(method)) throw new LedgerError('UNKNOWN_METHOD', `没有名为“${method}”的功能。`);
    const parsed = api[method].input.safeParse(input ?? {});
    if (!parsed.success) throw toValidationError(parsed.error);
    const handler = handlers[method] as (input: unknown, transport: Transport) => unknown;
    return await handler(parsed.data, transport);
  }

  return {
    get ledger() {
      return ledger;
    },
    async invoke(method, input, transport) {
      try {
        return { ok: true, value: await run(method, input, transport) };
      } catch (error) {
        if (!(error instanceof LedgerError))
          process.stderr.write(`[internal] ${method}: ${(error as Error).stack ?? error}\n`);
        return { ok: false, error: serializeError(error) };
      }
    },
    async call(method, input, transport = 'cli') {
      return (await run(method, input, transport)) as Output<typeof method>;
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      jobs.runner.cancelAll();
      if (ledger.db.raw.open) ledger.db.raw.close();
      releaseLock();
    },
  };
}
