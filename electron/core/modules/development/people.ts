import type {
  DevPersonDetail,
  DevPersonSummary,
  DevStepDetails,
  DevStepRecord,
  DevViolation,
} from '../../../api/development.ts';
import { sql } from '../../db/sql.ts';
import { type ErrorDetail, LedgerError } from '../../errors.ts';
import { type Ledger, today, write } from '../../ledger.ts';
import {
  archiveChecklist,
  checkStep,
  deadlines,
  nextStep,
  probationEndOf,
  stageOf,
  statusOf,
} from '../../rules/development.ts';
import { devStepDefinitions } from '../../rules/development-steps.ts';
import { parseIdNumber } from '../org/import/id-number.ts';
import { insertMember } from '../org/members-write.ts';
import { ON_ROLL_SQL } from '../org/roll.ts';
import { requireUnitOfKind } from '../org/units.ts';
import { voteBaseOf } from './vote-base.ts';

interface PersonRow {
  id: number;
  branch_id: number;
  name: string;
  gender: string;
  birth_date: string;
  id_number: string | null;
  phone: string | null;
  job: string | null;
  member_id: number | null;
  cancelled_on: string | null;
  cancel_reason: string | null;
}

interface StepRow {
  id: number;
  person_id: number;
  step_no: number;
  ordinal: number;
  done_on: string;
  decided_by: string | null;
  doc_no: string | null;
  note: string | null;
  details: string;
  override_reason: string | null;
  entered_at: string;
}

const toStep = (r: StepRow): DevStepRecord => ({
  id: r.id,
  stepNo: r.step_no,
  ordinal: r.ordinal,
  doneOn: r.done_on,
  decidedBy: r.decided_by,
  docNo: r.doc_no,
  note: r.note,
  details: JSON.parse(r.details) as DevStepDetails,
  overrideReason: r.override_reason,
  enteredAt: r.entered_at,
});

function stepsOf(ledger: Ledger, personIds: number[]): Map<number, DevStepRecord[]> {
  const rows = ledger.db.all<StepRow>(
    'dev.steps',
    sql`SELECT * FROM dev_step WHERE person_id IN (SELECT value FROM json_each(${JSON.stringify(personIds)}))
        ORDER BY done_on, step_no, ordinal`,
  );
  const byPerson = new Map<number, DevStepRecord[]>();
  for (const row of rows) byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), toStep(row)]);
  return byPerson;
}

function summarise(ledger: Ledger, person: PersonRow, history: DevStepRecord[]): DevPersonSummary {
  const definitions = devStepDefinitions();
  const last = history.at(-1) ?? null;
  const next = nextStep(history);
  const asOf = today(ledger);
  const due = person.cancelled_on ? [] : deadlines(history, asOf, ledger.ruleSet);
  const stage = stageOf(history);
  return {
    id: person.id,
    branchId: person.branch_id,
    name: person.name,
    gender: person.gender,
    stage,
    status: person.cancelled_on ? '已取消' : statusOf(history),
    lastStep: last
      ? { no: last.stepNo, name: definitions.find((d) => d.no === last.stepNo)?.name ?? '', doneOn: last.doneOn }
      : null,
    nextStep:
      next && !person.cancelled_on ? { no: next, name: definitions.find((d) => d.no === next)?.name ?? '' } : null,
    deadlines: due,
    overdue: due.some((d) => d.overdue),
    memberId: person.member_id,
  };
}

function getRow(ledger: Ledger, id: number): PersonRow {
  const row = ledger.db.get<PersonRow>('dev.person', sql`SELECT * FROM dev_person WHERE id = ${id}`);
  if (!row) throw new LedgerError('NOT_FOUND', `找不到编号为 ${id} 的发展对象记录。`);
  return row;
}

export function getPerson(ledger: Ledger, id: number): DevPersonDetail {
  const row = getRow(ledger, id);
  const history = stepsOf(ledger, [id]).get(id) ?? [];
  return {
    ...summarise(ledger, row, history),
    birthDate: row.birth_date,
    idNumber: row.id_number,
    phone: row.phone,
    job: row.job,
    steps: history,
    archive: archiveChecklist(history),
    probationEnd: probationEndOf(history, ledger.ruleSet),
  };
}

export function developmentBoard(ledger: Ledger, branchId: number, includeClosed = false): DevPersonSummary[] {
  const rows = ledger.db.all<PersonRow>(
    'dev.board',
    sql`SELECT * FROM dev_person WHERE branch_id = ${branchId} ORDER BY id`,
  );
  const steps = stepsOf(
    ledger,
    rows.map((r) => r.id),
  );
  return rows
    .map((r) => summarise(ledger, r, steps.get(r.id) ?? []))
    .filter((p) => includeClosed || p.status === '进行中');
}

function refuseViolations(violations: DevViolation[], overrideReason: string | undefined): void {
  const hard = violations.filter((v) => !v.overridable);
  const soft = violations.filter((v) => v.overridable);
  const details: ErrorDetail[] = [...hard, ...(overrideReason ? [] : soft)].map((v) => ({
    field: v.rule,
    message: `${v.message}（依据：${v.source}）${v.overridable ? '。如确属特殊情况，请填写书面理由后再保存' : ''}`,
  }));
  if (details.length > 0)
    throw new LedgerError('VALIDATION', `不符合发展党员工作规定，未保存：${details[0]?.message ?? ''}`, details);
}

export function createPerson(
  ledger: Ledger,
  input: {
    branchId: number;
    name: string;
    gender: '男' | '女';
    birthDate: string;
    idNumber?: string;
    phone?: string;
    job?: string;
    appliedOn: string;
  },
): DevPersonDetail {
  return write(ledger, () => {
    requireUnitOfKind(ledger, input.branchId, '党支部', '党支部');
    let idNumber = input.idNumber ?? null;
    if (idNumber) {
      const parsed = parseIdNumber(idNumber, today(ledger));
      if (!parsed.ok)
        throw new LedgerError('VALIDATION', parsed.message, [{ field: '公民身份号码', message: parsed.message }]);
      if (parsed.birthDate !== input.birthDate) {
        throw new LedgerError('VALIDATION', '出生日期与公民身份号码不一致。', [
          { field: '出生日期', message: `号码显示为 ${parsed.birthDate}` },
        ]);
      }
      idNumber = parsed.idNumber;
    }
    const violations = checkStep(
      [],
      { stepNo: 1, doneOn: input.appliedOn, details: {} },
      { ruleSet: ledger.ruleSet, today: today(ledger), birthDate: input.birthDate },
    );
    refuseViolations(violations, undefined);
    const now = ledger.clock().toISOString();
    const id = Number(
      ledger.db.run(
        'dev.insertPerson',
        sql`INSERT INTO dev_person (branch_id, name, gender, birth_date, id_number, phone, job, created_at)
            VALUES (${input.branchId}, ${input.name}, ${input.gender}, ${input.birthDate}, ${idNumber}, ${input.phone}, ${input.job}, ${now})`,
      ).lastInsertRowid,
    );
    ledger.db.run(
      'dev.insertStep',
      sql`INSERT INTO dev_step (person_id, step_no, ordinal, done_on, details, entered_at) VALUES (${id}, 1, 1, ${input.appliedOn}, '{}', ${now})`,
    );
    return {
      result: getPerson(ledger, id),
      audit: {
        action: 'dev.create',
        entity: 'dev_person',
        entityId: id,
        after: input,
        summary: `${input.name} 递交入党申请书（${input.appliedOn}）`,
      },
    };
  });
}

export interface RecordStepInput {
  personId: number;
  stepNo: number;
  doneOn: string;
  decidedBy?: string;
  docNo?: string;
  note?: string;
  details: Omit<DevStepDetails, 'vote'> & {
    vote?: {
      meetingId?: number;
      writtenOpinions: number;
      yes: number;
      no: number;
      abstain: number;
      eligible?: number;
      presentEligible?: number;
    };
  };
  overrideReason?: string;
}

/** Records a step as a fact: refused out of order or against a rule, unless the rule allows a written override. */
export function recordStep(ledger: Ledger, input: RecordStepInput): DevPersonDetail {
  return write(ledger, () => {
    const person = getRow(ledger, input.personId);
    if (person.cancelled_on)
      throw new LedgerError('CONFLICT', `${person.name} 的发展程序已于 ${person.cancelled_on} 终止。`);
    const history = stepsOf(ledger, [person.id]).get(person.id) ?? [];
    const { vote: voteInput, ...rest } = input.details;
    const details: DevStepDetails = { ...rest };
    if (voteInput)
      details.vote = {
        ...voteBaseOf(ledger, person.branch_id, input.doneOn, voteInput),
        writtenOpinions: voteInput.writtenOpinions,
        yes: voteInput.yes,
        no: voteInput.no,
        abstain: voteInput.abstain,
      };
    const sponsors = sponsorPool(ledger, person.branch_id, input.doneOn);
    const violations = checkStep(
      history,
      { stepNo: input.stepNo, doneOn: input.doneOn, details },
      { ruleSet: ledger.ruleSet, today: today(ledger), birthDate: person.birth_date, eligibleSponsors: sponsors },
    );
    refuseViolations(violations, input.overrideReason);
    const ordinal = history.filter((s) => s.stepNo === input.stepNo).length + 1;
    const now = ledger.clock().toISOString();
    ledger.db.run(
      'dev.insertStep',
      sql`INSERT INTO dev_step (person_id, step_no, ordinal, done_on, decided_by, doc_no, note, details, override_reason, entered_at)
          VALUES (${person.id}, ${input.stepNo}, ${ordinal}, ${input.doneOn}, ${input.decidedBy}, ${input.docNo}, ${input.note},
                  ${JSON.stringify(details)}, ${violations.length > 0 ? (input.overrideReason ?? null) : null}, ${now})`,
    );
    applyToRoster(ledger, person, input.stepNo, input.doneOn, history);
    const after = getPerson(ledger, person.id);
    const stepName = devStepDefinitions().find((d) => d.no === input.stepNo)?.name ?? `第 ${input.stepNo} 步`;
    return {
      result: after,
      audit: {
        action: 'dev.recordStep',
        entity: 'dev_person',
        entityId: person.id,
        after: { ...input, details, violationsOverridden: violations.length > 0 ? violations : undefined },
        summary: `${person.name}：${stepName}（${input.doneOn}）${violations.length > 0 ? `，书面理由：${input.overrideReason}` : ''}`,
      },
    };
  });
}

/** Who may be a 培养联系人 or 入党介绍人 on a date: the branch's roster that day, with 正式/预备. */
function sponsorPool(ledger: Ledger, branchId: number, date: string) {
  return ledger.db
    .all<{ id: number; name: string; full_date: string | null }>(
      'dev.sponsors',
      sql`SELECT m.id, m.name, m.full_date FROM member m JOIN member_status s ON s.member_id = m.id
          WHERE s.branch_id = ${branchId} AND s.status IN ${ON_ROLL_SQL}
            AND s.from_date <= ${date} AND (s.to_date IS NULL OR s.to_date > ${date})`,
    )
    .map((m) => ({
      memberId: m.id,
      name: m.name,
      fullMember: m.full_date !== null && m.full_date <= date,
      onRoll: true,
    }));
}

/**
 * The roster follows the pipeline: accepted by the 支部大会 (step 15) → 预备党员 from that day, dues
 * from that day; 按期转正 (step 23) → 正式党员 from the end of probation (党龄 counts from it).
 */
function applyToRoster(
  ledger: Ledger,
  person: PersonRow,
  stepNo: number,
  doneOn: string,
  history: DevStepRecord[],
): void {
  if (stepNo === 15 && person.member_id === null) {
    const memberId = insertMember(
      ledger,
      {
        name: person.name,
        gender: person.gender as '男' | '女',
        birthDate: person.birth_date,
        idNumber: person.id_number ?? undefined,
        joinDate: doneOn,
        ethnicity: undefined,
        education: undefined,
        personCategory: undefined,
        fullDate: undefined,
        groupId: null,
        job: person.job ?? undefined,
        phone: person.phone ?? undefined,
        address: undefined,
        note: '由发展党员程序转入',
      },
      person.branch_id,
      doneOn,
    );
    ledger.db.run('dev.linkMember', sql`UPDATE dev_person SET member_id = ${memberId} WHERE id = ${person.id}`);
  }
  // 党章第七条: the upper committee's approval (step 24) makes the 转正 decision of step 23 effective.
  const decision = history.filter((s) => s.stepNo === 23).at(-1);
  if (stepNo === 24 && person.member_id !== null && decision) {
    const end = probationEndOf(history, ledger.ruleSet);
    if (decision.details.outcome === '按期转正' && end) {
      // 党龄 counts from the end of probation (extended or not), not from the meeting or the approval.
      ledger.db.run('dev.fullMember', sql`UPDATE member SET full_date = ${end} WHERE id = ${person.member_id}`);
    }
    if (decision.details.outcome === '取消预备党员资格') {
      ledger.db.run(
        'dev.closeRoll',
        sql`UPDATE member_status SET to_date = ${doneOn} WHERE member_id = ${person.member_id} AND to_date IS NULL`,
      );
      ledger.db.run(
        'dev.leaveRoll',
        sql`INSERT INTO member_status (member_id, status, branch_id, from_date, reason)
            VALUES (${person.member_id}, '出党', ${person.branch_id}, ${doneOn}, '取消预备党员资格')`,
      );
    }
  }
}

export function cancelPerson(ledger: Ledger, id: number, reason: string): DevPersonDetail {
  return write(ledger, () => {
    const person = getRow(ledger, id);
    if (person.cancelled_on) throw new LedgerError('CONFLICT', `${person.name} 的发展程序已经终止。`);
    ledger.db.run(
      'dev.cancel',
      sql`UPDATE dev_person SET cancelled_on = ${today(ledger)}, cancel_reason = ${reason} WHERE id = ${id}`,
    );
    return {
      result: getPerson(ledger, id),
      audit: {
        action: 'dev.cancel',
        entity: 'dev_person',
        entityId: id,
        after: { reason },
        summary: `终止 ${person.name} 的发展程序：${reason}`,
      },
    };
  });
}
