import { type Ledger, today } from '../ledger.ts';
import { saveCommitment, savePost } from '../modules/exemplary/posts.ts';
import { recordCheck, recordDecision, recordPeer, recordSelf, starBoard } from '../modules/exemplary/stars.ts';
import { listMembers } from '../modules/org/members-read.ts';
import { periodsOf } from '../rules/exemplary.ts';
import { defaultExemplaryScheme } from '../templates/exemplary.ts';
import type { DemoBranch } from './records.ts';

const POSTS = [
  { name: '生产技术示范岗', scope: undefined, duty: '带头钻研技术，每季度开展一次技术讲评' },
  { name: '安全生产责任区', scope: '一号车间及周边区域', duty: '每周巡查一次，隐患当周整改' },
  { name: '项目攻坚先锋岗', scope: undefined, duty: '承担重点项目难题攻关' },
];

const PROMISES = [
  '全年无安全责任事故，责任区隐患当周整改',
  '带徒 2 名，年内帮助其独立上岗',
  '每季度为群众办一件实事',
  '按时参加组织生活，全年学习笔记不少于 1 万字',
];

const STEP_DAYS = 10;

function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * 示范岗 / 责任区 with holders, 承诺践诺 for every branch-year, and star awards: periods that have ended are
 * decided (a member the ledger disqualifies gets 不评星), the current one is under way. In the current period
 * one member per branch is blocked by a disqualifier — found in the ledger, or a 党纪处分 ticked by hand.
 */
export function generateExemplary(ledger: Ledger, branches: DemoBranch[], years: number): void {
  const now = today(ledger);
  const currentYear = Number(now.slice(0, 4));
  const firstYear = currentYear - years + 1;
  const scheme = defaultExemplaryScheme();
  const manual = scheme.disqualifiers.find((d) => d.kind === 'manual');
  for (const branch of branches) {
    const setUp = `${firstYear}-03-01` < now ? `${firstYear}-03-01` : now;
    const holders = listMembers(ledger, { branchId: branch.id, asOf: setUp }).slice(0, scheme.postKinds.length);
    const posts = holders.map((holder, i) => {
      const kind = scheme.postKinds[i];
      const post = POSTS[i % POSTS.length];
      return savePost(ledger, {
        branchId: branch.id,
        kind: kind?.kind ?? '',
        name: post?.name ?? '',
        scope: kind?.scopeLabel ? (post?.scope ?? '本支部所属区域') : undefined,
        duty: post?.duty,
        holderId: holder.id,
        fromDate: setUp,
      });
    });
    for (let year = firstYear; year <= currentYear; year += 1) {
      const madeOn = `${year}-03-05`;
      if (madeOn > now) continue;
      const past = year < currentYear;
      const onRoll = listMembers(ledger, { branchId: branch.id, asOf: madeOn });
      const promisers = [...holders, ...onRoll.filter((m) => !holders.some((h) => h.id === m.id)).slice(0, 3)];
      for (const [i, member] of promisers.entries()) {
        if (!onRoll.some((m) => m.id === member.id)) continue;
        const post = posts.find((p) => p.holderId === member.id);
        const broken = past && i === promisers.length - 1;
        saveCommitment(ledger, {
          branchId: branch.id,
          memberId: member.id,
          ...(post ? { postId: post.id } : {}),
          year,
          text: PROMISES[i % PROMISES.length] ?? '',
          madeOn,
          status: past ? (broken ? '未践诺' : '已践诺') : '践诺中',
          ...(past
            ? {
                checkedOn: `${year}-12-20`,
                fulfilment: broken ? '因工作调整未完成，已作说明' : '年终核实已兑现，群众评价良好',
              }
            : {}),
        });
      }
    }
    for (let year = firstYear; year <= currentYear; year += 1) {
      for (const period of periodsOf(scheme.period, year)) {
        if (period.from > now) continue;
        const ended = period.to < now;
        const rows = starBoard(ledger, branch.id, period.key).rows;
        let blocked = ended ? null : (rows.find((r) => r.disqualifiers.length > 0) ?? null);
        if (!ended && !blocked && manual && rows.length > 0) {
          blocked = rows.at(-1) ?? null;
          if (blocked)
            recordCheck(ledger, {
              branchId: branch.id,
              memberId: blocked.memberId,
              period: period.key,
              disqualifierId: manual.id,
              reason: `${year}年受到党内警告处分，处分期内`,
            });
        }
        for (const [i, row] of rows.entries()) {
          const key = { branchId: branch.id, memberId: row.memberId, period: period.key };
          const self = 3 + ((row.memberId + year) % 3);
          // The current period is under way: some have done 自评, fewer 互评, the blocked member is awaiting 评定.
          const stage = ended ? 3 : row === blocked ? 2 : i % 4 === 0 ? 2 : i % 2 === 0 ? 1 : 0;
          if (stage >= 1) recordSelf(ledger, { ...key, stars: self, note: '履行承诺，完成岗位任务' });
          if (stage >= 2) recordPeer(ledger, { ...key, votes: [self, Math.max(1, self - 1), self] });
          if (stage >= 3) {
            const disqualified = row.disqualifiers.length > 0;
            // Decided some days after the period, never later than today.
            const decidedOn = [addDaysIso(period.to, STEP_DAYS), now].sort()[0] ?? now;
            recordDecision(ledger, {
              ...key,
              stars: disqualified ? 0 : Math.max(1, self - ((row.memberId + year) % 2)),
              decidedOn,
              note: disqualified ? '存在否决情形，本期不评星' : '支委会研究，党员大会通报',
            });
          }
        }
      }
    }
  }
}
