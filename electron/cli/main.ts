import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import packageJson from '../../package.json' with { type: 'json' };
import { ORG_KINDS } from '../api/org.ts';
import { checkRestorable, createBackup, replaceLedgerFile } from '../core/db/backup.ts';
import { generateDemo } from '../core/demo/generate.ts';
import { LedgerError, serializeError } from '../core/errors.ts';
import { isPackageFile, runExportPackage, runImportFiles, runVerifyFiles } from '../core/package/cli-commands.ts';
import { defaultLedgerPath } from '../core/paths.ts';
import { type LedgerService, openLedgerService, recordRestore } from '../core/service.ts';
import { runExportDocx } from './export.ts';
import { formatTable } from './table.ts';
import { runExportXlsx, runTemplate, runVerify } from './workbook.ts';

/** Exit codes of CLI.md. */
export const EXIT = { ok: 0, findings: 1, usage: 2, badInput: 3, internal: 4 } as const;

class UsageError extends Error {}

const HELP: Record<string, string> = {
  '': `用法: branch-ledger <命令> [选项]

命令:
  init                         建立台账（或升级到当前数据格式）
  demo [--branches N] [--members M] [--years Y] [--seed S]
                               生成示例数据（同一 seed 结果相同）
  org list                     列出组织
  org add --name 名称 --kind 党委|党总支|党支部|党小组 [--parent ID]
  member list [--branch ID] [--as-of YYYY-MM-DD]
  member import 文件.xlsx --branch ID [--skip-invalid]
  export --branch ID | --all --year YYYY --format docx|xlsx --out 路径 [--full-id-numbers]
                               导出年度工作台账（Word 或带签名的 Excel；--all 时 --out 为文件夹；
                               Excel 中公民身份号码默认遮盖，--full-id-numbers 导出完整号码）
  template --out 文件.xlsx [--branch ID]
                               生成空白填报模板（下拉列表、填写说明、示例行）
  export --branch ID | --all [--year YYYY] --format package --out 路径
                               导出带签名的台账包（.zip：全部记录、附件、模板包；不给 --year 时含全部年度）
  verify 文件…                 核验 Excel 台账或台账包（.zip）是否在导出后被改动（被改动或签名无效时退出码为 1）
  import 文件… [--dry-run] [--branch ID] [--skip-invalid]
                               导入本程序的工作簿（.xlsx）和台账包（.zip），每个文件全部成功或全部不导入
  grade --year YYYY [--branch ID]  按考核细则评分并提出等级（标准型/示范型/红旗型/未达标）
  check --year YYYY [--branch ID]  检查组织生活等是否符合规定（发现问题时退出码为 1）
  backup --out 路径            在线备份
  restore 路径                 从备份恢复（先保留当前台账的副本）

全局选项:
  --db 路径    台账文件（默认：桌面程序使用的文件；环境变量 BRANCH_LEDGER_DB 可覆盖）
  --json       输出一个 JSON 文档（给脚本用）
  --help       帮助

退出码: 0 完成  1 发现问题  2 用法错误  3 输入文件有误（未做修改）  4 内部错误（未做修改）`,
};

interface Context {
  json: boolean;
  dbPath: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

function openService(ctx: Context): LedgerService {
  return openLedgerService({ dbPath: ctx.dbPath, appVersion: packageJson.version });
}

function emit(ctx: Context, value: unknown, human: () => string): void {
  ctx.out(ctx.json ? JSON.stringify(value, null, 2) : human());
}

function requireInt(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} 应为正整数`);
  return n;
}

async function withService<T>(ctx: Context, run: (service: LedgerService) => Promise<T>): Promise<T> {
  const service = openService(ctx);
  try {
    return await run(service);
  } finally {
    service.close();
  }
}

type Values = Record<string, string | boolean | undefined>;

async function runCommand(command: string[], values: Values, ctx: Context): Promise<number> {
  const [verb, sub, ...rest] = command;
  switch (verb) {
    case 'init':
      return withService(ctx, async (service) => {
        const info = await service.call('app.info', {});
        emit(ctx, info, () => `台账已就绪：${info.ledgerPath}（数据格式第 ${info.schemaVersion} 版）`);
        return EXIT.ok;
      });
    case 'demo':
      return withService(ctx, async (service) => {
        const summary = generateDemo(service.ledger, {
          branches: requireInt(values.branches, 'branches') ?? 3,
          members: requireInt(values.members, 'members') ?? 60,
          years: requireInt(values.years, 'years') ?? 3,
          seed: requireInt(values.seed, 'seed') ?? 1,
        });
        emit(
          ctx,
          summary,
          () => `已生成示例数据：${summary.branches} 个党支部，${summary.members} 名党员，覆盖 ${summary.years} 年。`,
        );
        return EXIT.ok;
      });
    case 'org':
      return runOrg(sub, values, ctx);
    case 'check':
      return runCheck(values, ctx);
    case 'grade':
      return runGrade(values, ctx);
    case 'export': {
      if (values.format === 'package') {
        if (typeof values.out !== 'string') throw new UsageError('export 需要 --out 路径');
        const options = {
          branchId: requireInt(values.branch, 'branch'),
          all: values.all === true,
          year: requireInt(values.year, 'year') ?? null,
          out: values.out,
          json: ctx.json,
        };
        return withService(ctx, (service) => runExportPackage(service, options, ctx));
      }
      if (values.format !== 'docx' && values.format !== 'xlsx')
        throw new UsageError('export 支持 --format docx|xlsx|package');
      const year = requireInt(values.year, 'year');
      if (!year) throw new UsageError('export 需要 --year YYYY');
      if (typeof values.out !== 'string') throw new UsageError('export 需要 --out 路径');
      const target = {
        branchId: requireInt(values.branch, 'branch'),
        all: values.all === true,
        year,
        out: values.out,
        json: ctx.json,
      };
      if (values.format === 'xlsx') {
        const includeFullIdNumbers = values['full-id-numbers'] === true;
        return withService(ctx, (service) => runExportXlsx(service.ledger, { ...target, includeFullIdNumbers }, ctx));
      }
      return withService(ctx, (service) => runExportDocx(service, target, ctx));
    }
    case 'template': {
      if (typeof values.out !== 'string') throw new UsageError('template 需要 --out 文件.xlsx');
      const out = values.out;
      const branchId = requireInt(values.branch, 'branch');
      return withService(ctx, (service) => runTemplate(service.ledger, { out, branchId, json: ctx.json }, ctx));
    }
    // Auditors verify files without the branches' ledgers: no ledger is opened.
    case 'verify':
      if ([sub, ...rest].some((f) => f !== undefined && isPackageFile(f))) {
        return runVerifyFiles(
          [sub, ...rest].filter((f): f is string => f !== undefined),
          { json: ctx.json },
          ctx,
        );
      }
      return runVerify(
        [sub, ...rest].filter((f): f is string => f !== undefined),
        { json: ctx.json },
        ctx,
      );
    case 'member':
      return runMember(sub, rest, values, ctx);
    case 'import': {
      const files = [sub, ...rest].filter((f): f is string => f !== undefined);
      const options = {
        json: ctx.json,
        dryRun: values['dry-run'] === true,
        branchId: requireInt(values.branch, 'branch'),
        skipInvalid: values['skip-invalid'] === true,
      };
      return withService(ctx, (service) => runImportFiles(service, files, options, ctx));
    }
    case 'backup':
      return withService(ctx, async (service) => {
        if (typeof values.out !== 'string') throw new UsageError('backup 需要 --out 路径');
        const entry = createBackup(
          service.ledger.db,
          service.ledger.path,
          'manual',
          service.ledger.clock(),
          resolve(values.out),
        );
        emit(
          ctx,
          { ...entry, path: resolve(values.out) },
          () => `已备份到 ${resolve(values.out as string)}（${entry.sizeBytes} 字节）`,
        );
        return EXIT.ok;
      });
    case 'restore': {
      if (!sub) throw new UsageError('restore 需要备份文件路径');
      const source = resolve(sub);
      checkRestorable(source);
      const kept = await withService(ctx, async (service) =>
        createBackup(service.ledger.db, service.ledger.path, 'pre-restore', service.ledger.clock()),
      );
      replaceLedgerFile(ctx.dbPath, source);
      const info = await withService(ctx, async (service) => {
        recordRestore(service.ledger, basename(source), kept.name);
        return service.call('app.info', {});
      });
      emit(ctx, { restored: source, keptAs: kept.name, schemaVersion: info.schemaVersion }, () =>
        [`已从 ${basename(source)} 恢复台账。`, `恢复前的台账已保存为备份 ${kept.name}。`].join('\n'),
      );
      return EXIT.ok;
    }
    default:
      throw new UsageError(verb ? `未知命令“${verb}”` : '缺少命令');
  }
}

async function runCheck(values: Values, ctx: Context): Promise<number> {
  const year = requireInt(values.year, 'year');
  if (!year) throw new UsageError('check 需要 --year YYYY');
  return withService(ctx, async (service) => {
    const branchId = requireInt(values.branch, 'branch');
    const branches = branchId
      ? [branchId]
      : (await service.call('org.list', {})).filter((u) => u.kind === '党支部').map((u) => u.id);
    const reports = [];
    for (const id of branches) reports.push(await service.call('compliance.year', { branchId: id, year }));
    const findings = reports.flatMap((r) =>
      r.findings.map((f) => ({ branchId: r.branchId, branchName: r.branchName, ...f })),
    );
    emit(ctx, { year, asOf: reports[0]?.asOf ?? null, ruleSet: reports[0]?.ruleSet ?? null, findings }, () =>
      findings.length === 0
        ? `${year}年 ${branches.length} 个党支部未发现问题。`
        : `${formatTable(
            ['党支部', '规则', '级别', '问题', '依据'],
            findings.map((f) => [
              f.branchName,
              f.ruleId,
              f.severity === 'error' ? '缺失' : '提醒',
              f.message,
              f.source.slice(0, 40),
            ]),
          )}\n共 ${findings.length} 条`,
    );
    return findings.length > 0 ? EXIT.findings : EXIT.ok;
  });
}

async function runGrade(values: Values, ctx: Context): Promise<number> {
  const year = requireInt(values.year, 'year');
  if (!year) throw new UsageError('grade 需要 --year YYYY');
  return withService(ctx, async (service) => {
    const branchId = requireInt(values.branch, 'branch');
    const results = branchId
      ? [await service.call('assessment.get', { branchId, year })]
      : await service.call('assessment.committee', { year });
    emit(ctx, results, () =>
      results
        .map((r) =>
          [
            `${r.branchName}  ${r.year}年  ${r.total}/${r.maxTotal} 分  拟定等级：${r.proposedTier}（${r.stage}）`,
            formatTable(
              ['类别', '评分项', '方式', '得分', '满分', '说明'],
              r.items.map((i) => [
                i.category,
                i.title,
                i.mode === 'auto' ? '自动' : '人工',
                i.points ?? '待评',
                i.maxPoints,
                i.explanation,
              ]),
            ),
            ...r.vetoes.map((v) => `一票否决：${v.title}（${v.reason}）`),
            ...r.blockers.map((b) => `未能评为更高等级：${b}`),
          ].join('\n'),
        )
        .join('\n\n'),
    );
    return EXIT.ok;
  });
}

async function runOrg(sub: string | undefined, values: Values, ctx: Context): Promise<number> {
  return withService(ctx, async (service) => {
    if (sub === 'list') {
      const units = await service.call('org.list', {});
      emit(ctx, units, () =>
        formatTable(
          ['编号', '类别', '名称', '上级编号'],
          units.map((u) => [u.id, u.kind, u.name, u.parentId]),
        ),
      );
      return EXIT.ok;
    }
    if (sub === 'add') {
      if (typeof values.name !== 'string') throw new UsageError('org add 需要 --name');
      const kind = values.kind;
      if (typeof kind !== 'string' || !(ORG_KINDS as readonly string[]).includes(kind)) {
        throw new UsageError(`--kind 应为 ${ORG_KINDS.join('|')}`);
      }
      const unit = await service.call('org.create', {
        name: values.name,
        kind: kind as (typeof ORG_KINDS)[number],
        parentId: requireInt(values.parent, 'parent') ?? null,
      });
      emit(ctx, unit, () => `已新增${unit.kind}“${unit.name}”，编号 ${unit.id}`);
      return EXIT.ok;
    }
    throw new UsageError('org 的子命令: list | add');
  });
}

async function runMember(sub: string | undefined, rest: string[], values: Values, ctx: Context): Promise<number> {
  return withService(ctx, async (service) => {
    if (sub === 'list') {
      const asOf = typeof values['as-of'] === 'string' ? values['as-of'] : undefined;
      const members = await service.call('member.list', { branchId: requireInt(values.branch, 'branch'), asOf });
      emit(
        ctx,
        members,
        () =>
          `${formatTable(
            ['编号', '姓名', '性别', '出生日期', '公民身份号码', '入党时间', '转正时间', '类别', '党小组', '职务'],
            members.map((m) => [
              m.id,
              m.name,
              m.gender,
              m.birthDate,
              m.idNumberMasked,
              m.joinDate,
              m.fullDate,
              m.membership,
              m.groupName,
              m.posts.join('、'),
            ]),
          )}\n共 ${members.length} 人`,
      );
      return EXIT.ok;
    }
    if (sub === 'import') {
      const file = rest[0];
      if (!file) throw new UsageError('member import 需要 Excel 文件路径');
      const branchId = requireInt(values.branch, 'branch');
      if (!branchId) throw new UsageError('member import 需要 --branch ID');
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new LedgerError('BAD_FILE', `无法读取文件“${file}”。`, [{ file, message: '文件不存在或无法读取' }]);
      }
      const report = await service.call('member.importCommit', {
        branchId,
        fileName: basename(file),
        dataBase64: bytes.toString('base64'),
        skipInvalid: values['skip-invalid'] === true,
      });
      emit(ctx, report, () => {
        const lines = [`已从“${report.file}”（工作表“${report.sheet}”）导入 ${report.imported ?? 0} 名党员。`];
        if (report.invalidRows > 0 || report.duplicates.length > 0) {
          lines.push(`未导入 ${report.invalidRows} 行（其中 ${report.duplicates.length} 行重复）：`);
          for (const issue of report.issues)
            lines.push(
              `  第 ${issue.row} 行${issue.column ? ` ${issue.column} 列` : ''}${issue.field ? `【${issue.field}】` : ''}：${issue.message}`,
            );
          for (const dup of report.duplicates) lines.push(`  第 ${dup.row} 行：${dup.message}`);
        }
        return lines.join('\n');
      });
      return EXIT.ok;
    }
    throw new UsageError('member 的子命令: list | import');
  });
}

function exitCodeOf(error: LedgerError): number {
  switch (error.code) {
    case 'VALIDATION':
    case 'UNKNOWN_METHOD':
      return EXIT.usage;
    case 'INTERNAL':
      return EXIT.internal;
    default:
      return EXIT.badInput;
  }
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        branches: { type: 'string' },
        members: { type: 'string' },
        years: { type: 'string' },
        seed: { type: 'string' },
        name: { type: 'string' },
        kind: { type: 'string' },
        parent: { type: 'string' },
        branch: { type: 'string' },
        'as-of': { type: 'string' },
        'skip-invalid': { type: 'boolean' },
        out: { type: 'string' },
        year: { type: 'string' },
        all: { type: 'boolean' },
        format: { type: 'string' },
        'full-id-numbers': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
      },
    });
  } catch (error) {
    io.err(`用法错误：${(error as Error).message}\n\n${HELP['']}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    io.out(HELP[''] ?? '');
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const ctx: Context = {
    json: values.json === true,
    dbPath: resolve(
      typeof values.db === 'string'
        ? values.db
        : defaultLedgerPath({ platform: process.platform, env: process.env, homedir: homedir(), cwd: process.cwd() }),
    ),
    ...io,
  };
  try {
    // No option is declared `multiple`, so no value is an array.
    return await runCommand(positionals, values as Values, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`用法错误：${error.message}\n运行 branch-ledger --help 查看用法。`);
      return EXIT.usage;
    }
    const serialized = serializeError(error);
    if (ctx.json) io.out(JSON.stringify({ ok: false, error: serialized }, null, 2));
    io.err(serialized.message);
    for (const d of serialized.details) {
      const where = [
        d.file,
        d.sheet && `工作表“${d.sheet}”`,
        d.row && `第 ${d.row} 行`,
        d.column && `${d.column} 列`,
        d.field && `【${d.field}】`,
      ]
        .filter(Boolean)
        .join(' ');
      io.err(`  ${where}：${d.message}`);
    }
    if (!(error instanceof LedgerError)) {
      io.err(String((error as Error).stack ?? error));
      return EXIT.internal;
    }
    return exitCodeOf(error);
  }
}
