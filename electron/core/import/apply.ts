/**
 * `applyBundle`: writes a LedgerBundle into this ledger in ONE transaction with ONE audit entry,
 * and says per record what happened — added, updated (which fields), unchanged, refused (where and
 * why). Any refused record refuses the whole file, nothing written, unless the caller asks to keep
 * the valid ones. A dry run does exactly the same work and rolls it back, so the report a person
 * confirms is the report of what will happen.
 */
import type { ImportReport, ImportSheetCounts } from '../../api/imports.ts';
import { sql } from '../db/sql.ts';
import { type Ledger, write } from '../ledger.ts';
import { applyMeetings } from './apply-life.ts';
import { applyTheRest } from './apply-more.ts';
import { applyMembers, applyUnits } from './apply-org.ts';
import { applyDues, applyPlans } from './apply-routine.ts';
import { applyTalks } from './apply-talks.ts';
import type { LedgerBundle } from './bundle.ts';
import { type ApplyOptions, ImportContext } from './context.ts';

export type { ApplyOptions } from './context.ts';

export interface ApplyExtras {
  /** What verify said about the file (a package or workbook reader fills this in). */
  integrity?: ImportReport['integrity'];
  /** Sheets of the file this version reads but does not write. */
  notImported?: string[];
  /** Called once, outside any transaction, before the first real write (the pre-import backup). */
  beforeWrite?: () => void;
}

class Rollback extends Error {
  constructor(readonly report: ImportReport) {
    super('import rolled back');
  }
}

function counts(ctx: ImportContext): ImportSheetCounts[] {
  const bySheet = new Map<string, ImportSheetCounts>();
  for (const row of ctx.rows) {
    const entry = bySheet.get(row.sheet) ?? {
      sheet: row.sheet,
      added: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      refused: 0,
    };
    entry[row.outcome] += 1;
    bySheet.set(row.sheet, entry);
  }
  // In the order of the workbook, whatever order the records were met in.
  const rank = (sheet: string) => {
    const at = SHEET_ORDER.indexOf(sheet);
    return at < 0 ? SHEET_ORDER.length : at;
  };
  return [...bySheet.values()].sort((a, b) => rank(a.sheet) - rank(b.sheet));
}

const SHEET_ORDER = [
  '组织',
  '党员花名册',
  '组织生活',
  '出席登记',
  '谈心谈话',
  '计划与督办',
  '党费收缴',
  '支部委员会任期',
  '发展党员',
  '换届选举',
  '书记项目',
  '党员积分',
  '考核评分',
];

function branchOf(ctx: ImportContext): ImportReport['branch'] {
  const branch = ctx.bundle.units.find((u) => u.kind === '党支部');
  const local = branch ? ctx.mapped('org_unit', branch.id) : (ctx.options.branchId ?? null);
  const name = local
    ? (ctx.ledger.db.get<{ name: string }>('import.branchName', sql`SELECT name FROM org_unit WHERE id = ${local}`)
        ?.name ?? '')
    : (branch?.name ?? '');
  return { id: local, name };
}

function summarize(sheets: readonly ImportSheetCounts[]): string {
  const sum = (k: 'added' | 'updated' | 'unchanged' | 'skipped' | 'refused') => sheets.reduce((s, c) => s + c[k], 0);
  const skipped = sum('skipped') > 0 ? `，跳过 ${sum('skipped')} 条` : '';
  return `新增 ${sum('added')} 条，更新 ${sum('updated')} 条，未变 ${sum('unchanged')} 条${skipped}，拒绝 ${sum('refused')} 条`;
}

function run(ledger: Ledger, bundle: LedgerBundle, options: ApplyOptions, extras: ApplyExtras, commit: boolean) {
  try {
    return write(ledger, () => {
      const ctx = new ImportContext(ledger, bundle, options);
      for (const p of bundle.problems) {
        ctx.refusals.push({ sheet: p.sheet, row: p.row, column: p.column, field: p.field, message: p.message });
        ctx.rows.push({ sheet: p.sheet, row: p.row, label: p.message, outcome: 'refused', fields: [] });
      }
      applyUnits(ctx);
      applyMembers(ctx);
      applyMeetings(ctx);
      applyTalks(ctx);
      applyPlans(ctx);
      applyDues(ctx);
      applyTheRest(ctx);
      const sheets = counts(ctx);
      const refusedRows = new Set(ctx.refusals.map((r) => `${r.sheet}:${r.row}`)).size;
      const refusedFile = ctx.refusals.length > 0 && !options.skipInvalid;
      const changes = ctx.rows.filter((r) => r.outcome === 'added' || r.outcome === 'updated').length;
      const dryRun = options.dryRun === true;
      const file = options.fileName;
      let message: string;
      if (refusedFile) {
        message = `“${file}”中有 ${refusedRows} 行有问题，整个文件${dryRun ? '将不能' : '未'}导入，台账未做任何修改。请更正后重新导入，或选择“仅导入有效行”。`;
      } else if (changes === 0) {
        message = `“${file}”的内容与台账一致，无需导入（${summarize(sheets)}）。`;
      } else {
        message = `${dryRun ? '预览' : '已导入'}“${file}”：${summarize(sheets)}。`;
      }
      const report: ImportReport = {
        file,
        kind: bundle.source.kind,
        integrity: extras.integrity ?? { status: 'unsigned', message: '', editedSheets: [] },
        branch: branchOf(ctx),
        dryRun,
        committed: !dryRun && !refusedFile && changes > 0 && commit,
        refusedFile,
        message,
        sheets,
        rows: ctx.rows,
        refusals: ctx.refusals,
        notices: ctx.notices,
        notImported: extras.notImported ?? [],
      };
      // Nothing to keep: a dry run, a refused file, or a file that changes nothing (no audit entry for it).
      if (!report.committed) throw new Rollback(report);
      return {
        result: report,
        audit: {
          action: bundle.source.kind === 'ledger-package' ? 'import.package' : 'import.workbook',
          entity: 'import',
          entityId: null,
          after: {
            file,
            kind: bundle.source.kind,
            sourceLedgerId: bundle.source.ledgerId,
            integrity: report.integrity.status,
            branchId: report.branch.id,
            sheets,
          },
          summary: `导入“${file}”到${report.branch.name}：${summarize(sheets)}`,
        },
      };
    });
  } catch (error) {
    if (error instanceof Rollback) return error.report;
    throw error;
  }
}

export function applyBundle(
  ledger: Ledger,
  bundle: LedgerBundle,
  options: ApplyOptions,
  extras: ApplyExtras = {},
): ImportReport {
  if (options.dryRun) return run(ledger, bundle, options, extras, false);
  // First the same work rolled back: a refused or empty import takes no backup and writes nothing.
  const preview = run(ledger, bundle, options, extras, false);
  const changes = preview.rows.some((r) => r.outcome === 'added' || r.outcome === 'updated');
  if (preview.refusedFile || !changes) return { ...preview, dryRun: false };
  extras.beforeWrite?.();
  return run(ledger, bundle, options, extras, true);
}
