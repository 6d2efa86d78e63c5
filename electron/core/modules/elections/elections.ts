import type { ElectionDetail, ElectionTally, TermInfo } from '../../../api/elections.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, today, write } from '../../ledger.ts';
import { checkCandidates, minimumCandidates, orderCandidates } from '../../rules/election.ts';
import { electionDocuments, electionStepDefinitions } from '../../rules/election-steps.ts';
import { termStatus } from '../../rules/term.ts';
import { parameter } from '../../templates/ruleset.ts';
import { ON_ROLL_SQL } from '../org/roll.ts';
import { requireUnitOfKind } from '../org/units.ts';

export function getTerm(ledger: Ledger, branchId: number): TermInfo {
  requireUnitOfKind(ledger, branchId, '党支部', '党支部');
  const row = ledger.db.get<{ start_date: string; years: number }>(
    'term.get',
    sql`SELECT start_date, years FROM branch_term WHERE branch_id = ${branchId}`,
  );
  if (!row) {
    return {
      branchId,
      startDate: null,
      years: parameter(ledger.ruleSet, 'term.years.default'),
      endDate: null,
      state: 'unknown',
      message: '尚未登记本届支委会的任期，请在“换届选举”中填写任期起始日期。',
    };
  }
  return {
    branchId,
    ...termStatus({ startDate: row.start_date, years: row.years, asOf: today(ledger) }, ledger.ruleSet),
  };
}

function upsertTerm(ledger: Ledger, branchId: number, startDate: string, years: number): void {
  ledger.db.run(
    'term.set',
    sql`INSERT INTO branch_term (branch_id, start_date, years) VALUES (${branchId}, ${startDate}, ${years})
        ON CONFLICT (branch_id) DO UPDATE SET start_date = excluded.start_date, years = excluded.years`,
  );
}

export function setTerm(ledger: Ledger, input: { branchId: number; startDate: string; years: number }): TermInfo {
  write(ledger, () => {
    requireUnitOfKind(ledger, input.branchId, '党支部', '党支部');
    if (input.startDate > today(ledger))
      throw new LedgerError('VALIDATION', '任期起始日期不能晚于今天。', [
        { field: '任期起始日期', message: '不能晚于今天' },
      ]);
    upsertTerm(ledger, input.branchId, input.startDate, input.years);
    return {
      result: null,
      audit: {
        action: 'term.set',
        entity: 'branch_term',
        entityId: input.branchId,
        after: input,
        summary: `登记任期：${input.startDate} 起 ${input.years} 年`,
      },
    };
  });
  return getTerm(ledger, input.branchId);
}

interface ElectionRow {
  id: number;
  branch_id: number;
  seats: number;
  planned_on: string | null;
  base: '应到会' | '实到会';
  tally: string | null;
  finished_on: string | null;
}

export function getElection(ledger: Ledger, id: number): ElectionDetail {
  const row = ledger.db.get<ElectionRow>('election.get', sql`SELECT * FROM election WHERE id = ${id}`);
  if (!row) throw new LedgerError('NOT_FOUND', `找不到编号为 ${id} 的换届选举。`);
  const steps = new Map(
    ledger.db
      .all<{ step_no: number; done_on: string; doc_no: string | null; note: string | null }>(
        'election.steps',
        sql`SELECT step_no, done_on, doc_no, note FROM election_step WHERE election_id = ${id}`,
      )
      .map((s) => [s.step_no, s]),
  );
  const people = ledger.db.all<{ member_id: number; name: string; role: string }>(
    'election.people',
    sql`SELECT p.member_id, m.name, p.role FROM election_person p JOIN member m ON m.id = p.member_id WHERE p.election_id = ${id}`,
  );
  const candidates = orderCandidates(
    people.filter((p) => p.role === '候选人').map((p) => ({ memberId: p.member_id, name: p.name })),
  );
  const definitions = electionStepDefinitions();
  const documents = electionDocuments();
  return {
    id: row.id,
    branchId: row.branch_id,
    seats: row.seats,
    plannedOn: row.planned_on,
    base: row.base,
    status: row.finished_on ? '已完成' : row.tally ? '已选举' : '筹备中',
    steps: definitions.map((d) => {
      const done = steps.get(d.no);
      return {
        no: d.no,
        name: d.name,
        doneOn: done?.done_on ?? null,
        docNo: done?.doc_no ?? null,
        note: done?.note ?? null,
      };
    }),
    candidates,
    minimumCandidates: minimumCandidates(row.seats, ledger.ruleSet),
    scrutineers: people.filter((p) => p.role === '监票人').map((p) => ({ memberId: p.member_id, name: p.name })),
    tally: row.tally ? (JSON.parse(row.tally) as ElectionTally) : null,
    documents: documents.map((d) => ({ item: d.item, present: d.stepNo === null ? false : steps.has(d.stepNo) })),
  };
}

export function listElections(ledger: Ledger, branchId: number): ElectionDetail[] {
  return ledger.db
    .all<{ id: number }>('election.list', sql`SELECT id FROM election WHERE branch_id = ${branchId} ORDER BY id DESC`)
    .map((r) => getElection(ledger, r.id));
}

export function createElection(
  ledger: Ledger,
  input: { branchId: number; seats: number; plannedOn?: string },
): ElectionDetail {
  return write(ledger, () => {
    requireUnitOfKind(ledger, input.branchId, '党支部', '党支部');
    const open = ledger.db.get<{ id: number }>(
      'election.open',
      sql`SELECT id FROM election WHERE branch_id = ${input.branchId} AND finished_on IS NULL`,
    );
    if (open) throw new LedgerError('CONFLICT', '本支部已有一次尚未完成的换届选举，请先完成它。');
    const id = Number(
      ledger.db.run(
        'election.insert',
        sql`INSERT INTO election (branch_id, seats, planned_on, created_at) VALUES (${input.branchId}, ${input.seats}, ${input.plannedOn}, ${ledger.clock().toISOString()})`,
      ).lastInsertRowid,
    );
    return {
      result: getElection(ledger, id),
      audit: {
        action: 'election.create',
        entity: 'election',
        entityId: id,
        after: input,
        summary: `启动换届选举（应选 ${input.seats} 名委员）`,
      },
    };
  });
}

function requireOpen(ledger: Ledger, id: number): ElectionDetail {
  const election = getElection(ledger, id);
  if (election.status === '已完成') throw new LedgerError('CONFLICT', '这次换届选举已经完成，不能再修改。');
  return election;
}

export function recordElectionStep(
  ledger: Ledger,
  input: { electionId: number; stepNo: number; doneOn: string; docNo?: string; note?: string },
): ElectionDetail {
  return write(ledger, () => {
    const election = requireOpen(ledger, input.electionId);
    if (input.doneOn > today(ledger))
      throw new LedgerError('VALIDATION', '日期不能晚于今天。', [{ field: '日期', message: '不能晚于今天' }]);
    const earlier = election.steps.filter((s) => s.no < input.stepNo);
    const missing = earlier.find((s) => s.doneOn === null);
    if (missing)
      throw new LedgerError('VALIDATION', `请先完成第 ${missing.no} 步“${missing.name}”。`, [
        { field: '步骤', message: '顺序不对' },
      ]);
    const latest = earlier
      .map((s) => s.doneOn ?? '')
      .sort()
      .at(-1);
    if (latest && input.doneOn < latest)
      throw new LedgerError('VALIDATION', `日期早于上一步的日期 ${latest}。`, [
        { field: '日期', message: `不能早于 ${latest}` },
      ]);
    ledger.db.run(
      'election.step',
      sql`INSERT INTO election_step (election_id, step_no, done_on, doc_no, note) VALUES (${input.electionId}, ${input.stepNo}, ${input.doneOn}, ${input.docNo}, ${input.note})
          ON CONFLICT (election_id, step_no) DO UPDATE SET done_on = excluded.done_on, doc_no = excluded.doc_no, note = excluded.note`,
    );
    const name = election.steps.find((s) => s.no === input.stepNo)?.name ?? '';
    return {
      result: getElection(ledger, input.electionId),
      audit: {
        action: 'election.step',
        entity: 'election',
        entityId: input.electionId,
        after: input,
        summary: `换届选举：${name}（${input.doneOn}）`,
      },
    };
  });
}

function setPeople(ledger: Ledger, electionId: number, role: '候选人' | '监票人', memberIds: number[]): void {
  ledger.db.run(
    'election.clearPeople',
    sql`DELETE FROM election_person WHERE election_id = ${electionId} AND role = ${role}`,
  );
  for (const memberId of new Set(memberIds)) {
    ledger.db.run(
      'election.addPerson',
      sql`INSERT INTO election_person (election_id, member_id, role) VALUES (${electionId}, ${memberId}, ${role})`,
    );
  }
}

/** Candidates must be 正式党员 of the branch; 差额 and 监票人 rules come from the pure checks. */
export function setCandidates(ledger: Ledger, input: { electionId: number; memberIds: number[] }): ElectionDetail {
  return write(ledger, () => {
    const election = requireOpen(ledger, input.electionId);
    const eligible = new Set(
      ledger.db
        .all<{ id: number }>(
          'election.eligible',
          sql`SELECT m.id FROM member m JOIN member_status s ON s.member_id = m.id
              WHERE s.branch_id = ${election.branchId} AND s.to_date IS NULL AND s.status IN ${ON_ROLL_SQL}
                AND m.full_date IS NOT NULL AND m.full_date <= ${today(ledger)}`,
        )
        .map((r) => r.id),
    );
    const outsiders = input.memberIds.filter((id) => !eligible.has(id));
    if (outsiders.length > 0)
      throw new LedgerError('VALIDATION', '候选人须为本支部在册的正式党员（预备党员没有被选举权）。', [
        { field: '候选人', message: `${outsiders.length} 人不符合` },
      ]);
    const problems = checkCandidates(
      input.memberIds.map((memberId) => ({ memberId })),
      election.seats,
      election.scrutineers.map((s) => ({ memberId: s.memberId })),
      ledger.ruleSet,
    );
    if (problems.length > 0)
      throw new LedgerError(
        'VALIDATION',
        problems[0] ?? '候选人不符合规定。',
        problems.map((message) => ({ field: '候选人', message })),
      );
    setPeople(ledger, input.electionId, '候选人', input.memberIds);
    return {
      result: getElection(ledger, input.electionId),
      audit: {
        action: 'election.candidates',
        entity: 'election',
        entityId: input.electionId,
        after: input,
        summary: `确定正式候选人 ${input.memberIds.length} 名`,
      },
    };
  });
}

export function setScrutineers(ledger: Ledger, input: { electionId: number; memberIds: number[] }): ElectionDetail {
  return write(ledger, () => {
    const election = requireOpen(ledger, input.electionId);
    const candidateIds = new Set(election.candidates.map((c) => c.memberId));
    if (input.memberIds.some((id) => candidateIds.has(id))) {
      throw new LedgerError('VALIDATION', '监票人不能是候选人。', [{ field: '监票人', message: '与候选人重复' }]);
    }
    setPeople(ledger, input.electionId, '监票人', input.memberIds);
    return {
      result: getElection(ledger, input.electionId),
      audit: {
        action: 'election.scrutineers',
        entity: 'election',
        entityId: input.electionId,
        after: input,
        summary: `确定监票人 ${input.memberIds.length} 名`,
      },
    };
  });
}
