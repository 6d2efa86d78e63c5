import { z } from 'zod';
import { method } from './contract.ts';

/** 承诺践诺: a commitment is being kept, was kept, or was not (checked on a date). */
export const COMMITMENT_STATUSES = ['践诺中', '已践诺', '未践诺'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
/** The steps of a star award, in the order they must happen (RULES.md §7.2). */
export const STAR_STEPS = ['自评', '互评', '支部评定'] as const;
export type StarStep = (typeof STAR_STEPS)[number];

const id = z.number().int().positive();
const year = z.number().int().min(2000).max(2100);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
/** 2026 (年度) or 2026-H1 / 2026-H2 (上/下半年), as the scheme's cadence says. */
const period = z.string().regex(/^\d{4}(-H[12])?$/, '评定周期应为“2026”或“2026-H1”“2026-H2”');
const stars = z.number().int('星级应为整数').min(1, '星级为一星至五星').max(5, '星级为一星至五星');

export interface ExemplaryPost {
  id: number;
  branchId: number;
  /** One of the scheme's kinds: 党员示范岗, 党员责任区, 党员先锋岗 … */
  kind: string;
  name: string;
  /** 责任区范围: the area, line or equipment the holder answers for. */
  scope: string | null;
  duty: string | null;
  holderId: number;
  holderName: string;
  fromDate: string;
  toDate: string | null;
}

export interface Commitment {
  id: number;
  branchId: number;
  memberId: number;
  memberName: string;
  postId: number | null;
  postName: string | null;
  year: number;
  text: string;
  madeOn: string;
  fulfilment: string | null;
  status: CommitmentStatus;
  checkedOn: string | null;
}

/** A ledger fact that keeps a member from a star this period, with the records behind it. */
export interface DisqualifierHit {
  id: string;
  title: string;
  /** The rule as the scheme states it, e.g. 欠缴党费≥3个月不得评星. */
  rule: string;
  /** What the ledger shows, e.g. 2026年上半年欠缴党费4个月（3月、4月、5月、6月）. */
  reason: string;
  /** 'manual' when the branch ticked it (受到党纪处分) rather than the ledger computing it. */
  manual: boolean;
  evidence: Array<{ date: string | null; label: string }>;
}

export interface StarRow {
  memberId: number;
  name: string;
  stage: StarStep | null;
  selfStars: number | null;
  selfNote: string | null;
  selfOn: string | null;
  /** 互评: the average of the votes entered, or the figure entered (one decimal). */
  peerStars: number | null;
  peerVotes: number[] | null;
  peerNote: string | null;
  peerOn: string | null;
  /** 0: the branch decided 不评星. */
  decidedStars: number | null;
  decidedOn: string | null;
  decidedNote: string | null;
  disqualifiers: DisqualifierHit[];
  /** Commitments of the period's year and how they stand (shown beside the stars). */
  commitments: { total: number; kept: number; broken: number };
  posts: string[];
}

export interface StarBoard {
  branchId: number;
  period: string;
  /** 2026年上半年 / 2026年度. */
  periodLabel: string;
  from: string;
  to: string;
  rows: StarRow[];
}

export interface ExemplaryScheme {
  id: string;
  name: string;
  version: string;
  example: boolean;
  issuer: string;
  note: string | null;
  postKinds: Array<{ kind: string; hint: string; scopeLabel: string | null }>;
  period: '年度' | '半年';
  steps: StarStep[];
  stars: Array<{ stars: number; label: string; name: string; criteria: string }>;
  disqualifiers: Array<{ id: string; title: string; rule: string; manual: boolean; source: string }>;
}

const starKey = { branchId: id, memberId: id, period };

export const exemplaryApi = {
  'exemplary.scheme': method<ExemplaryScheme>()(z.object({})),
  /** Every post of the branch that was held at some time in `year` (all of them without a year). */
  'exemplary.posts': method<ExemplaryPost[]>()(z.object({ branchId: id, year: year.optional() })),
  'exemplary.savePost': method<ExemplaryPost>()(
    z.object({
      id: id.optional(),
      branchId: id,
      kind: text(20).min(1, '请选择岗位类别'),
      name: text(60).min(1, '请填写岗位名称'),
      scope: text(200).optional(),
      duty: text(500).optional(),
      holderId: id,
      fromDate: isoDate,
      toDate: isoDate.optional(),
    }),
  ),
  'exemplary.endPost': method<ExemplaryPost>()(z.object({ id, toDate: isoDate })),
  'exemplary.deletePost': method<{ deleted: number }>()(z.object({ id })),
  'exemplary.commitments': method<Commitment[]>()(z.object({ branchId: id, year })),
  'exemplary.saveCommitment': method<Commitment>()(
    z.object({
      id: id.optional(),
      branchId: id,
      memberId: id,
      postId: id.optional(),
      year,
      text: text(500).min(1, '请填写承诺内容'),
      madeOn: isoDate,
      fulfilment: text(500).optional(),
      status: z.enum(COMMITMENT_STATUSES, { error: `践诺情况应为 ${COMMITMENT_STATUSES.join('、')} 之一` }),
      checkedOn: isoDate.optional(),
    }),
  ),
  'exemplary.deleteCommitment': method<{ deleted: number }>()(z.object({ id })),
  'exemplary.stars': method<StarBoard>()(z.object({ branchId: id, period })),
  'exemplary.selfAssess': method<StarBoard>()(z.object({ ...starKey, stars, note: text(300).optional() })),
  /** Either the votes (each 1–5, averaged) or the average itself. */
  'exemplary.peerAssess': method<StarBoard>()(
    z.object({
      ...starKey,
      stars: z.number().min(1, '互评星级为 1 至 5').max(5, '互评星级为 1 至 5').optional(),
      votes: z.array(stars).min(1, '至少录入一票').max(500).optional(),
      note: text(300).optional(),
    }),
  ),
  'exemplary.decide': method<StarBoard>()(
    z.object({
      ...starKey,
      stars: z.number().int('星级应为整数').min(0, '星级为 0（不评星）至五星').max(5, '星级为 0（不评星）至五星'),
      decidedOn: isoDate,
      note: text(300).optional(),
    }),
  ),
  /** Ticks (reason) or clears (null) a disqualifier the branch records by hand, e.g. 受到党纪处分. */
  'exemplary.setCheck': method<StarBoard>()(
    z.object({ ...starKey, disqualifierId: z.string().min(1), reason: text(300).min(2, '请写明情况').nullable() }),
  ),
};
