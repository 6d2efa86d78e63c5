/**
 * `verify`: is this workbook exactly as exported (intact), changed since (edited — which sheets
 * and rows), carrying a manifest that was itself altered (bad-signature), or not one of our
 * signed exports at all (unsigned)? Information for the auditor, never a refusal (issue #7).
 */
import type { VerifyReport, VerifyRowChange, VerifySheetResult } from '../../../api/workbook.ts';
import {
  type ColumnType,
  type LedgerWorkbookManifest,
  MANIFEST_MARKER,
  MANIFEST_SHEET,
  type ManifestSheet,
  manifestFromChunks,
  manifestSignatureValid,
  rowHash,
  rowsHash,
} from '../manifest.ts';
import { localTime } from './layout.ts';
import { canonicalRows, type ReadSheet, type ReadWorkbook, readWorkbook } from './read.ts';

export interface VerifyOptions {
  /**
   * This ledger's identity: a manifest naming this ledger but signed with another key is reported
   * as bad-signature (someone re-signed an edited copy with a key of their own).
   */
  thisLedger?: { ledgerId: string; publicKey: string } | null;
}

const STATUS_WORDS = { intact: '完好', edited: '已改动', 'bad-signature': '签名无效', unsigned: '未签名' } as const;

export function statusWord(status: VerifyReport['status']): string {
  return STATUS_WORDS[status];
}

function emptyReport(
  file: string,
  status: VerifyReport['status'],
  message: string,
  problem: string | null = null,
): VerifyReport {
  return { file, status, message, exported: null, signer: null, sheets: [], addedSheets: [], problem };
}

/** The manifest's text: column A from row 2, as many rows as B1 says (or until the first gap). */
export function manifestChunks(sheet: ReadSheet): string[] {
  const declared = sheet.rows.find((r) => r.row === 1)?.cells[1];
  const count = typeof declared === 'number' && Number.isInteger(declared) && declared > 0 ? declared : null;
  const chunks: string[] = [];
  for (let row = 2; count === null || row < count + 2; row += 1) {
    const value = sheet.rows.find((r) => r.row === row)?.cells[0];
    if (typeof value !== 'string') break;
    chunks.push(value);
  }
  return chunks;
}

function typesOf(sheet: ManifestSheet): Array<ColumnType | undefined> {
  const types: Array<ColumnType | undefined> = sheet.columns.map((c) => c.type);
  if (sheet.idColumn !== null) types[sheet.idColumn - 1] = 'text';
  return types;
}

/** Row-level comparison of one sheet, by record id (rows may have been sorted or inserted). */
export function compareSheet(
  manifest: ManifestSheet,
  sheet: ReadSheet | undefined,
  date1904: boolean,
): VerifySheetResult {
  const base = { name: manifest.name, changes: [], frameRows: [], reordered: false };
  if (!sheet) return { ...base, status: 'missing' };
  const rows = canonicalRows(sheet, typesOf(manifest), date1904);
  if (rowsHash(rows.map((r) => r.values)) === manifest.hash) return { ...base, status: 'intact' };

  const expected = new Map(manifest.rowIds.map((id, i) => [id, manifest.rowHashes[i] ?? '']));
  const frame = new Set(manifest.frameHashes);
  const seen = new Set<string>();
  const changes: VerifyRowChange[] = [];
  const frameRows: number[] = [];
  const idIndex = manifest.idColumn === null ? -1 : manifest.idColumn - 1;
  for (const { row, values } of rows) {
    const idCell = idIndex >= 0 ? values[idIndex] : null;
    const id = typeof idCell === 'string' ? idCell : null;
    if (id === null || !expected.has(id) || seen.has(id)) {
      // A row without a known id: part of the frame if its values are one of the frame rows.
      if (!frame.has(rowHash(values))) {
        if (id !== null || rowLooksLikeRecord(values, idIndex)) changes.push({ row, id, change: 'added' });
        else frameRows.push(row);
      }
      continue;
    }
    seen.add(id);
    if (rowHash(values) !== expected.get(id)) changes.push({ row, id, change: 'changed' });
  }
  for (const id of manifest.rowIds) if (!seen.has(id)) changes.push({ row: null, id, change: 'deleted' });
  return {
    ...base,
    status: 'edited',
    changes,
    frameRows,
    // Nothing added, changed or removed, yet the sheet hash differs: the same rows in another order.
    reordered: changes.length === 0 && frameRows.length === 0,
  };
}

/** A row typed into the record area has values in several columns; a stray note has one. */
function rowLooksLikeRecord(values: readonly unknown[], idIndex: number): boolean {
  return idIndex >= 0 && values.filter((v, i) => v !== null && i !== idIndex).length >= 2;
}

function describeSheet(result: VerifySheetResult): string {
  if (result.status === 'missing') return `“${result.name}”工作表被删除`;
  const count = (kind: VerifyRowChange['change']) => result.changes.filter((c) => c.change === kind);
  const parts: string[] = [];
  const changed = count('changed');
  if (changed.length > 0) parts.push(`第 ${changed.map((c) => c.row).join('、')} 行被改动`);
  const added = count('added');
  if (added.length > 0) parts.push(`新增第 ${added.map((c) => c.row).join('、')} 行`);
  const deleted = count('deleted');
  if (deleted.length > 0) parts.push(`删除 ${deleted.length} 行（${deleted.map((c) => c.id).join('、')}）`);
  if (result.frameRows.length > 0) parts.push(`标题、表头或签字栏（第 ${result.frameRows.join('、')} 行）有改动`);
  if (result.reordered) parts.push('行的顺序被调整');
  return `“${result.name}”${parts.join('，')}`;
}

const RECORD_ID =
  /^(member|meeting|talk|plan-item|decision|rectification|dev-person|election|project|project-item|assessment-item):\S+$/;

/** Our exports write "member:12"-style ids into a hidden column; a file with them once had a manifest. */
function carriesRecordIds(read: ReadWorkbook): boolean {
  return read.sheets.some((s) => s.rows.some((r) => r.cells.some((c) => typeof c === 'string' && RECORD_ID.test(c))));
}

function exportedOf(manifest: LedgerWorkbookManifest): VerifyReport['exported'] {
  return {
    ledgerId: manifest.ledgerId,
    branchId: manifest.branch.id,
    branchName: manifest.branch.name,
    year: manifest.year,
    exportedAt: manifest.exportedAt,
    pack: manifest.pack,
    ruleSet: manifest.ruleSet,
    idNumbers: manifest.idNumbers,
  };
}

export function verifyReadWorkbook(file: string, read: ReadWorkbook, options: VerifyOptions = {}): VerifyReport {
  const sheet = read.sheets.find((s) => s.name === MANIFEST_SHEET);
  const marker = sheet?.rows.find((r) => r.row === 1)?.cells[0];
  if (!sheet || (marker !== MANIFEST_MARKER && sheet.state !== 'veryHidden')) {
    return emptyReport(
      file,
      'unsigned',
      carriesRecordIds(read)
        ? '文件含有本程序导出时写入的记录编号，但签名清单已被删除，无法核验导出后是否被改动，请按未签名文件对待。'
        : '文件没有导出签名清单（可能是按填报模板填写的文件，或由其他软件生成），无法核验导出后是否被改动。',
    );
  }
  const parsed =
    marker === MANIFEST_MARKER
      ? manifestFromChunks(manifestChunks(sheet))
      : { ok: false as const, problem: '清单标记缺失' };
  if (!parsed.ok) {
    return emptyReport(
      file,
      'bad-signature',
      `签名清单已被改动或损坏（${parsed.problem}），无法确认文件内容。`,
      parsed.problem,
    );
  }
  const manifest = parsed.manifest;
  if (manifest.kind === 'fill-in-template') {
    return emptyReport(file, 'unsigned', '这是空白填报模板（或据其填写的文件），不带导出签名，无法核验是否被改动。');
  }
  const signer = {
    fingerprint: manifest.signer.fingerprint,
    publicKey: manifest.signer.publicKey,
    matchesThisLedger: options.thisLedger ? options.thisLedger.publicKey === manifest.signer.publicKey : null,
  };
  const report: VerifyReport = { ...emptyReport(file, 'intact', ''), exported: exportedOf(manifest), signer };
  if (!manifestSignatureValid(manifest)) {
    const problem = '签名与清单内容不符';
    return {
      ...report,
      status: 'bad-signature',
      problem,
      message: `${problem}：清单在导出后被改动，无法确认文件内容。`,
    };
  }
  if (options.thisLedger && options.thisLedger.ledgerId === manifest.ledgerId && !signer.matchesThisLedger) {
    const problem = '清单自称来自本台账，但签名密钥不是本台账的';
    return { ...report, status: 'bad-signature', problem, message: `${problem}，文件可能被他人改动后重新签名。` };
  }
  const sheets = manifest.sheets.map((m) =>
    compareSheet(
      m,
      read.sheets.find((s) => s.name === m.name),
      read.date1904,
    ),
  );
  const listed = new Set([MANIFEST_SHEET, ...manifest.sheets.map((s) => s.name)]);
  const addedSheets = read.sheets.map((s) => s.name).filter((name) => !listed.has(name));
  const edited = sheets.filter((s) => s.status !== 'intact');
  const exportedAt = localTime(new Date(manifest.exportedAt)) || manifest.exportedAt;
  const who = `${manifest.branch.name}${manifest.year}年度，导出于 ${exportedAt}，公钥指纹 ${signer.fingerprint}`;
  if (edited.length === 0 && addedSheets.length === 0) {
    return { ...report, sheets, message: `文件与导出时完全一致（${who}）。` };
  }
  const parts = [...edited.map(describeSheet), ...addedSheets.map((name) => `新增工作表“${name}”`)];
  return {
    ...report,
    status: 'edited',
    sheets,
    addedSheets,
    message: `文件在导出后被改动：${parts.join('；')}。（${who}）`,
  };
}

/** Reads and verifies one file; an unreadable file throws LedgerError('BAD_FILE'). */
export async function verifyWorkbook(
  bytes: Uint8Array,
  fileName: string,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  return verifyReadWorkbook(fileName, await readWorkbook(bytes, fileName), options);
}
