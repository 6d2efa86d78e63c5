/**
 * The contract's code lists, copied so the bundle does not pull in zod through electron/api.
 * The `satisfies` clauses make `tsc` fail when a copy drifts from the contract (same items, same order);
 * test/e2e/renderer-contract.test.ts checks the values of MEMBER_FIELD_LABELS at run time.
 */
import type {
  MEMBER_FIELD_LABELS as ContractFieldLabels,
  GENDERS as ContractGenders,
  ORG_KINDS as ContractOrgKinds,
  PARTY_POSTS as ContractPosts,
  MEMBER_STATUSES as ContractStatuses,
} from '../../../electron/api/index.ts';

export const ORG_KINDS = ['党委', '党总支', '党支部', '党小组'] as const satisfies typeof ContractOrgKinds;
export const MEMBER_STATUSES = [
  '在册',
  '转入',
  '借调',
  '转出',
  '停止党籍',
  '出党',
  '去世',
] as const satisfies typeof ContractStatuses;
export const PARTY_POSTS = [
  '书记',
  '副书记',
  '组织委员',
  '宣传委员',
  '纪检委员',
  '党小组长',
] as const satisfies typeof ContractPosts;
export const GENDERS = ['男', '女'] as const satisfies typeof ContractGenders;

export const MEMBER_FIELD_LABELS = {
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
} as const satisfies typeof ContractFieldLabels;

export type MemberFieldKey = keyof typeof MEMBER_FIELD_LABELS;

/** Statuses under which a member is on the branch's roll (mirrors ON_ROLL_STATUSES). */
export const ON_ROLL_STATUSES: readonly string[] = ['在册', '转入', '借调'];

/** 56 民族 in the official order (GB/T 3304). */
export const ETHNICITIES = [
  '汉族',
  '蒙古族',
  '回族',
  '藏族',
  '维吾尔族',
  '苗族',
  '彝族',
  '壮族',
  '布依族',
  '朝鲜族',
  '满族',
  '侗族',
  '瑶族',
  '白族',
  '土家族',
  '哈尼族',
  '哈萨克族',
  '傣族',
  '黎族',
  '傈僳族',
  '佤族',
  '畲族',
  '高山族',
  '拉祜族',
  '水族',
  '东乡族',
  '纳西族',
  '景颇族',
  '柯尔克孜族',
  '土族',
  '达斡尔族',
  '仫佬族',
  '羌族',
  '布朗族',
  '撒拉族',
  '毛南族',
  '仡佬族',
  '锡伯族',
  '阿昌族',
  '普米族',
  '塔吉克族',
  '怒族',
  '乌孜别克族',
  '俄罗斯族',
  '鄂温克族',
  '德昂族',
  '保安族',
  '裕固族',
  '京族',
  '塔塔尔族',
  '独龙族',
  '鄂伦春族',
  '赫哲族',
  '门巴族',
  '珞巴族',
  '基诺族',
] as const;

export const EDUCATION_LEVELS = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中及以下'] as const;

/** 人员类别 suggestions; the 党统 code list is unconfirmed (RULES.md §8.2), so free text is allowed too. */
export const PERSON_CATEGORIES = [
  '工人',
  '农牧渔民',
  '专业技术人员',
  '企业管理人员',
  '党政机关工作人员',
  '学生',
  '离退休人员',
  '其他',
] as const;

/** Which kinds of unit may sit directly under a unit of the given kind. */
export const CHILD_KINDS: Record<(typeof ORG_KINDS)[number], ReadonlyArray<(typeof ORG_KINDS)[number]>> = {
  党委: ['党总支', '党支部'],
  党总支: ['党支部'],
  党支部: ['党小组'],
  党小组: [],
};
