/**
 * The rest of a bundle — 支部委员会任期, 发展党员 (with the steps), 换届选举, 书记项目, 党员积分
 * and 考核 — as a package carries them. Each record is matched by id (this ledger's, or through
 * import_origin) and else by its natural key; its child lists are replaced only when they differ,
 * so a second import changes nothing.
 */
import { sql } from '../db/sql.ts';
import type { BundleAssessment, BundleDevPerson, BundleElection, BundlePointsEvent, BundleProject } from './bundle.ts';
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
  const fields = {
    branch_id: branchId,
    name: p.name,
    gender: p.gender,
    birth_date: p.birthDate,
    id_number: p.idNumber,
    phone: p.phone,
    job: p.job,
    member_id: member(ctx, p.memberId),
    cancelled_on: p.cancelledOn,
    cancel_reason: p.cancelReason,
  };
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
  let id: number;
  const changed: string[] = [];
  if (!stored) {
    id = Number(
      db.run(
        'import.devInsert',
        sql`INSERT INTO dev_person (branch_id, name, gender, birth_date, id_number, phone, job, member_id, cancelled_on, cancel_reason, created_at)
            VALUES (${branchId}, ${p.name}, ${p.gender}, ${p.birthDate}, ${p.idNumber}, ${p.phone}, ${p.job}, ${fields.member_id},
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
              id_number = ${p.idNumber}, phone = ${p.phone}, job = ${p.job}, member_id = ${fields.member_id},
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
    }));
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

function applyAssessment(ctx: ImportContext, a: BundleAssessment, label: string): void {
  const db = ctx.ledger.db;
  const branchId = unit(ctx, a.branchId);
  const wanted = {
    rubric_version: a.rubricVersion,
    manual: json(a.manual),
    vetoes: json(a.vetoes),
    stage: a.stage,
    self_scored_at: a.selfScoredAt,
    reviewed_at: a.reviewedAt,
    publicity_from: a.publicityFrom,
    publicity_to: a.publicityTo,
    final_tier: a.finalTier,
    final_total: a.finalTotal,
  };
  const stored = db.get<Record<string, unknown>>(
    'import.assessment',
    sql`SELECT * FROM assessment WHERE branch_id = ${branchId} AND year = ${a.year}`,
  );
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
  if (!stored || changed.length > 0) {
    db.run(
      'import.assessmentUpsert',
      sql`INSERT INTO assessment (branch_id, year, rubric_version, manual, vetoes, stage, self_scored_at, reviewed_at,
                                  publicity_from, publicity_to, final_tier, final_total)
          VALUES (${branchId}, ${a.year}, ${a.rubricVersion}, ${wanted.manual}, ${wanted.vetoes}, ${a.stage}, ${a.selfScoredAt},
                  ${a.reviewedAt}, ${a.publicityFrom}, ${a.publicityTo}, ${a.finalTier}, ${a.finalTotal})
          ON CONFLICT (branch_id, year) DO UPDATE SET rubric_version = excluded.rubric_version, manual = excluded.manual,
            vetoes = excluded.vetoes, stage = excluded.stage, self_scored_at = excluded.self_scored_at,
            reviewed_at = excluded.reviewed_at, publicity_from = excluded.publicity_from, publicity_to = excluded.publicity_to,
            final_tier = excluded.final_tier, final_total = excluded.final_total`,
    );
  }
  ctx.record(undefined, '考核评分', label, !stored ? 'added' : changed.length > 0 ? 'updated' : 'unchanged', changed);
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
}
