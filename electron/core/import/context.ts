/**
 * What one import run knows while it writes: which source ids became which local ids, and what
 * happened to every record (the report). Each record is applied inside its own savepoint, so a
 * record that fails half-way leaves nothing behind even when the caller keeps the valid rows.
 */
import type { ImportOutcome, ImportRefusal, ImportRowResult } from '../../api/imports.ts';
import { sql } from '../db/sql.ts';
import { LedgerError } from '../errors.ts';
import type { Ledger } from '../ledger.ts';
import { readLedgerId } from '../signing/keys.ts';
import type { BundleRef, LedgerBundle } from './bundle.ts';

/** Tables whose rows can be matched by source id; names are constants, never from the file. */
export const ORIGIN_TABLES = {
  org_unit: 'org_unit',
  member: 'member',
  meeting: 'meeting',
  talk: 'talk',
  plan_item: 'plan_item',
  dues_payment: 'dues_payment',
  dev_person: 'dev_person',
  election: 'election',
  secretary_project: 'secretary_project',
  points_event: 'points_event',
} as const;
export type OriginEntity = keyof typeof ORIGIN_TABLES;

/** Thrown when a record of a ledger workbook names someone the file cannot carry: skipped, with a notice. */
export class RowSkip extends Error {
  constructor(
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/** Thrown by a record's code to refuse it with the cell to look at. */
export class RowRefusal extends Error {
  constructor(
    message: string,
    readonly field: string | null = null,
    /** The row to name when it is not the record's own (an 出席登记 row of a meeting). */
    readonly ref?: BundleRef,
  ) {
    super(message);
  }
}

export interface ApplyOptions {
  fileName: string;
  /** The branch a filled-in template (or a workbook redirected by the user) goes into. */
  branchId?: number;
  /** Import the valid rows and report the rest, instead of refusing the whole file. */
  skipInvalid?: boolean;
  dryRun?: boolean;
}

export class ImportContext {
  readonly now: string;
  /** The source ids are this ledger's own ids (a file exported from this very ledger). */
  readonly sameLedger: boolean;
  readonly rows: ImportRowResult[] = [];
  readonly refusals: ImportRefusal[] = [];
  readonly notices: ImportRefusal[] = [];
  private readonly maps = new Map<OriginEntity, Map<number, number>>();

  constructor(
    readonly ledger: Ledger,
    readonly bundle: LedgerBundle,
    readonly options: ApplyOptions,
  ) {
    this.now = ledger.clock().toISOString();
    this.sameLedger =
      bundle.source.identity === 'ids' &&
      bundle.source.ledgerId !== null &&
      bundle.source.ledgerId === readLedgerId(ledger);
  }

  /** The local id of a record from the file, if it is already in this ledger. */
  localId(entity: OriginEntity, sourceId: number): number | null {
    const known = this.maps.get(entity)?.get(sourceId);
    if (known !== undefined) return known;
    if (this.bundle.source.identity !== 'ids' || sourceId < 0) return null;
    const table = sql.raw(ORIGIN_TABLES[entity]);
    let local: number | null = null;
    if (this.sameLedger) {
      local =
        this.ledger.db.get<{ id: number }>('import.sameId', sql`SELECT id FROM ${table} WHERE id = ${sourceId}`)?.id ??
        null;
    } else if (this.bundle.source.ledgerId) {
      const row = this.ledger.db.get<{ id: number }>(
        'import.origin',
        sql`SELECT t.id FROM import_origin o JOIN ${table} t ON t.id = o.local_id
            WHERE o.source_ledger_id = ${this.bundle.source.ledgerId} AND o.entity = ${entity} AND o.source_id = ${sourceId}`,
      );
      local = row?.id ?? null;
    }
    if (local !== null) this.map(entity, sourceId, local);
    return local;
  }

  /**
   * Natural keys are for files without ids. A record that has an id in a file of another ledger
   * and is not known yet is new: three 党小组会 on one day with one topic are three meetings.
   */
  naturalMatch(sourceId: number | null): boolean {
    return this.bundle.source.identity !== 'ids' || sourceId === null || sourceId < 0;
  }

  /** Remembers that a source record is a local one, in this run and — across ledgers — for good. */
  remember(entity: OriginEntity, sourceId: number, localId: number): void {
    this.map(entity, sourceId, localId);
    const source = this.bundle.source;
    if (source.identity !== 'ids' || this.sameLedger || !source.ledgerId || sourceId < 0) return;
    this.ledger.db.run(
      'import.remember',
      sql`INSERT INTO import_origin (source_ledger_id, entity, source_id, local_id, imported_at)
          VALUES (${source.ledgerId}, ${entity}, ${sourceId}, ${localId}, ${this.now})
          ON CONFLICT (source_ledger_id, entity, source_id) DO UPDATE SET local_id = excluded.local_id`,
    );
  }

  /** A mapping known only for this run (natural-key matches of a template). */
  map(entity: OriginEntity, sourceId: number, localId: number): void {
    let map = this.maps.get(entity);
    if (!map) {
      map = new Map();
      this.maps.set(entity, map);
    }
    map.set(sourceId, localId);
  }

  mapped(entity: OriginEntity, sourceId: number): number | null {
    return this.maps.get(entity)?.get(sourceId) ?? null;
  }

  /**
   * A member the file refers to: by its id in the file, else by a name that is unique among the
   * people who were ever on the branch's roll (a filled-in sheet names people, it has no ids).
   */
  member(sourceId: number | null, name: string | undefined, branchId: number | null, field: string): number {
    const local = sourceId === null ? null : this.mapped('member', sourceId);
    if (local !== null) return local;
    if (name && branchId !== null) {
      const found = this.ledger.db.all<{ id: number }>(
        'import.memberInBranch',
        sql`SELECT DISTINCT m.id FROM member m JOIN member_status s ON s.member_id = m.id
            WHERE m.name = ${name} AND s.branch_id = ${branchId}`,
      );
      const only = found[0];
      if (found.length === 1 && only) return only.id;
      if (found.length > 1) throw new RowRefusal(`本支部有 ${found.length} 名党员叫“${name}”，无法确定是谁`, field);
    }
    if (
      this.partialRoster &&
      sourceId !== null &&
      sourceId >= 0 &&
      !this.bundle.members.some((m) => m.id === sourceId)
    ) {
      throw new RowSkip(
        `“${name ?? sourceId}”已不在本支部花名册中，工作簿不含其信息，此条未导入（台账包可导入完整记录）`,
        field,
      );
    }
    throw new RowRefusal(`“${name ?? sourceId}”不在本支部花名册中（文件和台账里都没有）`, field);
  }

  record(
    ref: BundleRef | undefined,
    fallbackSheet: string,
    label: string,
    outcome: ImportOutcome,
    fields: string[] = [],
  ) {
    this.rows.push({ sheet: ref?.sheet ?? fallbackSheet, row: ref?.row ?? null, label, outcome, fields });
  }

  refuse(ref: BundleRef | undefined, fallbackSheet: string, label: string, message: string, field: string | null) {
    const sheet = ref?.sheet ?? fallbackSheet;
    const column = field && ref?.columns ? (ref.columns[field] ?? null) : null;
    this.refusals.push({ sheet, row: ref?.row ?? null, column, field: field ? fieldLabel(field) : null, message });
    this.rows.push({ sheet, row: ref?.row ?? null, label, outcome: 'refused', fields: [] });
  }

  notice(ref: BundleRef | undefined, fallbackSheet: string, message: string, field: string | null): void {
    const column = field && ref?.columns ? (ref.columns[field] ?? null) : null;
    this.notices.push({
      sheet: ref?.sheet ?? fallbackSheet,
      row: ref?.row ?? null,
      column,
      field: field ? fieldLabel(field) : null,
      message,
    });
  }

  /** A ledger workbook lists only the members on the roll: others it names have left the branch. */
  get partialRoster(): boolean {
    return this.bundle.source.kind === 'ledger-workbook';
  }

  /**
   * Applies one record in a savepoint: a refusal (ours, a LedgerError of a module, or a constraint
   * of the database) undoes just that record and is reported with its place.
   */
  guard(ref: BundleRef | undefined, sheet: string, label: string, apply: () => void): boolean {
    try {
      this.ledger.db.transaction(apply);
      return true;
    } catch (error) {
      if (error instanceof RowRefusal) this.refuse(error.ref ?? ref, sheet, label, error.message, error.field);
      else if (error instanceof RowSkip) {
        this.notice(ref, sheet, error.message, error.field);
        this.record(ref, sheet, label, 'skipped');
      } else if (error instanceof LedgerError) {
        const first = error.details[0];
        const field = first?.field ?? null;
        const reason = error.details.length > 0 ? error.details.map((d) => d.message).join('；') : error.message;
        this.refuse(ref, sheet, label, reason, field ? reverseLabel(field) : null);
      } else if (error instanceof Error && /constraint/i.test(error.message)) {
        this.refuse(ref, sheet, label, `数据不符合台账的要求（${constraintWord(error.message)}）`, null);
      } else throw error;
      return false;
    }
  }
}

/** Chinese labels of the fields a refusal can name (camelCase field → 表头). */
const LABELS: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  idNumber: '公民身份号码',
  education: '学历',
  personCategory: '人员类别',
  joinDate: '入党时间',
  fullDate: '转正时间',
  groupId: '所在党小组',
  groupName: '所在党小组',
  job: '工作岗位',
  phone: '联系电话',
  address: '家庭住址',
  note: '备注',
  posts: '党内职务',
  statuses: '组织关系',
  heldOn: '日期',
  kind: '类型',
  alsoCountsAs: '套会（同时计为）',
  title: '主题',
  place: '地点',
  host: '主持人',
  recorder: '记录人',
  lecturer: '授课人',
  studyHours: '学时',
  decisions: '决议事项',
  rectifications: '整改事项',
  attendance: '出席情况',
  absent: '缺席人员及原因',
  talker: '谈话人',
  talkee: '谈话对象',
  type: '谈话类型',
  mode: '方式',
  content: '谈话主要内容',
  followUp: '后续跟进',
  text: '工作事项',
  owner: '责任人',
  dueDate: '完成时限',
  status: '状态',
  doneOn: '完成日期',
  feedback: '落实情况',
  origin: '来源',
  category: '类别',
  base: '基数',
  monthlyDue: '月应交',
  year: '年度',
  month: '月份',
  cents: '金额',
};

export function fieldLabel(field: string): string {
  if (/^m\d{1,2}$/.test(field)) return `${field.slice(1)}月`;
  return LABELS[field] ?? field;
}

/** A module names fields in Chinese; the report's column lookup wants the field key. */
function reverseLabel(label: string): string {
  return Object.entries(LABELS).find(([, l]) => l === label)?.[0] ?? label;
}

function constraintWord(message: string): string {
  if (/UNIQUE/i.test(message)) return '与已有记录重复';
  if (/CHECK/i.test(message)) return '取值不在允许范围内';
  if (/FOREIGN KEY/i.test(message)) return '引用的记录不存在';
  if (/NOT NULL/i.test(message)) return '必填项为空';
  return '约束不满足';
}
