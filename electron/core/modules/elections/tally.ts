import type { ElectionDetail, ElectionTally } from '../../../api/elections.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, today, write } from '../../ledger.ts';
import { tallyElection } from '../../rules/election.ts';
import { COMMITTEE_POSTS_SQL, ON_ROLL_SQL } from '../org/roll.ts';
import { getElection, getTerm } from './elections.ts';

export interface TallyInput {
  electionId: number;
  heldOn: string;
  excluded: Array<{ memberId: number; reason: string; approvalRef: string }>;
  present: number;
  ballotsIssued: number;
  ballotsReturned: number;
  invalidBallots: number;
  votes: Array<{ memberId: number | null; name: string; yes: number }>;
}

/** 应到会: the branch's 正式党员 on the roll that day (预备党员 have no vote, RULES.md §1). */
function votersOn(ledger: Ledger, branchId: number, date: string): Map<number, string> {
  return new Map(
    ledger.db
      .all<{ id: number; name: string }>(
        'election.voters',
        sql`SELECT m.id, m.name FROM member m JOIN member_status s ON s.member_id = m.id
            WHERE s.branch_id = ${branchId} AND s.status IN ${ON_ROLL_SQL}
              AND s.from_date <= ${date} AND (s.to_date IS NULL OR s.to_date > ${date})
              AND m.full_date IS NOT NULL AND m.full_date <= ${date}`,
      )
      .map((m) => [m.id, m.name]),
  );
}

export function recordTally(ledger: Ledger, input: TallyInput): ElectionDetail {
  return write(ledger, () => {
    const election = getElection(ledger, input.electionId);
    if (election.status === '已完成') throw new LedgerError('CONFLICT', '这次换届选举已经完成，不能再修改计票结果。');
    if (input.heldOn > today(ledger))
      throw new LedgerError('VALIDATION', '选举日期不能晚于今天。', [{ field: '选举日期', message: '不能晚于今天' }]);
    if (election.candidates.length === 0)
      throw new LedgerError('VALIDATION', '请先确定正式候选人。', [{ field: '候选人', message: '尚未确定' }]);
    const voters = votersOn(ledger, election.branchId, input.heldOn);
    const strangers = input.excluded.filter((e) => !voters.has(e.memberId));
    if (strangers.length > 0)
      throw new LedgerError('VALIDATION', '不计入应到会人数的人员须是当日有选举权的正式党员。', [
        { field: '不计入应到会人员', message: `${strangers.length} 人不符合` },
      ]);
    const candidateIds = new Set(election.candidates.map((c) => c.memberId));
    const unknown = input.votes.filter((v) => v.memberId !== null && !candidateIds.has(v.memberId));
    if (unknown.length > 0)
      throw new LedgerError('VALIDATION', '得票名单中有人不是正式候选人（另选他人请不选择党员、直接填写姓名）。', [
        { field: '得票', message: unknown.map((u) => u.name).join('、') },
      ]);
    const result = tallyElection(
      {
        seats: election.seats,
        base: election.base,
        due: voters.size,
        excluded: input.excluded.length,
        present: input.present,
        ballotsIssued: input.ballotsIssued,
        ballotsReturned: input.ballotsReturned,
        invalidBallots: input.invalidBallots,
        votes: input.votes,
      },
      ledger.ruleSet,
    );
    if (result.problems.length > 0) {
      throw new LedgerError(
        'VALIDATION',
        `计票数据有误，未保存：${result.problems[0]}`,
        result.problems.map((message) => ({ field: '计票', message })),
      );
    }
    const { problems: _none, ...computed } = result;
    const tally: ElectionTally = {
      ...computed,
      heldOn: input.heldOn,
      excluded: input.excluded.map((e) => ({ ...e, name: voters.get(e.memberId) ?? '' })),
    };
    ledger.db.run(
      'election.tally',
      sql`UPDATE election SET tally = ${JSON.stringify(tally)} WHERE id = ${input.electionId}`,
    );
    return {
      result: getElection(ledger, input.electionId),
      audit: {
        action: 'election.tally',
        entity: 'election',
        entityId: input.electionId,
        after: tally,
        summary: `选举计票：应到 ${tally.due} 人，实到 ${tally.present} 人，当选 ${tally.elected.map((e) => e.name).join('、') || '无'}`,
      },
    };
  });
}

/** The new 支委会 takes office from its first meeting (history kept); the term restarts on the election date. */
export function finishElection(
  ledger: Ledger,
  input: { electionId: number; firstMeetingOn: string; posts: Array<{ memberId: number; post: string }> },
): ElectionDetail {
  return write(ledger, () => {
    const election = getElection(ledger, input.electionId);
    const tally = election.tally;
    if (!tally) throw new LedgerError('VALIDATION', '请先登记选举计票结果。', [{ field: '计票', message: '尚未登记' }]);
    if (election.status === '已完成') throw new LedgerError('CONFLICT', '这次换届选举已经完成。');
    if (tally.shortfall > 0 || tally.ties.length > 0) {
      throw new LedgerError('VALIDATION', '当选人数不足或得票相等，须另行选举或再次投票后才能完成换届。', [
        { field: '计票', message: tally.explanation.at(-1) ?? '' },
      ]);
    }
    if (input.firstMeetingOn < tally.heldOn || input.firstMeetingOn > today(ledger)) {
      throw new LedgerError('VALIDATION', `第一次支委会日期应在选举日期 ${tally.heldOn} 之后且不晚于今天。`, [
        { field: '第一次会议日期', message: '日期不对' },
      ]);
    }
    const elected = new Set(tally.elected.map((e) => e.memberId));
    const notElected = input.posts.filter((p) => !elected.has(p.memberId));
    if (notElected.length > 0)
      throw new LedgerError('VALIDATION', '分工人员须是本次当选的委员。', [
        { field: '分工', message: `${notElected.length} 人未当选` },
      ]);
    const secretaries = input.posts.filter((p) => p.post === '书记').length;
    if (secretaries !== 1)
      throw new LedgerError('VALIDATION', '新一届支委会须有且只有一名书记。', [
        { field: '分工', message: `书记 ${secretaries} 名` },
      ]);
    ledger.db.run(
      'election.endPosts',
      sql`UPDATE member_post SET to_date = ${input.firstMeetingOn}
          WHERE unit_id = ${election.branchId} AND to_date IS NULL AND post IN ${COMMITTEE_POSTS_SQL}`,
    );
    for (const p of input.posts) {
      ledger.db.run(
        'election.newPost',
        sql`INSERT INTO member_post (member_id, unit_id, post, from_date) VALUES (${p.memberId}, ${election.branchId}, ${p.post}, ${input.firstMeetingOn})`,
      );
    }
    const years = getTerm(ledger, election.branchId).years;
    ledger.db.run(
      'election.term',
      sql`INSERT INTO branch_term (branch_id, start_date, years) VALUES (${election.branchId}, ${tally.heldOn}, ${years})
          ON CONFLICT (branch_id) DO UPDATE SET start_date = excluded.start_date`,
    );
    ledger.db.run(
      'election.finish',
      sql`UPDATE election SET finished_on = ${input.firstMeetingOn} WHERE id = ${input.electionId}`,
    );
    return {
      result: getElection(ledger, input.electionId),
      audit: {
        action: 'election.finish',
        entity: 'election',
        entityId: input.electionId,
        after: input,
        summary: `新一届支委会分工：${input.posts.map((p) => `${p.post}`).join('、')}；任期自 ${tally.heldOn} 起`,
      },
    };
  });
}
