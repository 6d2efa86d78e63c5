import { pinyin } from 'pinyin-pro';
import type {
  MemberDetail,
  MemberRow,
  MemberStatus,
  PartyPost,
  PostInterval,
  StatusInterval,
} from '../../../api/org.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, today } from '../../ledger.ts';
import { wholeYearsBetween } from '../../time.ts';
import { maskIdNumber } from './import/id-number.ts';
import { ON_ROLL_SQL } from './roll.ts';

/** Pinyin initials for search: 张三丰 → zsf. Non-Han characters are kept as they are, lowercased. */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/\s+/g, '');
}

export interface MemberRecord {
  id: number;
  name: string;
  name_initials: string;
  gender: string;
  ethnicity: string | null;
  birth_date: string;
  id_number: string | null;
  education: string | null;
  person_category: string | null;
  join_date: string;
  full_date: string | null;
  group_id: number | null;
  group_name: string | null;
  job: string | null;
  phone: string | null;
  address: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  status: MemberStatus;
  status_since: string;
  branch_id: number;
}

export interface MemberQuery {
  branchId?: number;
  asOf?: string;
  search?: string;
  groupId?: number;
  membership?: '正式党员' | '预备党员';
  includeOffRoll?: boolean;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Members as their status intervals stood on `asOf`: later transfers never change an earlier roster. */
function selectMembers(ledger: Ledger, query: MemberQuery, asOf: string, memberId?: number): MemberRecord[] {
  const conditions = [sql`s.from_date <= ${asOf}`, sql`(s.to_date IS NULL OR s.to_date > ${asOf})`];
  if (memberId !== undefined) conditions.push(sql`m.id = ${memberId}`);
  if (query.branchId !== undefined) conditions.push(sql`s.branch_id = ${query.branchId}`);
  if (query.groupId !== undefined) conditions.push(sql`m.group_id = ${query.groupId}`);
  if (!query.includeOffRoll) conditions.push(sql`s.status IN ${ON_ROLL_SQL}`);
  if (query.membership === '正式党员') conditions.push(sql`m.full_date IS NOT NULL AND m.full_date <= ${asOf}`);
  if (query.membership === '预备党员') conditions.push(sql`(m.full_date IS NULL OR m.full_date > ${asOf})`);
  const search = query.search?.trim();
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    const initials = `${escapeLike(search.toLowerCase())}%`;
    conditions.push(sql`(m.name LIKE ${pattern} ESCAPE '\\' OR m.name_initials LIKE ${initials} ESCAPE '\\')`);
  }
  return ledger.db.all<MemberRecord>(
    'member.select',
    sql`SELECT m.*, g.name AS group_name, s.status, s.from_date AS status_since, s.branch_id
        FROM member_status s
        JOIN member m ON m.id = s.member_id
        LEFT JOIN org_unit g ON g.id = m.group_id
        WHERE ${sql.join(conditions, ' AND ')}
        ORDER BY g.sort_order IS NULL, g.sort_order, m.join_date, m.id`,
  );
}

function postsOn(ledger: Ledger, asOf: string): Map<number, PartyPost[]> {
  const rows = ledger.db.all<{ member_id: number; post: PartyPost }>(
    'member.postsOn',
    sql`SELECT member_id, post FROM member_post
        WHERE from_date <= ${asOf} AND (to_date IS NULL OR to_date > ${asOf}) ORDER BY id`,
  );
  const byMember = new Map<number, PartyPost[]>();
  for (const row of rows) byMember.set(row.member_id, [...(byMember.get(row.member_id) ?? []), row.post]);
  return byMember;
}

function toRow(record: MemberRecord, asOf: string, posts: PartyPost[]): MemberRow {
  const isFull = record.full_date !== null && record.full_date <= asOf;
  return {
    id: record.id,
    name: record.name,
    nameInitials: record.name_initials,
    gender: record.gender,
    ethnicity: record.ethnicity,
    birthDate: record.birth_date,
    idNumberMasked: record.id_number ? maskIdNumber(record.id_number) : null,
    education: record.education,
    personCategory: record.person_category,
    joinDate: record.join_date,
    fullDate: record.full_date,
    membership: isFull ? '正式党员' : '预备党员',
    status: record.status,
    statusSince: record.status_since,
    branchId: record.branch_id,
    groupId: record.group_id,
    groupName: record.group_name,
    job: record.job,
    phone: record.phone,
    posts,
    age: wholeYearsBetween(record.birth_date, asOf),
    // 党龄 counts from 转正 (RULES.md §8.2: derived, not stored).
    partyYears: isFull && record.full_date ? wholeYearsBetween(record.full_date, asOf) : null,
  };
}

export function listMembers(ledger: Ledger, query: MemberQuery): MemberRow[] {
  const asOf = query.asOf ?? today(ledger);
  const posts = postsOn(ledger, asOf);
  return selectMembers(ledger, query, asOf).map((r) => toRow(r, asOf, posts.get(r.id) ?? []));
}

export function getMember(ledger: Ledger, id: number): MemberDetail {
  const asOf = today(ledger);
  const exists = ledger.db.get<{ id: number }>('member.exists', sql`SELECT id FROM member WHERE id = ${id}`);
  if (!exists) throw new LedgerError('NOT_FOUND', `找不到编号为 ${id} 的党员。`);
  // The detail shows the member's latest interval, on the roll or not.
  const latest = ledger.db.get<{ from_date: string }>(
    'member.latestStatus',
    sql`SELECT from_date FROM member_status WHERE member_id = ${id} ORDER BY from_date DESC, id DESC LIMIT 1`,
  );
  const at = latest && latest.from_date > asOf ? latest.from_date : asOf;
  const [record] = selectMembers(ledger, { includeOffRoll: true }, at, id);
  if (!record) throw new LedgerError('NOT_FOUND', `编号为 ${id} 的党员没有组织关系记录。`);
  const { idNumberMasked: _masked, ...row } = toRow(record, asOf, postsOn(ledger, asOf).get(id) ?? []);
  return {
    ...row,
    idNumber: record.id_number,
    address: record.address,
    note: record.note,
    statusHistory: statusHistory(ledger, id),
    postHistory: postHistory(ledger, id),
    createdAt: record.created_at,
    updatedAt: record.updated_at,
  };
}

function statusHistory(ledger: Ledger, memberId: number): StatusInterval[] {
  return ledger.db
    .all<{
      id: number;
      status: MemberStatus;
      branch_id: number;
      branch_name: string;
      from_date: string;
      to_date: string | null;
      reason: string | null;
    }>(
      'member.statusHistory',
      sql`SELECT s.id, s.status, s.branch_id, u.name AS branch_name, s.from_date, s.to_date, s.reason
          FROM member_status s JOIN org_unit u ON u.id = s.branch_id
          WHERE s.member_id = ${memberId} ORDER BY s.from_date, s.id`,
    )
    .map((r) => ({
      id: r.id,
      status: r.status,
      branchId: r.branch_id,
      branchName: r.branch_name,
      fromDate: r.from_date,
      toDate: r.to_date,
      reason: r.reason,
    }));
}

function postHistory(ledger: Ledger, memberId: number): PostInterval[] {
  return ledger.db
    .all<{
      id: number;
      post: PartyPost;
      unit_id: number;
      unit_name: string;
      from_date: string;
      to_date: string | null;
    }>(
      'member.postHistory',
      sql`SELECT p.id, p.post, p.unit_id, u.name AS unit_name, p.from_date, p.to_date
          FROM member_post p JOIN org_unit u ON u.id = p.unit_id
          WHERE p.member_id = ${memberId} ORDER BY p.from_date, p.id`,
    )
    .map((r) => ({
      id: r.id,
      post: r.post,
      unitId: r.unit_id,
      unitName: r.unit_name,
      fromDate: r.from_date,
      toDate: r.to_date,
    }));
}
