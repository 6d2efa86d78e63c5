/**
 * The LedgerBundle of a package as zod: a package comes from anywhere, so every string, number and
 * list is bounded before a byte of it reaches the import engine. The schema is checked against
 * the LedgerBundle type at compile time (the assignment at the end), so the two cannot drift.
 */
import { z } from 'zod';
import { ORG_KINDS, PARTY_POSTS } from '../../api/org.ts';
import type { LedgerBundle } from '../import/bundle.ts';

const MAX_LIST = 200_000;
const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const int = (min: number, max: number) => z.number().int().min(min).max(max);
const text = (max: number) => z.string().max(max);
const name = z.string().min(1).max(200);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const optDate = date.nullable();
const instant = z.string().max(40);
const opt = (max: number) => z.string().max(max).nullable();
const list = <T extends z.ZodType>(item: T, max = MAX_LIST) => z.array(item).max(max);
/** Free-form JSON the ledger stores as is (template fields, vote, tally): bounded by its size. */
const jsonValue = z.unknown().refine((v) => v === undefined || JSON.stringify(v).length <= 200_000, '内容过大');
const jsonObject = z.record(z.string().max(100), z.unknown()).refine((v) => JSON.stringify(v).length <= 200_000);

const ref = z
  .strictObject({
    sheet: text(100),
    row: int(1, 10_000_000).nullable(),
    columns: z.record(z.string().max(60), z.string().max(5)).optional(),
  })
  .optional();

const source = z.strictObject({
  ledgerId: z.string().min(1).max(100).nullable(),
  ledgerName: text(200).optional(),
  exportedAt: instant,
  pack: z.strictObject({ id: text(100), version: text(40) }),
  kind: z.enum(['ledger-workbook', 'fill-in-template', 'ledger-package']),
  identity: z.enum(['ids', 'natural']),
});

const unit = z.strictObject({
  id,
  parentId: id.nullable(),
  kind: z.enum(ORG_KINDS),
  name: text(80).min(1),
  sortOrder: int(-1_000_000, 1_000_000),
  parentNames: list(text(80), 20),
  ref,
});

const member = z.strictObject({
  id,
  name,
  gender: z.enum(['男', '女']),
  ethnicity: opt(40),
  birthDate: date,
  idNumber: opt(40),
  education: opt(40),
  personCategory: opt(40),
  joinDate: date,
  fullDate: optDate,
  groupId: id.nullable(),
  job: opt(200),
  phone: opt(40),
  address: opt(500),
  note: opt(2000),
  statuses: list(
    z.strictObject({
      status: z.enum(['在册', '转入', '借调', '转出', '停止党籍', '出党', '去世']),
      branchId: id,
      fromDate: date,
      toDate: optDate,
      reason: opt(500),
    }),
    1000,
  ).optional(),
  posts: list(
    z.strictObject({
      unitId: id,
      post: z.enum(['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '党小组长']),
      fromDate: date,
      toDate: optDate,
    }),
    1000,
  ).optional(),
  branchId: id,
  ref,
});

const meeting = z.strictObject({
  id,
  branchId: id,
  kind: z.enum(['党员大会', '支委会', '党小组会', '党课', '主题党日', '组织生活会', '民主评议', '集中学习']),
  alsoCountsAs: list(text(20), 10),
  seqNo: int(0, 1_000_000).nullable(),
  title: text(500),
  heldOn: date,
  startTime: opt(10),
  endTime: opt(10),
  place: opt(200),
  host: opt(100),
  recorder: opt(100),
  lecturer: opt(100),
  studyHours: z.number().min(0).max(1000).nullable(),
  groupId: id.nullable(),
  agenda: list(text(2000), 200).optional(),
  content: opt(200_000).optional(),
  extra: jsonObject.optional(),
  vote: jsonValue.optional(),
  templateVersion: text(40).optional(),
  enteredAt: instant.optional(),
  attendance: list(
    z.strictObject({
      memberId: id.nullable(),
      name,
      status: z.enum(['出席', '请假', '缺席', '列席']),
      reason: opt(500),
      membership: z.enum(['正式党员', '预备党员', '非党员']),
    }),
    5000,
  ).optional(),
  absences: z
    .strictObject({
      absent: list(z.strictObject({ name, status: z.enum(['请假', '缺席']), reason: opt(500) }), 5000),
    })
    .optional(),
  decisions: list(
    z.strictObject({
      seq: int(0, 100_000),
      text: text(5000),
      owner: opt(100),
      dueDate: optDate,
      doneOn: optDate,
    }),
    1000,
  ).optional(),
  rectifications: list(
    z.strictObject({
      seq: int(0, 100_000),
      problem: text(5000),
      measure: text(5000),
      owner: opt(100),
      dueDate: optDate,
      doneOn: optDate,
    }),
    1000,
  ).optional(),
  appraisal: list(
    z.strictObject({ memberId: id, grade: z.enum(['优秀', '合格', '基本合格', '不合格']) }),
    5000,
  ).optional(),
  attachments: list(
    z.strictObject({
      fileName: text(255).min(1),
      mime: text(120),
      sizeBytes: int(0, 100 * 1024 * 1024),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      caption: opt(500),
      createdAt: instant,
    }),
    500,
  ).optional(),
  ref,
});

const talk = z.strictObject({
  id,
  branchId: id,
  heldOn: date,
  talkerId: id.nullable(),
  talkerName: name,
  talkeeId: id.nullable(),
  talkeeName: name,
  type: text(40),
  mode: text(40),
  place: opt(200),
  content: text(50_000),
  followUp: opt(5000),
  enteredAt: instant.optional(),
  ref,
});

const plan = z.strictObject({
  id,
  branchId: id,
  year: int(2000, 2100),
  month: int(1, 12).nullable(),
  title: text(500),
  items: list(
    z.strictObject({
      id,
      text: text(5000),
      owner: opt(100),
      dueDate: optDate,
      status: z.enum(['未开始', '进行中', '已完成', '已取消']),
      doneOn: optDate,
      feedback: opt(5000),
      ref,
    }),
    2000,
  ),
  ref,
});

const cents = int(0, 1_000_000_000);
const dues = z.strictObject({
  profiles: list(
    z.strictObject({
      memberId: id,
      year: int(2000, 2100),
      category: text(100),
      baseCents: cents.nullable(),
      monthlyCents: cents,
      explanation: text(1000),
      approvalRef: opt(200),
      ref,
    }),
  ),
  payments: list(
    z.strictObject({
      id: id.nullable(),
      memberId: id,
      year: int(2000, 2100),
      month: int(1, 12),
      cents,
      paidOn: date,
      handler: opt(100),
      kind: z.enum(['按月', '补交', '预交', '代缴']),
      note: opt(1000),
      ref,
    }),
  ),
  remittances: list(
    z.strictObject({
      branchId: id,
      year: int(2000, 2100),
      month: int(1, 12),
      cents,
      remittedOn: date,
      voucherNo: opt(100),
      handler: opt(100),
      ref,
    }),
  ),
  monthTotals: list(z.strictObject({ memberId: id, year: int(2000, 2100), month: int(1, 12), cents, ref })),
});

const devPerson = z.strictObject({
  id,
  branchId: id,
  name,
  gender: z.enum(['男', '女']),
  birthDate: date,
  idNumber: opt(40),
  phone: opt(40),
  job: opt(200),
  memberId: id.nullable(),
  cancelledOn: optDate,
  cancelReason: opt(1000),
  createdAt: instant,
  steps: list(
    z.strictObject({
      stepNo: int(1, 25),
      ordinal: int(1, 100),
      doneOn: date,
      decidedBy: opt(200),
      docNo: opt(200),
      note: opt(5000),
      details: jsonObject,
      overrideReason: opt(1000),
      enteredAt: instant,
    }),
    500,
  ),
  ref,
});

const election = z.strictObject({
  id,
  branchId: id,
  seats: int(1, 9),
  plannedOn: optDate,
  base: z.enum(['应到会', '实到会']),
  tally: jsonValue,
  finishedOn: optDate,
  createdAt: instant,
  steps: list(z.strictObject({ stepNo: int(1, 10), doneOn: date, docNo: opt(200), note: opt(5000) }), 50),
  persons: list(z.strictObject({ memberId: id, role: z.enum(['候选人', '监票人']) }), 500),
  ref,
});

const project = z.strictObject({
  id,
  branchId: id,
  year: int(2000, 2100),
  title: text(500),
  background: opt(20_000),
  items: list(
    z.strictObject({
      id,
      kind: z.enum(['目标', '问题', '整改', '成果']),
      text: text(5000),
      owner: opt(100),
      dueDate: optDate,
      doneOn: optDate,
      linkedTo: id.nullable(),
      evidence: opt(5000),
    }),
    2000,
  ),
  ref,
});

const points = z.strictObject({
  id,
  memberId: id,
  branchId: id,
  date,
  ruleId: text(100),
  note: opt(1000),
  ref,
});

const assessment = z.strictObject({
  branchId: id,
  year: int(2000, 2100),
  rubricVersion: text(40),
  manual: jsonObject,
  vetoes: jsonObject,
  stage: z.enum(['自评', '上级评审', '已公示']),
  selfScoredAt: instant.nullable(),
  reviewedAt: instant.nullable(),
  publicityFrom: optDate,
  publicityTo: optDate,
  finalTier: opt(20),
  finalTotal: z.number().min(-1000).max(1000).nullable(),
});

const problem = z.strictObject({
  sheet: text(100),
  row: int(1, 10_000_000).nullable(),
  column: opt(5),
  field: opt(60),
  message: text(1000),
});

const duties = z.strictObject({
  overrides: list(
    z.strictObject({
      branchId: id,
      post: z.enum(PARTY_POSTS),
      items: list(text(2000), 200).min(1),
      updatedAt: instant,
    }),
    10_000,
  ),
  tasks: list(
    z.strictObject({
      id,
      branchId: id,
      year: int(2000, 2100),
      memberId: id,
      text: text(300).min(1),
      source: opt(200),
      planItemId: id.nullable(),
      assignedOn: optDate,
      dueDate: optDate,
      status: z.enum(['未开始', '进行中', '已完成', '已取消']),
      doneOn: optDate,
      note: opt(5000),
      sortOrder: int(0, 1_000_000),
      createdAt: instant,
      updatedAt: instant,
      ref,
    }),
  ),
});

const period = z.string().regex(/^\d{4}(-H[12])?$/);
const exemplary = z.strictObject({
  posts: list(
    z.strictObject({
      id,
      branchId: id,
      kind: text(20).min(1),
      name: text(60).min(1),
      scope: opt(500),
      duty: opt(5000),
      holderId: id,
      fromDate: date,
      toDate: optDate,
      ref,
    }),
    50_000,
  ),
  commitments: list(
    z.strictObject({
      id,
      branchId: id,
      memberId: id,
      postId: id.nullable(),
      year: int(2000, 2100),
      text: text(5000).min(1),
      madeOn: date,
      fulfilment: opt(5000),
      status: z.enum(['践诺中', '已践诺', '未践诺']),
      checkedOn: optDate,
      ref,
    }),
  ),
  awards: list(
    z.strictObject({
      memberId: id,
      branchId: id,
      period,
      schemeVersion: text(40),
      stage: z.enum(['自评', '互评', '支部评定']),
      selfStars: int(1, 5),
      selfNote: opt(2000),
      selfOn: date,
      peerStars: z.number().min(1).max(5).nullable(),
      peerVotes: list(int(1, 5), 1000).nullable(),
      peerNote: opt(2000),
      peerOn: optDate,
      decidedStars: int(0, 5).nullable(),
      decidedOn: optDate,
      decidedNote: opt(2000),
    }),
  ),
  checks: list(
    z.strictObject({
      memberId: id,
      branchId: id,
      period,
      disqualifierId: text(100).min(1),
      reason: text(2000).min(2),
      enteredAt: instant,
    }),
  ),
});

/** The writing ledger's settings, carried for the record (never applied on import): bounded like the rest. */
const settings = z.strictObject({
  meta: list(z.strictObject({ key: text(200).min(1), value: text(2_000_000) }), 1000),
  docTemplates: list(
    z.strictObject({
      kind: text(40).min(1),
      fileName: text(255).min(1),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      sizeBytes: int(1, 20 * 1024 * 1024),
      placeholders: list(text(200), 1000),
      importedAt: instant,
      importedBy: text(200),
      active: z.boolean(),
      // Base64 of at most 20 MB.
      dataBase64: z
        .string()
        .max(28 * 1024 * 1024)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/),
    }),
    500,
  ),
});

/** One schema per data/<part>.json of the package. */
export const bundlePartSchemas = {
  source,
  units: list(unit, 10_000),
  members: list(member, 100_000),
  meetings: list(meeting, 100_000),
  talks: list(talk),
  plans: list(plan, 10_000),
  dues,
  development: list(devPerson, 50_000),
  terms: list(z.strictObject({ branchId: id, startDate: date, years: int(1, 5) }), 10_000),
  elections: list(election, 10_000),
  projects: list(project, 10_000),
  points: list(points),
  assessments: list(assessment, 10_000),
  problems: list(problem, 10_000),
  duties,
  exemplary,
  settings,
};

/** Parts a package written before they existed does not have: absent means "not carried". */
export const OPTIONAL_PARTS = ['duties', 'exemplary', 'settings'] as const;

export const ledgerBundleSchema = z.strictObject({
  ...bundlePartSchemas,
  duties: duties.optional(),
  exemplary: exemplary.optional(),
  settings: settings.optional(),
});

// Compile-time check: what the schema accepts is a LedgerBundle (fails to build if bundle.ts changes).
type Parsed = z.output<typeof ledgerBundleSchema>;
export const schemaMatchesBundle = (parsed: Parsed): LedgerBundle => parsed;
