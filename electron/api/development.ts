import { z } from 'zod';
import { method } from './contract.ts';

/** The five stages of 发展党员 (RULES.md §3.1). */
export const DEV_STAGES = ['申请入党', '入党积极分子', '发展对象', '预备党员', '正式党员'] as const;
export type DevStage = (typeof DEV_STAGES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const id = z.number().int().positive();
const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);

/** One of the 25 steps, as data from templates/development/steps.json. */
export interface DevStepDefinition {
  no: number;
  stage: DevStage;
  name: string;
  actor: string;
  /** What the step must satisfy, in words, with its source. */
  rule: string;
  source: string;
  documents: string[];
  /** Extra facts this step records (e.g. 培养联系人, 入党介绍人, the vote). */
  details: Array<'contacts' | 'sponsors' | 'training' | 'vote' | 'outcome' | 'extension' | 'talker'>;
  /** Steps that may be recorded more than once (半年考察, 预备期考察). */
  repeatable: boolean;
}

export interface DevViolation {
  rule: string;
  message: string;
  source: string;
  /** RULES.md allows a human override with a written reason (e.g. 特殊情况 of training). */
  overridable: boolean;
}

export interface DevStepRecord {
  id: number;
  stepNo: number;
  ordinal: number;
  doneOn: string;
  decidedBy: string | null;
  docNo: string | null;
  note: string | null;
  details: DevStepDetails;
  overrideReason: string | null;
  enteredAt: string;
}

export interface DevStepDetails {
  /** 培养联系人 / 入党介绍人: member ids. */
  memberIds?: number[];
  talker?: string;
  trainingDays?: number;
  trainingHours?: number;
  vote?: {
    eligible: number;
    presentEligible: number;
    writtenOpinions: number;
    yes: number;
    no: number;
    abstain: number;
  };
  /** Step 23: 按期转正 / 延长预备期 / 取消预备党员资格. */
  outcome?: '按期转正' | '延长预备期' | '取消预备党员资格';
  extensionMonths?: number;
}

export interface DevDeadline {
  stepNo: number;
  label: string;
  earliest: string | null;
  latest: string | null;
  overdue: boolean;
  /** e.g. 半年考察 due, probation ends within 30 days. */
  kind: 'next-step' | 'review' | 'probation-end' | 'approval';
}

export interface DevPersonSummary {
  id: number;
  branchId: number;
  name: string;
  gender: string;
  stage: DevStage;
  status: '进行中' | '已转正' | '已取消';
  lastStep: { no: number; name: string; doneOn: string } | null;
  nextStep: { no: number; name: string } | null;
  deadlines: DevDeadline[];
  overdue: boolean;
  memberId: number | null;
}

export interface DevPersonDetail extends DevPersonSummary {
  birthDate: string;
  idNumber: string | null;
  phone: string | null;
  job: string | null;
  steps: DevStepRecord[];
  /** RULES.md §3.3: what the archive holds and what is missing. */
  archive: Array<{ item: string; present: boolean; stepNo: number | null }>;
  probationEnd: string | null;
}

export const devRecordStepSchema = z.object({
  personId: id,
  stepNo: z.number().int().min(1).max(25),
  doneOn: isoDate,
  decidedBy: text(60).optional(),
  docNo: text(60).optional(),
  note: text(1000).optional(),
  details: z
    .object({
      memberIds: z.array(id).max(2).optional(),
      talker: text(40).optional(),
      trainingDays: z.number().min(0).max(60).optional(),
      trainingHours: z.number().min(0).max(500).optional(),
      vote: z
        .object({
          writtenOpinions: z.number().int().min(0).default(0),
          yes: z.number().int().min(0),
          no: z.number().int().min(0),
          abstain: z.number().int().min(0),
          /** The eligible roll and those present come from the 支部大会 record's attendance when given. */
          meetingId: id.optional(),
          eligible: z.number().int().min(0).optional(),
          presentEligible: z.number().int().min(0).optional(),
        })
        .optional(),
      outcome: z.enum(['按期转正', '延长预备期', '取消预备党员资格']).optional(),
      extensionMonths: z.number().int().min(1).max(24).optional(),
    })
    .default({}),
  /** A written reason where the rule allows a human override; it goes into the audit log. */
  overrideReason: text(500).optional(),
});

export const developmentApi = {
  'dev.steps': method<DevStepDefinition[]>()(z.object({})),
  'dev.board': method<DevPersonSummary[]>()(z.object({ branchId: id, includeClosed: z.boolean().optional() })),
  'dev.get': method<DevPersonDetail>()(z.object({ id })),
  'dev.create': method<DevPersonDetail>()(
    z.object({
      branchId: id,
      name: text(40).min(1, '请填写姓名'),
      gender: z.enum(['男', '女']),
      birthDate: isoDate,
      idNumber: text(18).optional(),
      phone: text(30).optional(),
      job: text(60).optional(),
      appliedOn: isoDate,
    }),
  ),
  'dev.recordStep': method<DevPersonDetail>()(devRecordStepSchema),
  'dev.cancel': method<DevPersonDetail>()(z.object({ id, reason: text(300).min(2, '请写明原因') })),
};
