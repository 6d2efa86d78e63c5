/**
 * The rest of a bundle — 支部委员会任期, 发展党员 (with the steps), 换届选举, 书记项目, 党员积分
 * and 考核 — as a package carries them. Each record is matched by id (this ledger's, or through
 * import_origin) and else by its natural key; its child lists are replaced only when they differ,
 * so a second import changes nothing.
 */
import { sql } from '../db/sql.ts';
import { localDate } from '../time.ts';
import type {
  BundleAssessment,
  BundleCommitment,
  BundleDevPerson,
  BundleDutyOverride,
  BundleDutyTask,
  BundleElection,
  BundleExemplaryPost,
  BundlePointsEvent,
  BundleProject,
  BundleStarAward,
  BundleStarCheck,
} from './bundle.ts';
import { type ImportContext, RowRefusal } from './context.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const json = (value: unknown) => JSON.stringify(value ?? {});

function unit(ctx: ImportContext, sourceId: number): number {
  const local = ctx.mapped('org_unit', sourceId);
  if (local === null) throw new RowRefusal('所属党支部未能导入');
  return local;
}

function member(ctx: ImportContext, sourceId: number | null): number | null {
  if (sourceId === null) return null;
  const local = ctx.mapped('member', sourceId);
  if (local === null) throw new RowRefusal(`引用的党员（编号 ${sourceId}）不在导入的花名册中`);
  return local;
}

/** Compares named columns of a stored row with wanted values; returns the names that differ. */
function differing(
  stored: Record<string, unknown>,
  wanted: Record<string, unknown>,
  labels: Record<string, string>,
): string[] {
  return Object.keys(wanted)
    .filter((k) => (wanted[k] ?? null) !== (stored[k] ?? null))
    .map((k) => labels[k] ?? k);
}

function applyTerms(ctx: ImportContext): void {
  for (const term of ctx.bundle.terms) {
    const label = `任期 ${term.startDate} 起 ${term.years} 年`;
    ctx.guard(undefined, '支部委员会任期', label, () => {
      const branchId = unit(ctx, term.branchId);
      const stored = ctx.ledger.db.get<{ start_date: string; years: number }>(
        'import.term',
        sql`SELECT start_date, years FROM branch_term WHERE branch_id = ${branchId}`,
      );
      if (stored && stored.start_date === term.startDate && stored.years === term.years) {
        ctx.record(undefined, '支部委员会任期', label, 'unchanged');
        return;
      }
      ctx.ledger.db.run(
        'import.termUpsert',
        sql`INSERT INTO branch_term (branch_id, start_date, years) VALUES (${branchId}, ${term.startDate}, ${term.years})
            ON CONFLICT (branch_id) DO UPDATE SET start_date = excluded.start_date, years = excluded.years`,
      );
      ctx.record(undefined, '支部委员会任期', label, stored ? 'updated' : 'added', stored ? ['任期'] : []);
    });
  }
}

function applyPerson(ctx: ImportContext, p: BundleDevPerson, label: string): void {
  const db = ctx.ledger.db;
  const branchId = unit(ctx, p.branchId);
  const known = ctx.localId('dev_person', p.id);
  const stored =
    known !== null
      ? db.get<Record<string, unknown> & { id: number }>(
          'import.dev',
          sql`SELECT * FROM dev_person WHERE id = ${known}`,
        )
      : ctx.naturalMatch(p.id)
        ? db.get<Record<string, unknown> & { id: number }>(
            'import.devByKey',
            sql`SELECT * FROM dev_person WHERE branch_id = ${branchId} AND name = ${p.name} AND birth_date = ${p.birthDate}`,
          )
        : undefined;
  // What a partial record (a workbook row) does not carry stays as the ledger has it.
  const kept = (column: string, value: string | number | null) =>
    p.partial && stored ? ((stored[column] as string | number | null | undefined) ?? null) : value;
  const fields = {
    branch_id: branchId,
    name: p.name,
    gender: p.gender,
    birth_date: p.birthDate,
    id_number: kept('id_number', p.idNumber),
    phone: kept('phone', p.phone),
    job: kept('job', p.job),
    member_id: p.partial ? kept('member_id', null) : member(ctx, p.memberId),
    cancelled_on: p.cancelledOn,
    cancel_reason: p.cancelReason,
  };
  let id: number;
  const changed: string[] = [];
  if (!stored) {
    id = Number(
      db.run(
        'import.devInsert',
        sql`INSERT INTO dev_person (branch_id, name, gender, birth_date, id_number, phone, job, member_id, cancelled_on, cancel_reason, created_at)
            VALUES (${branchId}, ${p.name}, ${p.gender}, ${p.birthDate}, ${fields.id_number}, ${fields.phone}, ${fields.job}, ${fields.member_id},
                    ${p.cancelledOn}, ${p.cancelReason}, ${p.createdAt})`,
      ).lastInsertRowid,
    );
  } else {
    id = stored.id;
    changed.push(
      ...differing(stored, fields, {
        branch_id: '党支部',
        name: '姓名',
        gender: '性别',
        birth_date: '出生日期',
        id_number: '公民身份号码',
        phone: '联系电话',
        job: '工作岗位',
        member_id: '对应党员',
        cancelled_on: '取消日期',
        cancel_reason: '取消原因',
      }),
    );
    if (changed.length > 0) {
      db.run(
        'import.devUpdate',
        sql`UPDATE dev_person SET branch_id = ${branchId}, name = ${p.name}, gender = ${p.gender}, birth_date = ${p.birthDate},
              id_number = ${fields.id_number}, phone = ${fields.phone}, job = ${fields.job}, member_id = ${fields.member_id},
              cancelled_on = ${p.cancelledOn}, cancel_reason = ${p.cancelReason} WHERE id = ${id}`,
      );
    }
  }
  ctx.remember('dev_person', p.id, id);
  const steps = db.all<Record<string, unknown>>(
    'import.devSteps',
    sql`SELECT step_no, ordinal, done_on, decided_by, doc_no, note, details, override_reason, entered_at
        FROM dev_step WHERE person_id = ${id} ORDER BY step_no, ordinal`,
  );
  const wanted = [...p.steps]
    .sort((a, b) => a.stepNo - b.stepNo || a.ordinal - b.ordinal)
    .map((s) => ({
      step_no: s.stepNo,
      ordinal: s.ordinal,
      done_on: s.doneOn,
      decided_by: s.decidedBy,
      doc_no: s.docNo,
      note: s.note,
      details: json(s.details),
      override_reason: s.overrideReason,
      entered_at: s.enteredAt,
    }))
    // A partial record's step that the ledger has on the same date keeps its documents and entry time.
    .map(
      (w) =>
        (p.partial
          ? (steps.find((s) => s.step_no === w.step_no && s.ordinal === w.ordinal && s.done_on === w.done_on) as
              | typeof w
              | undefined)
          : undefined) ?? w,
    );
  if (!same(steps, wanted)) {
    db.run('import.devClear', sql`DELETE FROM dev_step WHERE person_id = ${id}`);
    for (const s of wanted) {
      db.run(
        'import.devStep',
        sql`INSERT INTO dev_step (person_id, step_no, ordinal, done_on, decided_by, doc_no, note, details, override_reason, entered_at)
            VALUES (${id}, ${s.step_no}, ${s.ordinal}, ${s.done_on}, ${s.decided_by}, ${s.doc_no}, ${s.note}, ${s.details},
                    ${s.override_reason}, ${s.entered_at})`,
      );
    }
    if (stored) changed.push('发展步骤');
  }
  ctx.record(p.ref, '发展党员', label, !stored ? 'added' : changed.length > 0 ? 'updated' : 'unchanged', changed);
}

function applyElection(ctx: ImportContext, e: BundleElection, label: string): void {
  const db = ctx.ledger.db;
  const branchId = unit(ctx, e.branchId);
  const fields = {
    branch_id: branchId,
    seats: e.seats,
    planned_on: e.plannedOn,
    base: e.base,
    tally: e.tally === null || e.tally === undefined ? null : JSON.stringify(e.tally),
    finished_on: e.finishedOn,
  };
  const known = ctx.localId('election', e.id);
  const stored =
    known !== null
      ? db.get<Record<string, unknown> & { id: number }>(
          'import.election',
          sql`SELECT * FROM election WHERE id = ${known}`,
        )
      : ctx.naturalMatch(e.id)
        ? db.get<Record<string, unknown> & { id: number }>(
            'import.electionByKey',
            sql`SELECT * FROM election WHERE branch_id = ${branchId} AND created_at = ${e.createdAt}`,
          )
        : undefined;
  let id: number;
  const changed: string[] = [];
  if (!stored) {
    id = Number(
      db.run(
        'import.electionInsert',
        sql`INSERT INTO election (branch_id, seats, planned_on, base, tally, finished_on, created_at)
            VALUES (${branchId}, ${e.seats}, ${e.plannedOn}, ${e.base}, ${fields.tally}, ${e.finishedOn}, ${e.createdAt})`,
      ).lastInsertRowid,
    );
  } else {
    id = stored.id;
    changed.push(
      ...differing(stored, fields, {
        branch_id: '党支部',
        seats: '应选名额',
        planned_on: '计划日期',
        base: '计票基数',
        tally: '计票结果',
        finished_on: '完成日期',
      }),
    );
    if (changed.length > 0) {
      db.run(
        'import.electionUpdate',
        sql`UPDATE election SET branch_id = ${branchId}, seats = ${e.seats}, planned_on = ${e.plannedOn}, base = ${e.base},
              tally = ${fields.tally}, finished_on = ${e.finishedOn} WHERE id = ${id}`,
      );
    }
  }
  ctx.remember('election', e.id, id);
  const steps = db.all<Record<string, unknown>>(
    'import.electionSteps',
    sql`SELECT step_no, done_on, doc_no, note FROM election_step WHERE election_id = ${id} ORDER BY step_no`,
  );
  const wantedSteps = [...e.steps]
    .sort((a, b) => a.stepNo - b.stepNo)
    .map((s) => ({ step_no: s.stepNo, done_on: s.doneOn, doc_no: s.docNo, note: s.note }));
  if (!same(steps, wantedSteps)) {
    db.run('import.electionStepsClear', sql`DELETE FROM election_step WHERE election_id = ${id}`);
    for (const s of wantedSteps) {
      db.run(
        'import.electionStep',
        sql`INSERT INTO election_step (election_id, step_no, done_on, doc_no, note) VALUES (${id}, ${s.step_no}, ${s.done_on}, ${s.doc_no}, ${s.note})`,
      );
    }
    if (stored) changed.push('选举步骤');
  }
  const persons = db.all<{ member_id: number; role: string }>(
    'import.electionPersons',
    sql`SELECT member_id, role FROM election_person WHERE election_id = ${id} ORDER BY member_id, role`,
  );
  const wantedPersons = e.persons
    .map((p) => ({ member_id: member(ctx, p.memberId) ?? 0, role: p.role }))
    .sort((a, b) => a.member_id - b.member_id || a.role.localeCompare(b.role));
  if (!same(persons, wantedPersons)) {
    db.run('import.electionPersonsClear', sql`DELETE FROM election_person WHERE election_id = ${id}`);
    for (const p of wantedPersons) {
      db.run(
        'import.electionPerson',
        sql`INSERT INTO election_person (election_id, member_id, role) VALUES (${id}, ${p.member_id}, ${p.role})`,
      );
    }
    if (stored) changed.push('候选人与监票人');
  }
  ctx.record(e.ref, '换届选举', label, !stored ? 'added' : changed.length > 0 ? 'updated' : 'unchanged', changed);
}

function applyProject(ctx: ImportContext, p: BundleProject, label: string): void {
  const db = ctx.ledger.db;
  const branchId = unit(ctx, p.branchId);
  const known = ctx.localId('secretary_project', p.id);
  const stored =
    known !== null
      ? db.get<{ id: number; title: string; background: string | null; year: number }>(
          'import.project',
          sql`SELECT id, title, background, year FROM secretary_project WHERE id = ${known}`,
        )
      : ctx.naturalMatch(p.id)
        ? db.get<{ id: number; title: string; background: string | null; year: number }>(
            'import.projectByKey',
            sql`SELECT id, title, background, year FROM secretary_project WHERE branch_id = ${branchId} AND year = ${p.year} AND title = ${p.title}`,
          )
        : undefined;
  let id: number;
  const changed: string[] = [];
  if (!stored) {
    id = Number(
      db.run(
        'import.projectInsert',
        sql`INSERT INTO secretary_project (branch_id, year, title, background) VALUES (${branchId}, ${p.year}, ${p.title}, ${p.background})`,
      ).lastInsertRowid,
    );
  } else {
    id = stored.id;
    changed.push(
      ...differing(
        stored,
        { title: p.title, background: p.background, year: p.year },
        { title: '项目名称', background: '项目背景', year: '年度' },
      ),
    );
    if (changed.length > 0) {
      db.run(
        'import.projectUpdate',
        sql`UPDATE secretary_project SET title = ${p.title}, background = ${p.background}, year = ${p.year} WHERE id = ${id}`,
      );
    }
  }
  ctx.remember('secretary_project', p.id, id);
  const items = db.all<{
    id: number;
    kind: string;
    text: string;
    owner: string | null;
    due_date: string | null;
    done_on: string | null;
    linked_to: number | null;
    evidence: string | null;
  }>('import.projectItems', sql`SELECT * FROM project_item WHERE project_id = ${id} ORDER BY id`);
  // Links are compared by position in the list: ids differ between ledgers.
  const position = (list: ReadonlyArray<{ id: number }>, linked: number | null) =>
    linked === null ? null : list.findIndex((x) => x.id === linked);
  const shape = (
    list: ReadonlyArray<{
      id: number;
      kind: string;
      text: string;
      owner: string | null;
      dueDate: string | null;
      doneOn: string | null;
      linkedTo: number | null;
      evidence: string | null;
    }>,
  ) =>
    list.map((x) => ({
      kind: x.kind,
      text: x.text,
      owner: x.owner,
      dueDate: x.dueDate,
      doneOn: x.doneOn,
      link: position(list, x.linkedTo),
      evidence: x.evidence,
    }));
  const storedShape = shape(
    items.map((x) => ({ ...x, dueDate: x.due_date, doneOn: x.done_on, linkedTo: x.linked_to })),
  );
  if (!same(storedShape, shape(p.items))) {
    db.run('import.projectUnlink', sql`UPDATE project_item SET linked_to = NULL WHERE project_id = ${id}`);
    db.run('import.projectClear', sql`DELETE FROM project_item WHERE project_id = ${id}`);
    const newIds: number[] = [];
    for (const item of p.items) {
      newIds.push(
        Number(
          db.run(
            'import.projectItem',
            sql`INSERT INTO project_item (project_id, kind, text, owner, due_date, done_on, evidence)
                VALUES (${id}, ${item.kind}, ${item.text}, ${item.owner}, ${item.dueDate}, ${item.doneOn}, ${item.evidence})`,
          ).lastInsertRowid,
        ),
      );
    }
    p.items.forEach((item, i) => {
      const at = position(p.items, item.linkedTo);
      if (at !== null && at >= 0) {
        db.run(
          'import.projectLink',
          sql`UPDATE project_item SET linked_to = ${newIds[at] ?? null} WHERE id = ${newIds[i] ?? 0}`,
        );
      }
    });
    if (stored) changed.push('清单');
  }
  ctx.record(p.ref, '书记项目', label, !stored ? 'added' : changed.length > 0 ? 'updated' : 'unchanged', changed);
}

function applyPoints(ctx: ImportContext, e: BundlePointsEvent, label: string): void {
  const db = ctx.ledger.db;
  const branchId = unit(ctx, e.branchId);
  const memberId = member(ctx, e.memberId);
  const known = ctx.localId('points_event', e.id);
  const stored =
    known !== null
      ? db.get<Record<string, unknown> & { id: number }>(
          'import.points',
          sql`SELECT * FROM points_event WHERE id = ${known}`,
        )
      : ctx.naturalMatch(e.id)
        ? db.get<Record<string, unknown> & { id: number }>(
            'import.pointsByKey',
            sql`SELECT * FROM points_event WHERE member_id = ${memberId} AND branch_id = ${branchId} AND date = ${e.date}
                AND rule_id = ${e.ruleId} AND note IS ${e.note}`,
          )
        : undefined;
  if (!stored) {
    const id = Number(
      db.run(
        'import.pointsInsert',
        sql`INSERT INTO points_event (member_id, branch_id, date, rule_id, note) VALUES (${memberId}, ${branchId}, ${e.date}, ${e.ruleId}, ${e.note})`,
      ).lastInsertRowid,
    );
    ctx.remember('points_event', e.id, id);
    ctx.record(e.ref, '党员积分', label, 'added');
    return;
  }
  ctx.remember('points_event', e.id, stored.id);
  const wanted = { member_id: memberId, branch_id: branchId, date: e.date, rule_id: e.ruleId, note: e.note };
  const changed = differing(stored, wanted, {
    member_id: '党员',
    branch_id: '党支部',
    date: '日期',
    rule_id: '积分事项',
    note: '说明',
  });
  if (changed.length > 0) {
    db.run(
      'import.pointsUpdate',
      sql`UPDATE points_event SET member_id = ${memberId}, branch_id = ${branchId}, date = ${e.date}, rule_id = ${e.ruleId}, note = ${e.note}
          WHERE id = ${stored.id}`,
    );
  }
  ctx.record(e.ref, '党员积分', label, changed.length > 0 ? 'updated' : 'unchanged', changed);
}

/** JSON with its keys in order: the same scores compare equal whatever order they were entered in. */
function canonical(value: unknown): string {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : (value ?? {});
  return JSON.stringify(parsed, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

function applyAssessment(ctx: ImportContext, a: BundleAssessment, label: string): void {
  const db = ctx.ledger.db;
  const branchId = unit(ctx, a.branchId);
  const found = db.get<Record<string, unknown>>(
    'import.assessment',
    sql`SELECT * FROM assessment WHERE branch_id = ${branchId} AND year = ${a.year}`,
  );
  // A workbook carries the 自评 time to the day: the ledger's own instant on that day stands.
  const storedScoredAt = typeof found?.self_scored_at === 'string' ? found.self_scored_at : null;
  const selfScoredAt =
    a.selfScoredAt?.length === 10 && storedScoredAt && localDate(new Date(storedScoredAt)) === a.selfScoredAt
      ? storedScoredAt
      : a.selfScoredAt;
  const wanted = {
    rubric_version: a.rubricVersion,
    manual: canonical(a.manual),
    vetoes: canonical(a.vetoes),
    stage: a.stage,
    self_scored_at: selfScoredAt,
    reviewed_at: a.reviewedAt,
    publicity_from: a.publicityFrom,
    publicity_to: a.publicityTo,
    final_tier: a.finalTier,
    final_total: a.finalTotal,
  };
  const stored: Record<string, unknown> | undefined = found && {
    ...found,
    manual: canonical(found.manual),
    vetoes: canonical(found.vetoes),
  };
  const changed = stored
    ? differing(stored, wanted, {
        rubric_version: '评分细则版本',
        manual: '评分',
        vetoes: '否决事项',
        stage: '阶段',
        self_scored_at: '自评时间',
        reviewed_at: '评审时间',
        publicity_from: '公示开始',
        publicity_to: '公示结束',
        final_tier: '等次',
        final_total: '总分',
      })
    : [];
  if (stored?.stage === '已公示' && changed.length > 0) {
    // A published result stands as published (RULES: 公示后不再修改): the file's differing scores are not taken.
    ctx.notice(undefined, '考核评分', `${label}结果已公示，台账中的公示结果保持不变，文件中不同的评分未导入`, null);
    ctx.record(undefined, '考核评分', label, 'unchanged');
    return;
  }
  if (!stored || changed.length > 0) {
    db.run(
      'import.assessmentUpsert',
      sql`INSERT INTO assessment (branch_id, year, rubric_version, manual, vetoes, stage, self_scored_at, reviewed_at,
                                  publicity_from, publicity_to, final_tier, final_total)
          VALUES (${branchId}, ${a.year}, ${a.rubricVersion}, ${wanted.manual}, ${wanted.vetoes}, ${a.stage}, ${selfScoredAt},
                  ${a.reviewedAt}, ${a.publicityFrom}, ${a.publicityTo}, ${a.finalTier}, ${a.finalTotal})
          ON CONFLICT (branch_id, year) DO UPDATE SET rubric_version = excluded.rubric_version, manual = excluded.manual,
            vetoes = excluded.vetoes, stage = excluded.stage, self_scored_at = excluded.self_scored_at,
            reviewed_at = excluded.reviewed_at, publicity_from = excluded.publicity_from, publicity_to = excluded.publicity_to,
            final_tier = excluded.final_tier, final_total = excluded.final_total`,
    );
  }
  ctx.record(undefined, '考核评分', label, !stored ? 'added' : changed.length > 0 ? 'updated' : 'unchanged', changed);
}

/**
 * Source ids of the records 0007/0008 added, remembered in import_origin exactly like the entities
 * of context.ts (ORIGIN_TABLES does not list these tables; the same rules apply here).
 */
const OWN_TABLES = {
  duty_task: 'duty_task',
  exemplary_post: 'exemplary_post',
  exemplary_commitment: 'exemplary_commitment',
} as const;
type OwnEntity = keyof typeof OWN_TABLES;
const ownMaps = new WeakMap<ImportContext, Map<string, number>>();

function ownMap(ctx: ImportContext): Map<string, number> {
  let map = ownMaps.get(ctx);
  if (!map) {
    map = new Map();
    ownMaps.set(ctx, map);
  }
  return map;
}

function ownLocalId(ctx: ImportContext, entity: OwnEntity, sourceId: number): number | null {
  const known = ownMap(ctx).get(`${entity}:${sourceId}`);
  if (known !== undefined) return known;
  const source = ctx.bundle.source;
  if (source.identity !== 'ids' || sourceId < 0) return null;
  const table = sql.raw(OWN_TABLES[entity]);
  let local: number | null = null;
  if (ctx.sameLedger) {
    local =
      ctx.ledger.db.get<{ id: number }>('import.ownSameId', sql`SELECT id FROM ${table} WHERE id = ${sourceId}`)?.id ??
      null;
  } else if (source.ledgerId) {
    local =
      ctx.ledger.db.get<{ id: number }>(
        'import.ownOrigin',
        sql`SELECT t.id FROM import_origin o JOIN ${table} t ON t.id = o.local_id
            WHERE o.source_ledger_id = ${source.ledgerId} AND o.entity = ${entity} AND o.source_id = ${sourceId}`,
      )?.id ?? null;
  }
  if (local !== null) ownMap(ctx).set(`${entity}:${sourceId}`, local);
  return local;
}

function ownRemember(ctx: ImportContext, entity: OwnEntity, sourceId: number, localId: number): void {
  ownMap(ctx).set(`${entity}:${sourceId}`, localId);
  const source = ctx.bundle.source;
  if (source.identity !== 'ids' || ctx.sameLedger || !source.ledgerId || sourceId < 0) return;
  ctx.ledger.db.run(
    'import.ownRemember',
    sql`INSERT INTO import_origin (source_ledger_id, entity, source_id, local_id, imported_at)
        VALUES (${source.ledgerId}, ${entity}, ${sourceId}, ${localId}, ${ctx.now})
        ON CONFLICT (source_ledger_id, entity, source_id) DO UPDATE SET local_id = excluded.local_id`,
  );
}

type StoredRow = Record<string, unknown> & { id: number };

/** Inserts or updates one row by its wanted columns; returns the local id and the changed labels. */
function upsertRow(
  ctx: ImportContext,
  table: OwnEntity,
  stored: StoredRow | undefined,
  wanted: Record<string, string | number | null>,
  onInsertOnly: Record<string, string | number | null>,
  labels: Record<string, string>,
  onUpdate: Record<string, string | number | null> = {},
): { id: number; changed: string[] } {
  const db = ctx.ledger.db;
  const name = sql.raw(OWN_TABLES[table]);
  if (!stored) {
    const all = { ...wanted, ...onInsertOnly };
    const columns = sql.raw(Object.keys(all).join(', '));
    const values = sql.in(Object.values(all));
    const id = Number(
      db.run('import.ownInsert', sql`INSERT INTO ${name} (${columns}) VALUES ${values}`).lastInsertRowid,
    );
    return { id, changed: [] };
  }
  const changed = differing(stored, wanted, labels);
  if (changed.length > 0) {
    // One statement: the tables' CHECKs tie columns together (a finished task has its done date).
    // Column names come from the constant lists in this file, never from the package.
    const sets = Object.entries({ ...wanted, ...onUpdate }).map(
      ([column, value]) => sql`${sql.raw(column)} = ${value}`,
    );
    db.run('import.ownUpdate', sql`UPDATE ${name} SET ${sql.join(sets, ', ')} WHERE id = ${stored.id}`);
  }
  return { id: stored.id, changed };
}

function applyDutyOverride(ctx: ImportContext, o: BundleDutyOverride, label: string): void {
  const db = ctx.ledger.db;
  const branchId = unit(ctx, o.branchId);
  const items = JSON.stringify(o.items);
  const stored = db.get<{ items: string }>(
    'import.dutyOverride',
    sql`SELECT items FROM duty_role_override WHERE branch_id = ${branchId} AND post = ${o.post}`,
  );
  if (stored && same(JSON.parse(stored.items), o.items)) {
    ctx.record(undefined, '支委分工', label, 'unchanged');
    return;
  }
  db.run(
    'import.dutyOverrideUpsert',
    sql`INSERT INTO duty_role_override (branch_id, post, items, updated_at) VALUES (${branchId}, ${o.post}, ${items}, ${o.updatedAt})
        ON CONFLICT (branch_id, post) DO UPDATE SET items = excluded.items, updated_at = excluded.updated_at`,
  );
  ctx.record(undefined, '支委分工', label, stored ? 'updated' : 'added', stored ? ['职责清单'] : []);
}

/** The plan item a task came from, if it is in this ledger; else none (the column is ON DELETE SET NULL anyway). */
function planItem(ctx: ImportContext, sourceId: number | null): number | null {
  if (sourceId === null) return null;
  return ctx.mapped('plan_item', sourceId) ?? ctx.localId('plan_item', sourceId);
}

function applyDutyTask(ctx: ImportContext, t: BundleDutyTask, label: string): void {
  const branchId = unit(ctx, t.branchId);
  const memberId = member(ctx, t.memberId);
  const known = ownLocalId(ctx, 'duty_task', t.id);
  const stored =
    known !== null
      ? ctx.ledger.db.get<StoredRow>('import.dutyTask', sql`SELECT * FROM duty_task WHERE id = ${known}`)
      : ctx.naturalMatch(t.id)
        ? ctx.ledger.db.get<StoredRow>(
            'import.dutyTaskByKey',
            sql`SELECT * FROM duty_task WHERE branch_id = ${branchId} AND year = ${t.year} AND member_id = ${memberId}
                AND text = ${t.text}`,
          )
        : undefined;
  const wanted = {
    branch_id: branchId,
    year: t.year,
    member_id: memberId,
    text: t.text,
    source: t.source,
    plan_item_id: planItem(ctx, t.planItemId),
    assigned_on: t.assignedOn,
    due_date: t.dueDate,
    status: t.status,
    done_on: t.doneOn,
    note: t.note,
    sort_order: t.sortOrder,
  };
  const { id, changed } = upsertRow(
    ctx,
    'duty_task',
    stored,
    wanted,
    { created_at: t.createdAt, updated_at: t.updatedAt },
    {
      branch_id: '党支部',
      year: '年度',
      member_id: '责任人',
      text: '任务',
      source: '来源',
      plan_item_id: '对应计划事项',
      assigned_on: '分派日期',
      due_date: '完成时限',
      status: '状态',
      done_on: '完成日期',
      note: '备注',
      sort_order: '顺序',
    },
    { updated_at: t.updatedAt },
  );
  ownRemember(ctx, 'duty_task', t.id, id);
  ctx.record(t.ref, '责任清单', label, !stored ? 'added' : changed.length > 0 ? 'updated' : 'unchanged', changed);
}

function applyExemplaryPost(ctx: ImportContext, p: BundleExemplaryPost, label: string): void {
  const branchId = unit(ctx, p.branchId);
  const holderId = member(ctx, p.holderId);
  const known = ownLocalId(ctx, 'exemplary_post', p.id);
  const stored =
    known !== null
      ? ctx.ledger.db.get<StoredRow>('import.exPost', sql`SELECT * FROM exemplary_post WHERE id = ${known}`)
      : ctx.naturalMatch(p.id)
        ? ctx.ledger.db.get<StoredRow>(
            'import.exPostByKey',
            sql`SELECT * FROM exemplary_post WHERE branch_id = ${branchId} AND name = ${p.name} AND from_date = ${p.fromDate}`,
          )
        : undefined;
  const { id, changed } = upsertRow(
    ctx,
    'exemplary_post',
    stored,
    {
      branch_id: branchId,
      kind: p.kind,
      name: p.name,
      scope: p.scope,
      duty: p.duty,
      holder_id: holderId,
      from_date: p.fromDate,
      to_date: p.toDate,
    },
    {},
    {
      branch_id: '党支部',
      kind: '类型',
      name: '名称',
      scope: '责任范围',
      duty: '岗位职责',
      holder_id: '负责党员',
      from_date: '设立日期',
      to_date: '撤销日期',
    },
  );
  ownRemember(ctx, 'exemplary_post', p.id, id);
  ctx.record(p.ref, '示范岗', label, !stored ? 'added' : changed.length > 0 ? 'updated' : 'unchanged', changed);
}

function applyCommitment(ctx: ImportContext, c: BundleCommitment, label: string): void {
  const branchId = unit(ctx, c.branchId);
  const memberId = member(ctx, c.memberId);
  let postId: number | null = null;
  if (c.postId !== null) {
    postId = ownLocalId(ctx, 'exemplary_post', c.postId);
    if (postId === null) throw new RowRefusal(`引用的示范岗（编号 ${c.postId}）未能导入`);
  }
  const known = ownLocalId(ctx, 'exemplary_commitment', c.id);
  const stored =
    known !== null
      ? ctx.ledger.db.get<StoredRow>('import.commitment', sql`SELECT * FROM exemplary_commitment WHERE id = ${known}`)
      : ctx.naturalMatch(c.id)
        ? ctx.ledger.db.get<StoredRow>(
            'import.commitmentByKey',
            sql`SELECT * FROM exemplary_commitment WHERE member_id = ${memberId} AND year = ${c.year} AND text = ${c.text}`,
          )
        : undefined;
  const { id, changed } = upsertRow(
    ctx,
    'exemplary_commitment',
    stored,
    {
      branch_id: branchId,
      member_id: memberId,
      post_id: postId,
      year: c.year,
      text: c.text,
      made_on: c.madeOn,
      fulfilment: c.fulfilment,
      status: c.status,
      checked_on: c.checkedOn,
    },
    {},
    {
      branch_id: '党支部',
      member_id: '党员',
      post_id: '示范岗',
      year: '年度',
      text: '承诺内容',
      made_on: '承诺日期',
      fulfilment: '践诺情况',
      status: '状态',
      checked_on: '核实日期',
    },
  );
  ownRemember(ctx, 'exemplary_commitment', c.id, id);
  ctx.record(c.ref, '承诺践诺', label, !stored ? 'added' : changed.length > 0 ? 'updated' : 'unchanged', changed);
}

const AWARD_LABELS: Record<string, string> = {
  branch_id: '党支部',
  scheme_version: '评星办法版本',
  stage: '阶段',
  self_stars: '自评星级',
  self_note: '自评说明',
  self_on: '自评日期',
  peer_stars: '互评星级',
  peer_votes: '互评票',
  peer_note: '互评说明',
  peer_on: '互评日期',
  decided_stars: '评定星级',
  decided_on: '评定日期',
  decided_note: '评定意见',
};

/** One award per member and period (UNIQUE in 0008): that pair is the key, whatever the ids. */
function applyStarAward(ctx: ImportContext, a: BundleStarAward, label: string): void {
  const db = ctx.ledger.db;
  const branchId = unit(ctx, a.branchId);
  const memberId = member(ctx, a.memberId);
  const wanted: Record<string, string | number | null> = {
    branch_id: branchId,
    scheme_version: a.schemeVersion,
    stage: a.stage,
    self_stars: a.selfStars,
    self_note: a.selfNote,
    self_on: a.selfOn,
    peer_stars: a.peerStars,
    peer_votes: a.peerVotes === null ? null : JSON.stringify(a.peerVotes),
    peer_note: a.peerNote,
    peer_on: a.peerOn,
    decided_stars: a.decidedStars,
    decided_on: a.decidedOn,
    decided_note: a.decidedNote,
  };
  const stored = db.get<StoredRow>(
    'import.starAward',
    sql`SELECT * FROM star_award WHERE member_id = ${memberId} AND period = ${a.period}`,
  );
  const changed = stored ? differing(stored, wanted, AWARD_LABELS) : [];
  if (!stored || changed.length > 0) {
    db.run(
      'import.starAwardUpsert',
      sql`INSERT INTO star_award (member_id, branch_id, period, scheme_version, stage, self_stars, self_note, self_on,
                                  peer_stars, peer_votes, peer_note, peer_on, decided_stars, decided_on, decided_note)
          VALUES (${memberId}, ${branchId}, ${a.period}, ${a.schemeVersion}, ${a.stage}, ${a.selfStars}, ${a.selfNote},
                  ${a.selfOn}, ${a.peerStars}, ${wanted.peer_votes ?? null}, ${a.peerNote}, ${a.peerOn}, ${a.decidedStars},
                  ${a.decidedOn}, ${a.decidedNote})
          ON CONFLICT (member_id, period) DO UPDATE SET branch_id = excluded.branch_id,
            scheme_version = excluded.scheme_version, stage = excluded.stage, self_stars = excluded.self_stars,
            self_note = excluded.self_note, self_on = excluded.self_on, peer_stars = excluded.peer_stars,
            peer_votes = excluded.peer_votes, peer_note = excluded.peer_note, peer_on = excluded.peer_on,
            decided_stars = excluded.decided_stars, decided_on = excluded.decided_on, decided_note = excluded.decided_note`,
    );
  }
  ctx.record(undefined, '星级评定', label, !stored ? 'added' : changed.length > 0 ? 'updated' : 'unchanged', changed);
}

function applyStarCheck(ctx: ImportContext, c: BundleStarCheck, label: string): void {
  const db = ctx.ledger.db;
  const branchId = unit(ctx, c.branchId);
  const memberId = member(ctx, c.memberId);
  const stored = db.get<{ branch_id: number; reason: string }>(
    'import.starCheck',
    sql`SELECT branch_id, reason FROM star_check WHERE member_id = ${memberId} AND period = ${c.period}
        AND disqualifier_id = ${c.disqualifierId}`,
  );
  const changed = stored
    ? differing(stored, { branch_id: branchId, reason: c.reason }, { branch_id: '党支部', reason: '原因' })
    : [];
  if (!stored || changed.length > 0) {
    db.run(
      'import.starCheckUpsert',
      sql`INSERT INTO star_check (member_id, branch_id, period, disqualifier_id, reason, entered_at)
          VALUES (${memberId}, ${branchId}, ${c.period}, ${c.disqualifierId}, ${c.reason}, ${c.enteredAt})
          ON CONFLICT (member_id, period, disqualifier_id) DO UPDATE SET branch_id = excluded.branch_id,
            reason = excluded.reason, entered_at = excluded.entered_at`,
    );
  }
  ctx.record(undefined, '星级评定', label, !stored ? 'added' : changed.length > 0 ? 'updated' : 'unchanged', changed);
}

const SETTING_NAMES: Record<string, string> = {
  document_fonts: '公文字体设置',
  rubric: '启用的考核评分细则',
  points_rules: '党员积分规则',
  rule_overrides: '规则参数调整',
};

/**
 * The writing ledger's settings travel for the record only: they are that ledger's, not the
 * branch's, and an auditor's ledger must not take over a branch's fonts, templates or rubric
 * unnoticed. Whatever differs from this ledger is named in a notice, and nothing is written.
 */
function noticeSettings(ctx: ImportContext): void {
  const settings = ctx.bundle.settings;
  if (!settings) return;
  const db = ctx.ledger.db;
  const differ: string[] = [];
  let rubrics = 0;
  for (const { key, value } of settings.meta) {
    const own = db.get<{ value: string }>('import.ownSetting', sql`SELECT value FROM ledger_meta WHERE key = ${key}`);
    if (own?.value === value) continue;
    if (key.startsWith('rubric:')) rubrics += 1;
    else differ.push(SETTING_NAMES[key] ?? key);
  }
  if (rubrics > 0) differ.push(`考核评分细则 ${rubrics} 版`);
  const templates = settings.docTemplates.filter(
    (t) =>
      t.active &&
      !db.get('import.ownDocTemplate', sql`SELECT 1 AS x FROM doc_template WHERE sha256 = ${t.sha256} AND active = 1`),
  );
  if (templates.length > 0)
    differ.push(`记录模板 ${templates.length} 份（${templates.map((t) => t.kind).join('、')}）`);
  if (differ.length === 0) return;
  ctx.notice(
    undefined,
    '台账设置',
    `文件附带了导出方台账的设置：${differ.join('；')}。这些设置属于导出方台账，未应用到本台账，本台账的设置保持不变（台账包中完整保留，备查）。`,
    null,
  );
}

export function applyDutiesAndExemplary(ctx: ImportContext): void {
  const duties = ctx.bundle.duties;
  if (duties) {
    for (const o of duties.overrides) {
      const label = `${o.post}职责清单`;
      ctx.guard(undefined, '支委分工', label, () => applyDutyOverride(ctx, o, label));
    }
    for (const t of duties.tasks) {
      const label = `责任清单 ${t.year} ${t.text}`;
      ctx.guard(t.ref, '责任清单', label, () => applyDutyTask(ctx, t, label));
    }
  }
  const ex = ctx.bundle.exemplary;
  if (ex) {
    for (const p of ex.posts) {
      const label = `示范岗 ${p.name}`;
      ctx.guard(p.ref, '示范岗', label, () => applyExemplaryPost(ctx, p, label));
    }
    for (const c of ex.commitments) {
      const label = `承诺 ${c.year} ${c.text.slice(0, 20)}`;
      ctx.guard(c.ref, '承诺践诺', label, () => applyCommitment(ctx, c, label));
    }
    for (const a of ex.awards) {
      const label = `星级 ${a.period}（党员编号 ${a.memberId}）`;
      ctx.guard(undefined, '星级评定', label, () => applyStarAward(ctx, a, label));
    }
    for (const c of ex.checks) {
      const label = `不评星事由 ${c.period}（党员编号 ${c.memberId}）`;
      ctx.guard(undefined, '星级评定', label, () => applyStarCheck(ctx, c, label));
    }
  }
  noticeSettings(ctx);
}

export function applyTheRest(ctx: ImportContext): void {
  applyTerms(ctx);
  for (const p of ctx.bundle.development) {
    const label = `发展对象 ${p.name}`;
    ctx.guard(p.ref, '发展党员', label, () => applyPerson(ctx, p, label));
  }
  for (const e of ctx.bundle.elections) {
    const label = `换届选举 ${e.plannedOn ?? e.createdAt.slice(0, 10)}`;
    ctx.guard(e.ref, '换届选举', label, () => applyElection(ctx, e, label));
  }
  for (const p of ctx.bundle.projects) {
    const label = `书记项目 ${p.year} ${p.title}`;
    ctx.guard(p.ref, '书记项目', label, () => applyProject(ctx, p, label));
  }
  for (const e of ctx.bundle.points) {
    const label = `积分 ${e.date} ${e.ruleId}`;
    ctx.guard(e.ref, '党员积分', label, () => applyPoints(ctx, e, label));
  }
  for (const a of ctx.bundle.assessments) {
    const label = `${a.year}年度考核`;
    ctx.guard(undefined, '考核评分', label, () => applyAssessment(ctx, a, label));
  }
  applyDutiesAndExemplary(ctx);
}
