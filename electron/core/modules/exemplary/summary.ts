import type { Ledger } from '../../ledger.ts';
import { periodsOf, starLabel } from '../../rules/exemplary.ts';
import { defaultExemplaryScheme } from '../../templates/exemplary.ts';
import { listCommitments, listPosts } from './posts.ts';
import { starBoard } from './stars.ts';

export interface ExemplaryYearSummary {
  /** 党员责任区：安全生产责任区（一号车间及周边区域）；… */
  posts: string | null;
  /** 承诺 2 条：已践诺 1、未践诺 1 */
  commitments: string | null;
  /** 上半年：四星；下半年：不评星（2026年下半年欠缴党费4个月） */
  stars: string | null;
}

/**
 * One line per member of what a branch-year shows on 示范岗与承诺, for printed and exported ledgers
 * (the 示范岗与积分 sheet is one row per member). Members with nothing recorded are left out.
 */
export function exemplaryYearSummary(
  ledger: Ledger,
  branchId: number,
  year: number,
): Map<number, ExemplaryYearSummary> {
  const scheme = defaultExemplaryScheme();
  const out = new Map<number, ExemplaryYearSummary>();
  const of = (memberId: number) => {
    let s = out.get(memberId);
    if (!s) {
      s = { posts: null, commitments: null, stars: null };
      out.set(memberId, s);
    }
    return s;
  };
  const add = (current: string | null, part: string) => (current ? `${current}；${part}` : part);
  for (const p of listPosts(ledger, branchId, year)) {
    const s = of(p.holderId);
    const until = p.toDate ? `，${p.toDate} 撤岗` : '';
    s.posts = add(
      s.posts,
      `${p.kind}：${p.name}${p.scope ? `（${p.scope}${until}）` : until ? `（${until.slice(1)}）` : ''}`,
    );
  }
  const counts = new Map<number, Record<string, number>>();
  for (const c of listCommitments(ledger, branchId, year)) {
    const byStatus = counts.get(c.memberId) ?? {};
    byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
    counts.set(c.memberId, byStatus);
  }
  for (const [memberId, byStatus] of counts) {
    const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
    const parts = Object.entries(byStatus).map(([status, n]) => `${status} ${n}`);
    of(memberId).commitments = `承诺 ${total} 条：${parts.join('、')}`;
  }
  const periods = periodsOf(scheme.period, year);
  for (const period of periods) {
    const name = periods.length > 1 ? period.label.replace(`${year}年`, '') : period.label;
    for (const row of starBoard(ledger, branchId, period.key).rows) {
      if (row.stage === null) continue;
      const why =
        row.decidedStars === 0 && row.disqualifiers.length > 0
          ? `（${row.disqualifiers.map((d) => d.reason).join('；')}）`
          : '';
      const where =
        row.decidedStars !== null
          ? `${starLabel(scheme, row.decidedStars)}${why}`
          : row.stage === '互评'
            ? `待支部评定（自评${starLabel(scheme, row.selfStars ?? 0)}，互评 ${row.peerStars} 星）`
            : `待互评（自评${starLabel(scheme, row.selfStars ?? 0)}）`;
      const s = of(row.memberId);
      s.stars = add(s.stars, `${name}：${where}`);
    }
  }
  return out;
}
