import { z } from 'zod';
import { method } from './contract.ts';
import { COMMITTEE_POSTS } from './org.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const id = z.number().int().positive();
const count = z.number().int().min(0, '不能为负数').max(100_000);
const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);

export interface TermInfo {
  branchId: number;
  startDate: string | null;
  years: number;
  endDate: string | null;
  /** ok / warning (within the rule set's months before the end) / expired / unknown. */
  state: 'ok' | 'warning' | 'expired' | 'unknown';
  message: string;
}

/** The ten steps of a branch election (RULES.md §5.1), as data. */
export interface ElectionStepDefinition {
  no: number;
  name: string;
  rule: string;
  documents: string[];
}

export interface ElectionCandidate {
  memberId: number;
  name: string;
  /** 姓氏笔画: stroke count of the surname, then stroke order, then the next character. */
  strokeKey: string;
  order: number;
}

export interface ElectionTally {
  heldOn: string;
  due: number;
  excluded: Array<{ memberId: number; name: string; reason: string; approvalRef: string }>;
  present: number;
  ballotsIssued: number;
  ballotsReturned: number;
  invalidBallots: number;
  votes: Array<{ memberId: number | null; name: string; yes: number }>;
  /** Computed. */
  attendanceValid: boolean;
  batchValid: boolean;
  threshold: number;
  elected: Array<{ memberId: number | null; name: string; yes: number }>;
  ties: string[];
  shortfall: number;
  explanation: string[];
}

export interface ElectionDetail {
  id: number;
  branchId: number;
  seats: number;
  plannedOn: string | null;
  base: '应到会' | '实到会';
  status: '筹备中' | '已选举' | '已完成';
  steps: Array<{ no: number; name: string; doneOn: string | null; docNo: string | null; note: string | null }>;
  candidates: ElectionCandidate[];
  minimumCandidates: number;
  scrutineers: Array<{ memberId: number; name: string }>;
  tally: ElectionTally | null;
  documents: Array<{ item: string; present: boolean }>;
}

export const electionsApi = {
  'term.get': method<TermInfo>()(z.object({ branchId: id })),
  'term.set': method<TermInfo>()(
    z.object({
      branchId: id,
      startDate: isoDate,
      years: z.number().int().min(1, '任期至少 1 年').max(5, '任期不超过 5 年'),
    }),
  ),
  'election.steps': method<ElectionStepDefinition[]>()(z.object({})),
  'election.list': method<ElectionDetail[]>()(z.object({ branchId: id })),
  'election.get': method<ElectionDetail>()(z.object({ id })),
  'election.create': method<ElectionDetail>()(
    z.object({ branchId: id, seats: z.number().int().min(1).max(9), plannedOn: isoDate.optional() }),
  ),
  'election.recordStep': method<ElectionDetail>()(
    z.object({
      electionId: id,
      stepNo: z.number().int().min(1).max(10),
      doneOn: isoDate,
      docNo: text(60).optional(),
      note: text(500).optional(),
    }),
  ),
  'election.setCandidates': method<ElectionDetail>()(
    z.object({ electionId: id, memberIds: z.array(id).min(1).max(30) }),
  ),
  'election.setScrutineers': method<ElectionDetail>()(
    z.object({ electionId: id, memberIds: z.array(id).min(1).max(10) }),
  ),
  'election.tally': method<ElectionDetail>()(
    z.object({
      electionId: id,
      heldOn: isoDate,
      excluded: z
        .array(
          z.object({ memberId: id, reason: text(200).min(2), approvalRef: text(60).min(1, '请填写上级同意的文号') }),
        )
        .max(50)
        .default([]),
      present: count,
      ballotsIssued: count,
      ballotsReturned: count,
      invalidBallots: count.default(0),
      votes: z.array(z.object({ memberId: id.nullable(), name: text(40).min(1), yes: count })).min(1),
    }),
  ),
  /** After the first meeting of the new 支委会: its 分工 becomes the committee and the term restarts. */
  'election.finish': method<ElectionDetail>()(
    z.object({
      electionId: id,
      firstMeetingOn: isoDate,
      posts: z
        .array(z.object({ memberId: id, post: z.enum(COMMITTEE_POSTS) }))
        .min(1)
        .max(9),
    }),
  ),
};
