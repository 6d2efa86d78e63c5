import { z } from 'zod';
import { method } from './contract.ts';

export const ORG_KINDS = ['党委', '党总支', '党支部', '党小组'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** 组织关系 status of a member over a dated interval (RULES.md §1 data-model hint). */
export const MEMBER_STATUSES = ['在册', '转入', '借调', '转出', '停止党籍', '出党', '去世'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
/** Statuses under which the member is on the branch's roll on that date. */
export const ON_ROLL_STATUSES: readonly MemberStatus[] = ['在册', '转入', '借调'];

export const PARTY_POSTS = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '党小组长'] as const;
export type PartyPost = (typeof PARTY_POSTS)[number];
/** The posts of the 支部委员会 (a 党小组长 is not one). */
export const COMMITTEE_POSTS = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员'] as const;

export const GENDERS = ['男', '女'] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const id = z.number().int().positive();
const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

export interface OrgUnit {
  id: number;
  parentId: number | null;
  kind: OrgKind;
  name: string;
  sortOrder: number;
}

export interface MemberRow {
  id: number;
  name: string;
  nameInitials: string;
  gender: string;
  ethnicity: string | null;
  birthDate: string;
  /** Masked for lists: 1101**********1234. */
  idNumberMasked: string | null;
  education: string | null;
  personCategory: string | null;
  joinDate: string;
  fullDate: string | null;
  /** 正式党员 or 预备党员, as of the list's date. */
  membership: '正式党员' | '预备党员';
  status: MemberStatus;
  statusSince: string;
  branchId: number;
  groupId: number | null;
  groupName: string | null;
  job: string | null;
  phone: string | null;
  posts: PartyPost[];
  age: number;
  /** 党龄 in whole years from 转正时间, as of the list's date. */
  partyYears: number | null;
}

export interface StatusInterval {
  id: number;
  status: MemberStatus;
  branchId: number;
  branchName: string;
  fromDate: string;
  toDate: string | null;
  reason: string | null;
}

export interface PostInterval {
  id: number;
  post: PartyPost;
  unitId: number;
  unitName: string;
  fromDate: string;
  toDate: string | null;
}

export interface MemberDetail extends Omit<MemberRow, 'idNumberMasked'> {
  idNumber: string | null;
  address: string | null;
  note: string | null;
  statusHistory: StatusInterval[];
  postHistory: PostInterval[];
  createdAt: string;
  updatedAt: string;
}

/** The fields a clerk types for a member; shared by the form, the import and the CLI. */
export const memberFieldsSchema = z.object({
  name: text(40).min(1, '请填写姓名'),
  gender: z.enum(GENDERS, { message: '性别应为“男”或“女”' }),
  ethnicity: optionalText(20),
  birthDate: isoDate,
  idNumber: optionalText(18),
  education: optionalText(20),
  personCategory: optionalText(30),
  joinDate: isoDate,
  fullDate: isoDate.optional(),
  groupId: id.nullable().optional(),
  job: optionalText(60),
  phone: optionalText(30),
  address: optionalText(120),
  note: optionalText(500),
});
export type MemberFields = z.output<typeof memberFieldsSchema>;

/** Chinese labels of member fields, for messages that name the field. */
export const MEMBER_FIELD_LABELS: Record<keyof MemberFields, string> = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  idNumber: '公民身份号码',
  education: '学历',
  personCategory: '人员类别',
  joinDate: '入党时间',
  fullDate: '转正时间',
  groupId: '所在党小组',
  job: '工作岗位',
  phone: '联系电话',
  address: '家庭住址',
  note: '备注',
};

export interface ImportRowIssue {
  row: number;
  column?: string;
  field?: string;
  message: string;
}

export interface RosterImportReport {
  file: string;
  sheet: string;
  headerRow: number;
  /** Our field → the header text found in the file. */
  mappedColumns: Array<{ field: string; header: string; column: string }>;
  unmappedHeaders: string[];
  totalRows: number;
  validRows: number;
  invalidRows: number;
  issues: ImportRowIssue[];
  /** Not errors: e.g. 只填到了月份，已按当月 1 日记. */
  notices: ImportRowIssue[];
  /** Duplicate rows also count in invalidRows. */
  duplicates: Array<{ row: number; message: string }>;
  preview: Array<{ row: number; name: string; gender: string; birthDate: string; joinDate: string; valid: boolean }>;
  /** Set by a commit: how many members were added. */
  imported?: number;
  committed: boolean;
}

const importInput = z.object({
  branchId: id,
  fileName: z.string().min(1).max(255),
  /** The file's bytes, base64 — the same over IPC and over the loopback bridge. */
  dataBase64: z.string().min(1),
});

export const orgApi = {
  'org.list': method<OrgUnit[]>()(z.object({})),
  'org.create': method<OrgUnit>()(
    z.object({ name: text(80).min(1, '请填写组织名称'), kind: z.enum(ORG_KINDS), parentId: id.nullable().optional() }),
  ),
  'org.rename': method<OrgUnit>()(z.object({ id, name: text(80).min(1, '请填写组织名称') })),
  /** First-run setup: the whole tree in one transaction. */
  'org.setup': method<OrgUnit[]>()(
    z.object({
      committee: z.object({ name: text(80).min(1, '请填写党委名称') }),
      generalBranch: z
        .object({ name: text(80).min(1) })
        .nullable()
        .optional(),
      branches: z
        .array(z.object({ name: text(80).min(1, '请填写党支部名称'), groups: z.array(text(80).min(1)).max(30) }))
        .min(1, '至少建立一个党支部')
        .max(200),
    }),
  ),
  'member.list': method<MemberRow[]>()(
    z.object({
      branchId: id.optional(),
      asOf: isoDate.optional(),
      search: z.string().max(40).optional(),
      groupId: id.optional(),
      membership: z.enum(['正式党员', '预备党员']).optional(),
      /** Include members not on the roll on that date (转出, 去世 …). */
      includeOffRoll: z.boolean().optional(),
    }),
  ),
  'member.get': method<MemberDetail>()(z.object({ id })),
  'member.create': method<MemberDetail>()(
    memberFieldsSchema.extend({ branchId: id, since: isoDate.optional(), status: z.enum(['在册', '转入']).optional() }),
  ),
  'member.update': method<MemberDetail>()(memberFieldsSchema.extend({ id })),
  'member.changeStatus': method<MemberDetail>()(
    z.object({
      memberId: id,
      status: z.enum(MEMBER_STATUSES),
      date: isoDate,
      branchId: id.optional(),
      reason: optionalText(200),
    }),
  ),
  'member.assignPost': method<MemberDetail>()(
    z.object({ memberId: id, post: z.enum(PARTY_POSTS), unitId: id, fromDate: isoDate }),
  ),
  'member.endPost': method<MemberDetail>()(z.object({ postId: id, toDate: isoDate })),
  'member.importPreview': method<RosterImportReport>()(importInput),
  'member.importCommit': method<RosterImportReport>()(importInput.extend({ skipInvalid: z.boolean().default(false) })),
};
