/**
 * Units and members of a bundle. A branch of another ledger goes under this ledger's committee
 * (matched by name, else created); a member is matched by id (this ledger's, or remembered in
 * import_origin), else by 公民身份号码, else by 姓名 + 出生日期 — so a person already entered by
 * hand or through a roster import is updated, never duplicated.
 */
import { MEMBER_FIELD_LABELS, type MemberFields, ON_ROLL_STATUSES, type OrgKind } from '../../api/org.ts';
import { sql } from '../db/sql.ts';
import { today } from '../ledger.ts';
import { normalizeMemberFields, validateMember } from '../modules/org/member-validation.ts';
import { nameInitials } from '../modules/org/members-read.ts';
import { ALLOWED_PARENTS } from '../modules/org/units.ts';
import { parameter } from '../templates/ruleset.ts';
import type { BundleMember, BundleMemberPost, BundleMemberStatus, BundleUnit } from './bundle.ts';
import { type ImportContext, RowRefusal } from './context.ts';

const ROSTER = '党员花名册';

interface UnitRow {
  id: number;
  parent_id: number | null;
  kind: OrgKind;
  name: string;
}

function insertUnit(ctx: ImportContext, unit: BundleUnit, parentId: number | null): number {
  const parent =
    parentId === null
      ? null
      : ctx.ledger.db.get<UnitRow>('import.unit', sql`SELECT * FROM org_unit WHERE id = ${parentId}`);
  if (!ALLOWED_PARENTS[unit.kind].includes(parent?.kind ?? null)) {
    throw new RowRefusal(`${unit.kind}“${unit.name}”不能设在${parent ? `“${parent.name}”之下` : '最上级'}`);
  }
  const order = ctx.ledger.db.get<{ n: number }>(
    'import.unitOrder',
    sql`SELECT COALESCE(MAX(sort_order), 0) + 1 AS n FROM org_unit WHERE parent_id IS ${parentId}`,
  );
  return Number(
    ctx.ledger.db.run(
      'import.unitInsert',
      sql`INSERT INTO org_unit (parent_id, kind, name, sort_order, created_at, updated_at)
          VALUES (${parentId}, ${unit.kind}, ${unit.name}, ${order?.n ?? 1}, ${ctx.now}, ${ctx.now})`,
    ).lastInsertRowid,
  );
}

/** The local unit for a bundle unit that has no id match: by the caller's target, or by name under its parent. */
function placeUnit(ctx: ImportContext, unit: BundleUnit, parentLocal: number | null): { id: number; added: boolean } {
  const db = ctx.ledger.db;
  if (unit.kind === '党支部' && ctx.options.branchId !== undefined) {
    const target = db.get<UnitRow>('import.unit', sql`SELECT * FROM org_unit WHERE id = ${ctx.options.branchId}`);
    if (target?.kind !== '党支部') throw new RowRefusal(`找不到编号为 ${ctx.options.branchId} 的党支部`);
    return { id: target.id, added: false };
  }
  if (parentLocal === null && unit.parentId === null) {
    // The top of another ledger's tree is this ledger's committee, whatever its name there.
    const root = db.get<UnitRow>(
      'import.root',
      sql`SELECT * FROM org_unit WHERE parent_id IS NULL AND kind = ${unit.kind} ORDER BY id LIMIT 1`,
    );
    if (root) return { id: root.id, added: false };
  }
  if (parentLocal === null && unit.parentId !== null) {
    // The parent is not in the file: a branch goes under this ledger's committee.
    const root = db.get<UnitRow>(
      'import.anyRoot',
      sql`SELECT * FROM org_unit WHERE parent_id IS NULL ORDER BY id LIMIT 1`,
    );
    parentLocal = root?.id ?? null;
  }
  const same = db.get<UnitRow>(
    'import.unitByName',
    sql`SELECT * FROM org_unit WHERE parent_id IS ${parentLocal} AND name = ${unit.name} AND kind = ${unit.kind}`,
  );
  if (same) return { id: same.id, added: false };
  return { id: insertUnit(ctx, unit, parentLocal), added: true };
}

export function applyUnits(ctx: ImportContext): void {
  for (const unit of ctx.bundle.units) {
    const label = `${unit.kind} ${unit.name}`;
    ctx.guard(unit.ref, '组织', label, () => {
      const known = ctx.localId('org_unit', unit.id);
      if (known !== null) {
        ctx.map('org_unit', unit.id, known);
        return;
      }
      const parentLocal = unit.parentId === null ? null : ctx.mapped('org_unit', unit.parentId);
      const placed = placeUnit(ctx, unit, parentLocal);
      ctx.remember('org_unit', unit.id, placed.id);
      // Units are listed together under 组织, whichever sheet first named them.
      if (placed.added) ctx.record(undefined, '组织', label, 'added');
    });
  }
}

interface MemberRow {
  id: number;
  name: string;
  gender: string;
  ethnicity: string | null;
  birth_date: string;
  id_number: string | null;
  education: string | null;
  person_category: string | null;
  join_date: string;
  full_date: string | null;
  group_id: number | null;
  job: string | null;
  phone: string | null;
  address: string | null;
  note: string | null;
}

const COLUMNS: ReadonlyArray<[keyof MemberFields, keyof MemberRow]> = [
  ['name', 'name'],
  ['gender', 'gender'],
  ['ethnicity', 'ethnicity'],
  ['birthDate', 'birth_date'],
  ['idNumber', 'id_number'],
  ['education', 'education'],
  ['personCategory', 'person_category'],
  ['joinDate', 'join_date'],
  ['fullDate', 'full_date'],
  ['groupId', 'group_id'],
  ['job', 'job'],
  ['phone', 'phone'],
  ['address', 'address'],
  ['note', 'note'],
];

/**
 * A local member already imported as ANOTHER record of the same source ledger is someone else:
 * two people of one ledger may share a name and birthday (without numbers), and must not merge.
 */
function takenByAnother(ctx: ImportContext, sourceId: number, localId: number): boolean {
  const source = ctx.bundle.source;
  if (source.identity !== 'ids' || !source.ledgerId || sourceId < 0) return false;
  return (
    ctx.ledger.db.get<{ n: number }>(
      'import.memberTaken',
      sql`SELECT 1 AS n FROM import_origin WHERE source_ledger_id = ${source.ledgerId} AND entity = 'member'
          AND local_id = ${localId} AND source_id <> ${sourceId}`,
    ) !== undefined
  );
}

function findMember(ctx: ImportContext, m: BundleMember, fields: MemberFields): MemberRow | undefined {
  const db = ctx.ledger.db;
  const known = ctx.localId('member', m.id);
  if (known !== null) return db.get<MemberRow>('import.member', sql`SELECT * FROM member WHERE id = ${known}`);
  if (fields.idNumber) {
    const byId = db.get<MemberRow>('import.memberById', sql`SELECT * FROM member WHERE id_number = ${fields.idNumber}`);
    if (byId && !takenByAnother(ctx, m.id, byId.id)) return byId;
  }
  const byName = db
    .all<MemberRow>(
      'import.memberByName',
      sql`SELECT * FROM member WHERE name = ${fields.name} AND birth_date = ${fields.birthDate}`,
    )
    .filter((row) => !takenByAnother(ctx, m.id, row.id));
  // Two people with one name and birthday are told apart only by their numbers: never guess.
  return byName.length === 1 ? byName[0] : undefined;
}

function localUnit(ctx: ImportContext, sourceId: number | null, field: string): number | null {
  if (sourceId === null) return null;
  const local = ctx.mapped('org_unit', sourceId);
  if (local === null) throw new RowRefusal('所属组织未能导入', field);
  return local;
}

function memberFields(ctx: ImportContext, m: BundleMember, existing: MemberRow | undefined): MemberFields {
  const opt = (v: string | null | undefined) => v ?? undefined;
  return normalizeMemberFields({
    name: m.name,
    gender: m.gender,
    ethnicity: opt(m.ethnicity),
    birthDate: m.birthDate,
    // A masked number in the file says nothing about the real one: keep what the ledger has.
    idNumber: opt(m.idNumber === undefined ? existing?.id_number : m.idNumber),
    education: opt(m.education),
    personCategory: opt(m.personCategory),
    joinDate: m.joinDate,
    fullDate: opt(m.fullDate),
    groupId: localUnit(ctx, m.groupId, 'groupId'),
    job: opt(m.job),
    phone: opt(m.phone),
    address: opt(m.address),
    note: opt(m.note),
  });
}

function checkFields(ctx: ImportContext, fields: MemberFields, selfId: number | null): void {
  const rules = { minimumAgeAtJoin: parameter(ctx.ledger.ruleSet, 'member.minimumAge') };
  const problems = validateMember(fields, rules, today(ctx.ledger));
  const first = problems[0];
  if (first) {
    const key = COLUMNS.find(([f]) => MEMBER_FIELD_LABELS[f] === first.field)?.[0] ?? null;
    throw new RowRefusal(problems.map((p) => `${p.field ? `${p.field}：` : ''}${p.message}`).join('；'), key);
  }
  if (fields.idNumber) {
    const clash = ctx.ledger.db.get<{ id: number; name: string }>(
      'import.idClash',
      sql`SELECT id, name FROM member WHERE id_number = ${fields.idNumber} AND id IS NOT ${selfId}`,
    );
    if (clash) throw new RowRefusal(`公民身份号码与已登记的党员“${clash.name}”重复`, 'idNumber');
  }
}

type StatusRow = Omit<BundleMemberStatus, 'branchId'> & { branchId: number };

function localStatuses(ctx: ImportContext, list: readonly BundleMemberStatus[]): StatusRow[] {
  return list.map((s) => ({ ...s, branchId: localUnit(ctx, s.branchId, 'statuses') ?? 0 }));
}

function currentStatuses(ctx: ImportContext, memberId: number): StatusRow[] {
  return ctx.ledger.db
    .all<{
      status: BundleMemberStatus['status'];
      branch_id: number;
      from_date: string;
      to_date: string | null;
      reason: string | null;
    }>(
      'import.statuses',
      sql`SELECT status, branch_id, from_date, to_date, reason FROM member_status WHERE member_id = ${memberId} ORDER BY from_date, id`,
    )
    .map((s) => ({
      status: s.status,
      branchId: s.branch_id,
      fromDate: s.from_date,
      toDate: s.to_date,
      reason: s.reason,
    }));
}

function writeStatuses(ctx: ImportContext, memberId: number, rows: readonly StatusRow[]): void {
  ctx.ledger.db.run('import.clearStatuses', sql`DELETE FROM member_status WHERE member_id = ${memberId}`);
  for (const s of rows) {
    ctx.ledger.db.run(
      'import.status',
      sql`INSERT INTO member_status (member_id, status, branch_id, from_date, to_date, reason)
          VALUES (${memberId}, ${s.status}, ${s.branchId}, ${s.fromDate}, ${s.toDate}, ${s.reason})`,
    );
  }
}

/**
 * The history completed with the status a roster shows and its start date: nothing when an
 * interval already says so; else the interval covering that date ends there and the shown one
 * begins, up to the next one the ledger has (a workbook of an earlier year fills in, never cuts
 * off what a later one added).
 */
function withCurrentStatus(
  history: readonly StatusRow[],
  shown: NonNullable<BundleMember['currentStatus']>,
  branchId: number,
): StatusRow[] | null {
  const covers = (s: StatusRow) => s.fromDate <= shown.since && (s.toDate === null || s.toDate > shown.since);
  const already = history.find(
    (s) => s.status === shown.status && s.branchId === branchId && s.fromDate === shown.since,
  );
  if (already) return null;
  // Even when it says the same, the interval is split rather than moved: what the ledger knows of
  // the time before the roster's date (from another year's file) stays.
  const open = history.find(covers);
  const next = history.filter((s) => s.fromDate > shown.since).sort((a, b) => a.fromDate.localeCompare(b.fromDate))[0];
  const added: StatusRow = {
    status: shown.status,
    branchId,
    fromDate: shown.since,
    toDate: next?.fromDate ?? null,
    reason: null,
  };
  const cut = history.map((s) => (s === open ? { ...s, toDate: shown.since } : s)).filter(validInterval);
  return [...cut, added].sort((a, b) => a.fromDate.localeCompare(b.fromDate));
}

const validInterval = (s: StatusRow) => s.toDate === null || s.toDate > s.fromDate;

type PostRow = BundleMemberPost;

function currentPosts(ctx: ImportContext, memberId: number): PostRow[] {
  return ctx.ledger.db
    .all<{ unit_id: number; post: BundleMemberPost['post']; from_date: string; to_date: string | null }>(
      'import.posts',
      sql`SELECT unit_id, post, from_date, to_date FROM member_post WHERE member_id = ${memberId} ORDER BY from_date, id`,
    )
    .map((p) => ({ unitId: p.unit_id, post: p.post, fromDate: p.from_date, toDate: p.to_date }));
}

function insertPost(ctx: ImportContext, memberId: number, p: PostRow): void {
  ctx.ledger.db.run(
    'import.post',
    sql`INSERT INTO member_post (member_id, unit_id, post, from_date, to_date)
        VALUES (${memberId}, ${p.unitId}, ${p.post}, ${p.fromDate}, ${p.toDate})`,
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Posts by name only (a workbook): end the ones no longer listed today, open the new ones from today. */
function applyPostNames(ctx: ImportContext, m: BundleMember, memberId: number, isNew: boolean, since: string): boolean {
  const names = m.postNames;
  if (!names) return false;
  const branchId = localUnit(ctx, m.branchId, 'posts');
  const groupId = localUnit(ctx, m.groupId, 'posts');
  const open = currentPosts(ctx, memberId).filter((p) => p.toDate === null);
  const openNames = open.map((p) => p.post).sort();
  if (same(openNames, [...names].sort())) return false;
  const day = isNew ? since : today(ctx.ledger);
  for (const p of open) {
    if (names.includes(p.post)) continue;
    ctx.ledger.db.run(
      'import.endPost',
      sql`UPDATE member_post SET to_date = ${day} WHERE member_id = ${memberId} AND post = ${p.post} AND to_date IS NULL`,
    );
  }
  for (const post of names) {
    if (openNames.includes(post)) continue;
    const unitId = post === '党小组长' ? groupId : branchId;
    if (unitId === null) throw new RowRefusal(`“${post}”需要所在党小组`, 'posts');
    insertPost(ctx, memberId, { unitId, post, fromDate: day, toDate: null });
  }
  return true;
}

function applyMember(ctx: ImportContext, m: BundleMember, label: string): void {
  const db = ctx.ledger.db;
  const probe = memberFields(ctx, m, undefined);
  const existing = findMember(ctx, m, probe);
  const fields = existing ? memberFields(ctx, m, existing) : probe;
  checkFields(ctx, fields, existing?.id ?? null);
  const statuses = m.statuses ? localStatuses(ctx, m.statuses) : null;
  const posts = m.posts?.map((p) => ({ ...p, unitId: localUnit(ctx, p.unitId, 'posts') ?? 0 })) ?? null;

  if (!existing) {
    const id = Number(
      db.run(
        'import.memberInsert',
        sql`INSERT INTO member (name, name_initials, gender, ethnicity, birth_date, id_number, education, person_category,
                                join_date, full_date, group_id, job, phone, address, note, created_at, updated_at)
            VALUES (${fields.name}, ${nameInitials(fields.name)}, ${fields.gender}, ${fields.ethnicity}, ${fields.birthDate},
                    ${fields.idNumber}, ${fields.education}, ${fields.personCategory}, ${fields.joinDate}, ${fields.fullDate},
                    ${fields.groupId ?? null}, ${fields.job}, ${fields.phone}, ${fields.address}, ${fields.note}, ${ctx.now}, ${ctx.now})`,
      ).lastInsertRowid,
    );
    // Without a history in the file, the member is on the branch's roll since the status date the
    // roster gives, else from joining (as the roster import does).
    const branchId = localUnit(ctx, m.branchId, 'statuses') ?? 0;
    const current = m.currentStatus ?? { status: '在册' as const, since: fields.joinDate };
    // Someone listed as having left during the year was on the roll until then.
    const before: StatusRow[] =
      !ON_ROLL_STATUSES.includes(current.status) && fields.joinDate < current.since
        ? [{ status: '在册', branchId, fromDate: fields.joinDate, toDate: current.since, reason: null }]
        : [];
    writeStatuses(
      ctx,
      id,
      statuses ?? [
        ...before,
        { status: current.status, branchId, fromDate: current.since, toDate: null, reason: null },
      ],
    );
    for (const p of posts ?? []) insertPost(ctx, id, p);
    if (!posts) applyPostNames(ctx, m, id, true, fields.joinDate);
    ctx.remember('member', m.id, id);
    ctx.record(m.ref, ROSTER, label, 'added');
    return;
  }

  ctx.remember('member', m.id, existing.id);
  const changed: Array<keyof MemberFields> = [];
  for (const [field, column] of COLUMNS) {
    if ((fields[field] ?? null) !== existing[column]) changed.push(field);
  }
  if (changed.length > 0) {
    db.run(
      'import.memberUpdate',
      sql`UPDATE member SET name = ${fields.name}, name_initials = ${nameInitials(fields.name)}, gender = ${fields.gender},
            ethnicity = ${fields.ethnicity}, birth_date = ${fields.birthDate}, id_number = ${fields.idNumber},
            education = ${fields.education}, person_category = ${fields.personCategory}, join_date = ${fields.joinDate},
            full_date = ${fields.fullDate}, group_id = ${fields.groupId ?? null}, job = ${fields.job}, phone = ${fields.phone},
            address = ${fields.address}, note = ${fields.note}, updated_at = ${ctx.now}
          WHERE id = ${existing.id}`,
    );
  }
  const labels: string[] = changed.map((f) => MEMBER_FIELD_LABELS[f]);
  if (statuses && !same(statuses, currentStatuses(ctx, existing.id))) {
    writeStatuses(ctx, existing.id, statuses);
    labels.push('组织关系');
  } else if (!statuses && m.currentStatus) {
    const merged = withCurrentStatus(
      currentStatuses(ctx, existing.id),
      m.currentStatus,
      localUnit(ctx, m.branchId, 'statuses') ?? 0,
    );
    if (merged) {
      writeStatuses(ctx, existing.id, merged);
      labels.push('组织关系');
    }
  }
  if (posts && !same(posts, currentPosts(ctx, existing.id))) {
    db.run('import.clearPosts', sql`DELETE FROM member_post WHERE member_id = ${existing.id}`);
    for (const p of posts) insertPost(ctx, existing.id, p);
    labels.push('党内职务');
  } else if (!posts && applyPostNames(ctx, m, existing.id, false, fields.joinDate)) labels.push('党内职务');
  ctx.record(m.ref, ROSTER, label, labels.length > 0 ? 'updated' : 'unchanged', labels);
}

export function applyMembers(ctx: ImportContext): void {
  for (const m of ctx.bundle.members) {
    const label = `党员 ${m.name}`;
    ctx.guard(m.ref, ROSTER, label, () => applyMember(ctx, m, label));
  }
}
