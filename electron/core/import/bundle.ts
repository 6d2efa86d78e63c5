/**
 * The records of one or more branches as they arrive from a file — a signed workbook, a filled-in
 * template or a ledger package — in one transport-neutral shape that `applyBundle` writes.
 *
 * Field names are the table columns in camelCase (birth_date → birthDate). Every entity keeps the
 * id it had where it came from (`id`), and refers to other entities by THEIR source ids, so a
 * package can carry a whole ledger and a workbook one branch-year without either knowing how the
 * target ledger numbers its rows.
 *
 * `source.identity` says what those ids are worth:
 * - 'ids': real row ids of the ledger `source.ledgerId` — matched through import_origin (or
 *   directly, when the file comes from this very ledger), so re-importing changes nothing;
 * - 'natural': numbers local to the file (a filled-in template has no ids) — rows are matched by
 *   natural keys instead (member: 身份证号, else 姓名+出生日期; meeting: kind+date+title; …).
 *
 * A negative id means "no id in the file" (a row typed into an export, a 党小组 known only by
 * name): such records are matched by natural keys and never remembered in import_origin.
 *
 * An optional child list (`statuses`, `attendance`, …) that is absent means "this file does not
 * carry it; keep what the ledger has"; an empty list means "there are none".
 */
import type { OrgKind } from '../../api/org.ts';

/** Where a value came from in the file, for the report: sheet name, 1-based row, column letters by field. */
export interface BundleRef {
  sheet: string;
  row: number | null;
  /** Column letter of each field on that row ("B"), so a refusal names the cell. */
  columns?: Readonly<Record<string, string>>;
}

export interface BundleSource {
  /** The ledger that wrote the file; null for a filled-in template. */
  ledgerId: string | null;
  ledgerName?: string;
  /** ISO instant of the export (or of the template's creation). */
  exportedAt: string;
  pack: { id: string; version: string };
  /** What the file is, for the audit entry and the report. */
  kind: 'ledger-workbook' | 'fill-in-template' | 'ledger-package';
  identity: 'ids' | 'natural';
}

export interface BundleUnit {
  id: number;
  parentId: number | null;
  kind: OrgKind;
  name: string;
  sortOrder: number;
  /** Names from the top of the tree down to the parent, to match a unit of another ledger by name. */
  parentNames: string[];
  ref?: BundleRef;
}

export interface BundleMemberStatus {
  status: '在册' | '转入' | '借调' | '转出' | '停止党籍' | '出党' | '去世';
  branchId: number;
  fromDate: string;
  toDate: string | null;
  reason: string | null;
}

export interface BundleMemberPost {
  unitId: number;
  post: '书记' | '副书记' | '组织委员' | '宣传委员' | '纪检委员' | '党小组长';
  fromDate: string;
  toDate: string | null;
}

export interface BundleMember {
  id: number;
  name: string;
  gender: '男' | '女';
  ethnicity: string | null;
  birthDate: string;
  /** Absent when the file does not carry the number (an export with masked 公民身份号码). */
  idNumber?: string | null;
  education: string | null;
  personCategory: string | null;
  joinDate: string;
  fullDate: string | null;
  groupId: number | null;
  job: string | null;
  phone: string | null;
  address: string | null;
  note: string | null;
  /** The member_status rows; absent when the file does not carry them (a new member is then 在册 in `branchId`). */
  statuses?: BundleMemberStatus[];
  posts?: BundleMemberPost[];
  /** The posts held now, as a workbook lists them (no dates): used when `posts` is absent. */
  postNames?: Array<BundleMemberPost['post']>;
  /** The branch the file puts the member in, used when `statuses` is absent. */
  branchId: number;
  /**
   * The status on the file's roster date and since when (a workbook's 状态/状态起始日期), used when
   * `statuses` is absent: the member's history is completed with it, never replaced.
   */
  currentStatus?: { status: BundleMemberStatus['status']; since: string };
  ref?: BundleRef;
}

export interface BundleAttendance {
  memberId: number | null;
  name: string;
  status: '出席' | '请假' | '缺席' | '列席';
  reason: string | null;
  membership: '正式党员' | '预备党员' | '非党员';
}

/**
 * Attendance by name, as sheets show it: the ledger workbook lists who was away (everyone else
 * was present), a filled-in 出席登记 lists people with their status (anyone expected and not
 * listed was absent, as on the form). Names are matched against the roster of the meeting date.
 */
export interface BundleAttendanceMarks {
  marks: Array<{ name: string; status: BundleAttendance['status']; reason: string | null; ref?: BundleRef }>;
  othersAre: '出席' | '缺席';
}

export interface BundleDecision {
  seq: number;
  text: string;
  owner: string | null;
  dueDate: string | null;
  doneOn: string | null;
}

export interface BundleRectification {
  seq: number;
  problem: string;
  measure: string;
  owner: string | null;
  dueDate: string | null;
  doneOn: string | null;
}

export interface BundleAttachment {
  fileName: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  caption: string | null;
  createdAt: string;
}

export interface BundleMeeting {
  id: number;
  branchId: number;
  kind: '党员大会' | '支委会' | '党小组会' | '党课' | '主题党日' | '组织生活会' | '民主评议' | '集中学习';
  alsoCountsAs: string[];
  seqNo: number | null;
  title: string;
  heldOn: string;
  /** The optional fields below are absent when the file has no column for them: the ledger's value is kept. */
  startTime?: string | null;
  endTime?: string | null;
  place?: string | null;
  host?: string | null;
  recorder?: string | null;
  lecturer?: string | null;
  studyHours?: number | null;
  groupId?: number | null;
  agenda?: string[];
  content?: string | null;
  extra?: Record<string, unknown>;
  vote?: unknown;
  templateVersion?: string;
  enteredAt?: string;
  /** Full attendance rows (package, filled-in 出席登记) or only who was away (ledger workbook). */
  attendance?: BundleAttendance[];
  marks?: BundleAttendanceMarks;
  decisions?: BundleDecision[];
  /** Decision texts only, as a workbook shows them: owners and dates already in the ledger are kept. */
  decisionTexts?: string[];
  /** 补录 as the file shows it, when it carries no entry time: a new record keeps the mark. */
  backfilled?: boolean;
  rectifications?: BundleRectification[];
  appraisal?: Array<{ memberId: number; grade: '优秀' | '合格' | '基本合格' | '不合格' }>;
  attachments?: BundleAttachment[];
  ref?: BundleRef;
}

export interface BundleTalk {
  id: number;
  branchId: number;
  heldOn: string;
  /** Source ids; null when the file names a person who is not among its members (matched by name in the branch). */
  talkerId: number | null;
  talkerName: string;
  talkeeId: number | null;
  talkeeName: string;
  type: string;
  mode: string;
  place: string | null;
  content: string;
  followUp: string | null;
  enteredAt?: string;
  ref?: BundleRef;
}

export interface BundlePlanItem {
  id: number;
  text: string;
  owner: string | null;
  dueDate: string | null;
  status: '未开始' | '进行中' | '已完成' | '已取消';
  doneOn: string | null;
  feedback: string | null;
  ref?: BundleRef;
}

export interface BundlePlan {
  id: number;
  branchId: number;
  year: number;
  month: number | null;
  /** Null when the file does not carry the plan's own title (a workbook lists only its items). */
  title: string | null;
  items: BundlePlanItem[];
  ref?: BundleRef;
}

export interface BundleDuesProfile {
  memberId: number;
  /** The name the file shows, to find the member in the branch when the id is not known. */
  memberName?: string;
  year: number;
  category: string;
  baseCents: number | null;
  monthlyCents: number;
  /** Null when the file does not carry how the amount was worked out (a workbook). */
  explanation: string | null;
  approvalRef: string | null;
  ref?: BundleRef;
}

export interface BundleDuesPayment {
  /** Source id, or null when the file shows only a month's amount (matched by member + year + month). */
  id: number | null;
  memberId: number;
  /** The name the file shows, to find the member in the branch when the id is not known. */
  memberName?: string;
  year: number;
  month: number;
  cents: number;
  paidOn: string;
  handler: string | null;
  kind: '按月' | '补交' | '预交' | '代缴';
  note: string | null;
  ref?: BundleRef;
}

export interface BundleDuesRemittance {
  branchId: number;
  year: number;
  month: number;
  cents: number;
  remittedOn: string;
  voucherNo: string | null;
  handler: string | null;
  ref?: BundleRef;
}

export interface BundleDues {
  profiles: BundleDuesProfile[];
  payments: BundleDuesPayment[];
  remittances: BundleDuesRemittance[];
  /**
   * What a member paid for each month, as the workbook's 1月…12月 columns show it (no payment
   * dates): a month whose total differs is replaced by one payment of that total.
   */
  monthTotals: BundleDuesMonth[];
}

export interface BundleDuesMonth {
  memberId: number;
  /** The name the file shows, to find the member in the branch when the id is not known. */
  memberName?: string;
  year: number;
  month: number;
  cents: number;
  ref?: BundleRef;
}

export interface BundleDevStep {
  stepNo: number;
  ordinal: number;
  doneOn: string;
  decidedBy: string | null;
  docNo: string | null;
  note: string | null;
  details: Record<string, unknown>;
  overrideReason: string | null;
  enteredAt: string;
}

export interface BundleDevPerson {
  id: number;
  branchId: number;
  name: string;
  gender: '男' | '女';
  birthDate: string;
  idNumber: string | null;
  phone: string | null;
  job: string | null;
  memberId: number | null;
  cancelledOn: string | null;
  cancelReason: string | null;
  createdAt: string;
  steps: BundleDevStep[];
  /**
   * A workbook row: it carries the person, the cancellation and each step's number and date only.
   * What else the ledger has (公民身份号码, phone, job, the member link, a step's documents and
   * entry time) is kept for the steps it still has on the same date.
   */
  partial?: boolean;
  ref?: BundleRef;
}

export interface BundleTerm {
  branchId: number;
  startDate: string;
  years: number;
}

export interface BundleElection {
  id: number;
  branchId: number;
  seats: number;
  plannedOn: string | null;
  base: '应到会' | '实到会';
  tally: unknown;
  finishedOn: string | null;
  createdAt: string;
  steps: Array<{ stepNo: number; doneOn: string; docNo: string | null; note: string | null }>;
  persons: Array<{ memberId: number; role: '候选人' | '监票人' }>;
  ref?: BundleRef;
}

export interface BundleProject {
  id: number;
  branchId: number;
  year: number;
  title: string;
  background: string | null;
  items: Array<{
    id: number;
    kind: '目标' | '问题' | '整改' | '成果';
    text: string;
    owner: string | null;
    dueDate: string | null;
    doneOn: string | null;
    linkedTo: number | null;
    evidence: string | null;
  }>;
  ref?: BundleRef;
}

export interface BundlePointsEvent {
  id: number;
  memberId: number;
  branchId: number;
  date: string;
  ruleId: string;
  note: string | null;
  ref?: BundleRef;
}

export interface BundleAssessment {
  branchId: number;
  year: number;
  rubricVersion: string;
  manual: Record<string, unknown>;
  vetoes: Record<string, unknown>;
  stage: '自评' | '上级评审' | '已公示';
  selfScoredAt: string | null;
  reviewedAt: string | null;
  publicityFrom: string | null;
  publicityTo: string | null;
  finalTier: string | null;
  finalTotal: number | null;
}

/** A branch's own responsibility list of a post (支委分工); the template's list applies while there is none. */
export interface BundleDutyOverride {
  branchId: number;
  post: BundleMemberPost['post'];
  items: string[];
  updatedAt: string;
}

/** One task of a committee member's 责任清单. */
export interface BundleDutyTask {
  id: number;
  branchId: number;
  year: number;
  memberId: number;
  text: string;
  source: string | null;
  /** Source id of the plan item the task came from; dropped when the file does not carry that item. */
  planItemId: number | null;
  assignedOn: string | null;
  dueDate: string | null;
  status: '未开始' | '进行中' | '已完成' | '已取消';
  doneOn: string | null;
  note: string | null;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
  ref?: BundleRef;
}

export interface BundleDuties {
  overrides: BundleDutyOverride[];
  tasks: BundleDutyTask[];
}

export interface BundleExemplaryPost {
  id: number;
  branchId: number;
  kind: string;
  name: string;
  scope: string | null;
  duty: string | null;
  holderId: number;
  fromDate: string;
  toDate: string | null;
  ref?: BundleRef;
}

export interface BundleCommitment {
  id: number;
  branchId: number;
  memberId: number;
  postId: number | null;
  year: number;
  text: string;
  madeOn: string;
  fulfilment: string | null;
  status: '践诺中' | '已践诺' | '未践诺';
  checkedOn: string | null;
  ref?: BundleRef;
}

/** A member's stars for one period: one per member and period, so matched by that pair. */
export interface BundleStarAward {
  memberId: number;
  branchId: number;
  period: string;
  schemeVersion: string;
  stage: '自评' | '互评' | '支部评定';
  selfStars: number;
  selfNote: string | null;
  selfOn: string;
  peerStars: number | null;
  peerVotes: number[] | null;
  peerNote: string | null;
  peerOn: string | null;
  decidedStars: number | null;
  decidedOn: string | null;
  decidedNote: string | null;
}

/** A disqualifier the branch recorded by hand (e.g. 党纪处分). */
export interface BundleStarCheck {
  memberId: number;
  branchId: number;
  period: string;
  disqualifierId: string;
  reason: string;
  enteredAt: string;
}

export interface BundleExemplary {
  posts: BundleExemplaryPost[];
  commitments: BundleCommitment[];
  awards: BundleStarAward[];
  checks: BundleStarCheck[];
}

/**
 * Settings of the ledger that wrote the file (fonts, the committee's .docx templates, the rubrics,
 * the points rules, rule overrides): carried so a package loses nothing, never applied by an import
 * into a ledger — they belong to that ledger, not to the branch.
 */
export interface BundleLedgerSettings {
  /** ledger_meta entries by key ('document_fonts', 'rubric', 'rubric:<id>@<version>', 'points_rules', 'rule_overrides'). */
  meta: Array<{ key: string; value: string }>;
  docTemplates: Array<{
    kind: string;
    fileName: string;
    sha256: string;
    sizeBytes: number;
    placeholders: string[];
    importedAt: string;
    importedBy: string;
    active: boolean;
    dataBase64: string;
  }>;
}

export interface LedgerBundle {
  source: BundleSource;
  units: BundleUnit[];
  members: BundleMember[];
  meetings: BundleMeeting[];
  talks: BundleTalk[];
  plans: BundlePlan[];
  dues: BundleDues;
  development: BundleDevPerson[];
  terms: BundleTerm[];
  elections: BundleElection[];
  projects: BundleProject[];
  points: BundlePointsEvent[];
  assessments: BundleAssessment[];
  /** 支委分工 and 示范岗/承诺/星级: packages only; absent means the file does not carry them. */
  duties?: BundleDuties;
  exemplary?: BundleExemplary;
  /** The writing ledger's own settings, for the record only (see BundleLedgerSettings). */
  settings?: BundleLedgerSettings;
  /** Problems found while reading the file (a date that is not a date, an unknown member): refused rows. */
  problems: BundleProblem[];
}

/** A row the reader could not turn into a record: reported as refused with its place. */
export interface BundleProblem {
  sheet: string;
  row: number | null;
  column: string | null;
  field: string | null;
  message: string;
}

export function emptyBundle(source: BundleSource): LedgerBundle {
  return {
    source,
    units: [],
    members: [],
    meetings: [],
    talks: [],
    plans: [],
    dues: { profiles: [], payments: [], remittances: [], monthTotals: [] },
    development: [],
    terms: [],
    elections: [],
    projects: [],
    points: [],
    assessments: [],
    problems: [],
  };
}
