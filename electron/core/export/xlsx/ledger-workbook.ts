/**
 * The ledger workbook of one branch-year (issue #7, export): 说明, one sheet per ledger, and the
 * signed manifest in a veryHidden sheet.
 */
import { LedgerError } from '../../errors.ts';
import { type Ledger, today, write } from '../../ledger.ts';
import { listUnits } from '../../modules/org/units.ts';
import { ledgerSigningKey, readLedgerId } from '../../signing/keys.ts';
import {
  type LedgerWorkbookManifest,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  type ManifestSheet,
  signManifest,
} from '../manifest.ts';
import { fillPlaceholders, ledgerWorkbookLayout, localTime, PACK, safeFileName } from './layout.ts';
import { type CoverLine, writeCoverSheet, writeDataSheet } from './ledger-sheets.ts';
import { writeManifestSheet, writeWorkbook } from './sheet-writer.ts';
import { SOURCE_FIELDS, SOURCES, type SourceContext, type SourceData } from './sources/index.ts';

export interface LedgerWorkbookOptions {
  branchId: number;
  year: number;
  /** 公民身份号码 in full (RULES.md §10.2): only on explicit request, and the export is audited either way. */
  includeFullIdNumbers?: boolean;
}

export interface ExportedLedgerWorkbook {
  fileName: string;
  buffer: Buffer;
  sheets: string[];
  fingerprint: string;
  manifest: LedgerWorkbookManifest;
}

/** The layout was checked against SOURCE_FIELDS, so a missing source is a programming error. */
function sourceOf(name: string) {
  const source = SOURCES[name];
  if (!source) throw new Error(`no workbook source ${name}`);
  return source;
}

function ledgerId(ledger: Ledger): string {
  const id = readLedgerId(ledger);
  if (!id) throw new LedgerError('LEDGER_CORRUPT', '台账缺少编号（ledger_id），无法导出签名的工作簿。');
  return id;
}

export async function exportLedgerWorkbook(
  ledger: Ledger,
  options: LedgerWorkbookOptions,
): Promise<ExportedLedgerWorkbook> {
  const units = listUnits(ledger);
  const branch = units.find((u) => u.id === options.branchId);
  if (branch?.kind !== '党支部') {
    throw new LedgerError('NOT_FOUND', `找不到编号为 ${options.branchId} 的党支部。`, [
      { field: '党支部', message: '不存在' },
    ]);
  }
  const parent = units.find((u) => u.id === branch.parentId);
  const layout = ledgerWorkbookLayout(SOURCE_FIELDS);
  const yearEnd = `${options.year}-12-31`;
  const asOf = today(ledger) < yearEnd ? today(ledger) : yearEnd;
  const includeFull = options.includeFullIdNumbers === true;
  const ctx: SourceContext = { ledger, branch, year: options.year, asOf, includeFullIdNumbers: includeFull };
  // Everything is read before a byte is written: a failing module never leaves half a workbook.
  const gathered: Array<{ data: SourceData; sheet: (typeof layout.sheets)[number] }> = layout.sheets.map((sheet) => ({
    sheet,
    data: sourceOf(sheet.source).gather(ctx),
  }));
  const key = ledgerSigningKey(ledger);
  const now = ledger.clock();
  const placeholders = { branch: branch.name, year: options.year };
  const title = fillPlaceholders(layout.cover.title, placeholders);
  const fileName = safeFileName(fillPlaceholders(layout.fileName, placeholders));

  // RULES.md §10.3: the audit log records who exported the roster, and says when ID numbers were in full.
  write(ledger, () => ({
    result: null,
    audit: {
      action: 'workbook.export',
      entity: 'org_unit',
      entityId: branch.id,
      after: { year: options.year, fileName, idNumbers: includeFull ? 'full' : 'masked', fingerprint: key.fingerprint },
      summary: `导出${branch.name}${options.year}年度工作台账（Excel，公民身份号码${includeFull ? '完整' : '已遮盖'}）`,
    },
  }));

  const coverLines: CoverLine[] = [
    { label: '党支部', value: branch.name },
    { label: '上级党组织', value: parent?.name ?? '' },
    { label: '年度', value: `${options.year}年度` },
    { label: '数据截至', value: asOf },
    { label: '导出时间', value: localTime(now) },
    { label: '台账编号', value: ledgerId(ledger) },
    { label: '模板包', value: `${PACK.name} ${PACK.version}（${PACK.id}）` },
    { label: '工作簿格式', value: `${layout.name} ${layout.version}` },
    { label: '规则集', value: `${ledger.ruleSet.name} ${ledger.ruleSet.version}` },
    {
      label: '公民身份号码',
      value: includeFull ? '完整导出（个人敏感信息，请妥善保管，不得外传）' : '已遮盖（如 1101**********1234）',
    },
    ...gathered.map(({ sheet, data }) => ({ label: sheet.name, value: `${data.rows.length} 条记录` })),
    { label: '签名公钥指纹', value: key.fingerprint },
    {
      label: '核验方法',
      value:
        '本工作簿附有用本台账签名密钥签名的清单。审核时运行“branch-ledger verify 文件名”或在程序中选择“核验工作簿”：“完好”表示导出后未被改动，“已改动”会列出改动的工作表和行。请将上面的公钥指纹与党支部报备的指纹逐组核对（可电话核对）。',
    },
  ];

  let manifest: LedgerWorkbookManifest | undefined;
  const buffer = await writeWorkbook({ creator: 'Branch Ledger 党支部工作台账', created: now, title }, (workbook) => {
    const sheets: ManifestSheet[] = [writeCoverSheet(workbook, layout, title, coverLines)];
    for (const { sheet, data } of gathered) {
      sheets.push(writeDataSheet(workbook, layout, sheet, fillPlaceholders(sheet.title, placeholders), data));
    }
    manifest = signManifest(
      {
        format: MANIFEST_FORMAT,
        version: MANIFEST_VERSION,
        kind: 'ledger-workbook',
        ledgerId: ledgerId(ledger),
        branch: { id: branch.id, name: branch.name },
        year: options.year,
        pack: { id: PACK.id, version: PACK.version },
        layout: { id: layout.id, version: layout.version },
        ruleSet: { id: ledger.ruleSet.id, version: ledger.ruleSet.version },
        exportedAt: now.toISOString(),
        idNumbers: includeFull ? 'full' : 'masked',
        sheets,
      },
      key,
    );
    writeManifestSheet(workbook, manifest);
  });
  if (!manifest) throw new Error('manifest was not written');
  return {
    fileName,
    buffer,
    sheets: [layout.cover.name, ...layout.sheets.map((s) => s.name)],
    fingerprint: key.fingerprint,
    manifest,
  };
}
