import type { DocTemplateInfo, RecordKindTemplates } from '../../../api/document-settings.ts';
import type { ExportedDocument } from '../../../api/export.ts';
import { MEETING_KINDS, type MeetingKind } from '../../../api/life.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { gatherMeetingRecord } from '../../export/book-data.ts';
import { gb2312Warnings, resolveFonts } from '../../export/docx/fonts.ts';
import { fillTemplate, openDocx, scanTemplate, sha256, templateGb2312Fonts } from '../../export/docx/user-template.ts';
import { safeFileName } from '../../export/file-name.ts';
import { type Ledger, write } from '../../ledger.ts';
import { defaultRecordTemplates } from '../../templates/records.ts';
import { getMeeting } from '../life/meetings-read.ts';
import { placeholdersOf, placeholderValues } from './placeholders.ts';

interface TemplateRow {
  id: number;
  kind: MeetingKind;
  file_name: string;
  size_bytes: number;
  placeholders: string;
  sha256: string;
  imported_at: string;
  imported_by: string;
}

function toInfo(row: TemplateRow): DocTemplateInfo {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    placeholders: JSON.parse(row.placeholders) as string[],
    importedAt: row.imported_at,
    importedBy: row.imported_by,
  };
}

const COLUMNS = sql`id, kind, file_name, size_bytes, placeholders, sha256, imported_at, imported_by`;

function activeRow(ledger: Ledger, kind: MeetingKind): TemplateRow | undefined {
  return ledger.db.get<TemplateRow>(
    'documents.activeTemplate',
    sql`SELECT ${COLUMNS} FROM doc_template WHERE kind = ${kind} AND active = 1`,
  );
}

export function listDocTemplates(ledger: Ledger): RecordKindTemplates[] {
  return MEETING_KINDS.map((kind) => {
    const row = activeRow(ledger, kind);
    return { kind, name: defaultRecordTemplates.get(kind)?.name ?? kind, template: row ? toInfo(row) : null };
  });
}

function braces(keys: readonly string[]): string {
  return keys.map((k) => `{{${k}}}`).join('、');
}

/**
 * Checks a committee's .docx and makes it the active template of its kind. Refused — naming the file
 * and each unknown or broken placeholder — before anything is written.
 */
export function importDocTemplate(
  ledger: Ledger,
  input: { kind: MeetingKind; fileName: string; bytes: Uint8Array },
): DocTemplateInfo {
  const { kind, fileName, bytes } = input;
  const pkg = openDocx(bytes, fileName);
  const scan = scanTemplate(pkg, fileName);
  const known = placeholdersOf(kind).map((p) => p.key);
  const unknown = scan.placeholders.filter((key) => !known.includes(key));
  const details = [
    ...unknown.map((key) => ({
      file: fileName,
      field: `{{${key}}}`,
      message: key === '' ? '占位符是空的' : `${kind}记录没有这个占位符`,
    })),
    ...scan.broken.map((b) => ({
      file: fileName,
      field: b.part,
      message: `“${b.text}”不是完整的占位符：应写作 {{名称}}，两侧各两个半角花括号`,
    })),
  ];
  if (details.length > 0) {
    const what = unknown.length
      ? `中的占位符 ${braces(unknown)} 不存在，可用的有：${braces(known)}`
      : '中有不完整的占位符';
    throw new LedgerError('BAD_FILE', `模板《${fileName}》${what}。模板未导入，未做任何修改。`, details);
  }
  if (scan.placeholders.length === 0) {
    throw new LedgerError(
      'BAD_FILE',
      `模板《${fileName}》中没有任何占位符，导出的记录不会含有记录内容。请在需要填入内容的位置写上占位符，如 {{会议主题}}、{{日期}}，再导入。`,
      [{ file: fileName, message: '没有占位符' }],
    );
  }
  const digest = sha256(bytes);
  const now = ledger.clock().toISOString();
  return write(ledger, () => {
    const previous = activeRow(ledger, kind);
    if (previous)
      ledger.db.run('documents.retireTemplate', sql`UPDATE doc_template SET active = 0 WHERE id = ${previous.id}`);
    const result = ledger.db.run(
      'documents.insertTemplate',
      sql`INSERT INTO doc_template (kind, file_name, bytes, size_bytes, placeholders, sha256, imported_at, imported_by)
          VALUES (${kind}, ${fileName}, ${Buffer.from(bytes)}, ${bytes.length}, ${JSON.stringify(scan.placeholders)},
                  ${digest}, ${now}, ${ledger.actor})`,
    );
    const info = toInfo(activeRow(ledger, kind) as TemplateRow);
    return {
      result: info,
      audit: {
        action: 'documents.importTemplate',
        entity: 'doc_template',
        entityId: Number(result.lastInsertRowid),
        before: previous ? { fileName: previous.file_name, sha256: previous.sha256 } : null,
        after: { kind, fileName, sha256: digest, placeholders: scan.placeholders },
        summary: previous
          ? `${kind}记录模板由《${previous.file_name}》换为《${fileName}》`
          : `导入${kind}记录模板《${fileName}》`,
      },
    };
  });
}

/** Removes the active template: the kind prints in the built-in layout again. */
export function deleteDocTemplate(ledger: Ledger, id: number): RecordKindTemplates[] {
  write(ledger, () => {
    const row = ledger.db.get<TemplateRow>(
      'documents.templateById',
      sql`SELECT ${COLUMNS} FROM doc_template WHERE id = ${id} AND active = 1`,
    );
    if (!row) throw new LedgerError('NOT_FOUND', `找不到编号为 ${id} 的记录模板，可能已被删除。请刷新页面。`);
    ledger.db.run('documents.deleteTemplate', sql`DELETE FROM doc_template WHERE id = ${id}`);
    return {
      result: null,
      audit: {
        action: 'documents.deleteTemplate',
        entity: 'doc_template',
        entityId: id,
        before: { kind: row.kind, fileName: row.file_name, sha256: row.sha256 },
        summary: `删除${row.kind}记录模板《${row.file_name}》，恢复使用内置版式`,
      },
    };
  });
  return listDocTemplates(ledger);
}

/**
 * export.meetingDocx through the committee's own template, or null when the kind has none. A template
 * that no longer fits the catalog (a newer template pack dropped a placeholder) is refused with its
 * name and the placeholder — never a document with {{…}} left in it.
 */
export function meetingFromUserTemplate(ledger: Ledger, meetingId: number): ExportedDocument | null {
  const meeting = getMeeting(ledger, meetingId);
  const row = ledger.db.get<TemplateRow & { bytes: Buffer }>(
    'documents.templateBytes',
    sql`SELECT ${COLUMNS}, bytes FROM doc_template WHERE kind = ${meeting.kind} AND active = 1`,
  );
  if (!row) return null;
  const record = gatherMeetingRecord(ledger, meetingId);
  const pkg = openDocx(row.bytes, row.file_name);
  const scan = scanTemplate(pkg, row.file_name);
  const known = placeholdersOf(meeting.kind).map((p) => p.key);
  const unknown = scan.placeholders.filter((key) => !known.includes(key));
  if (unknown.length > 0 || scan.broken.length > 0) {
    throw new LedgerError(
      'BAD_FILE',
      `${meeting.kind}记录模板《${row.file_name}》中${unknown.length ? `的占位符 ${braces(unknown)} 已不可用` : '有不完整的占位符'}，未导出。请在“文档设置”中重新导入模板，或删除它改用内置版式。`,
      unknown.map((key) => ({ file: row.file_name, field: `{{${key}}}`, message: '占位符不存在' })),
    );
  }
  const values = placeholderValues(meeting.kind, record.branchName, record.meeting.fields, meeting.extra);
  const data = fillTemplate(pkg, row.file_name, values);
  const warnings: string[] = [];
  const gbFonts = templateGb2312Fonts(scan);
  if (gbFonts.length > 0) {
    const [font] = gbFonts;
    warnings.push(...gb2312Warnings(record.names, resolveFonts({ body: font })));
  }
  if (record.meeting.photos.length > 0) {
    warnings.push(
      `自定义模板《${row.file_name}》没有照片的位置，本记录的 ${record.meeting.photos.length} 张照片未放入文档；照片随年度台账导出。`,
    );
  }
  const { heldOn, kind } = record.meeting.fields;
  return {
    fileName: safeFileName(`${record.branchName}${heldOn ?? ''}${kind ?? ''}记录.docx`),
    dataBase64: Buffer.from(data).toString('base64'),
    warnings,
  };
}
