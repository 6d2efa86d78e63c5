/**
 * Domain checks on a member's fields, shared by the add/edit form, the CLI and the roster import
 * so that a member the form refuses is never let in through a spreadsheet (and vice versa).
 * Shape checks (required, lengths, 'YYYY-MM-DD' pattern) belong to memberFieldsSchema.
 */
import { MEMBER_FIELD_LABELS, type MemberFields } from '../../../api/org.ts';
import type { ErrorDetail } from '../../errors.ts';
import { normalizeIdNumber, parseIdNumber } from './import/id-number.ts';
import { addYearsIso, calendarDateProblem } from './import/loose-date.ts';

export interface MemberRules {
  /** 党章: 年满十八岁. Kept as a rule-set parameter, never hard-coded. */
  minimumAgeAtJoin: number;
}

type DateField = 'birthDate' | 'joinDate' | 'fullDate';
const DATE_FIELDS: readonly DateField[] = ['birthDate', 'joinDate', 'fullDate'];
const MIN_YEAR = 1900;

function detail(field: keyof MemberFields, message: string): ErrorDetail {
  return { field: MEMBER_FIELD_LABELS[field], message };
}

function dateProblem(value: string, today: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return `“${value}”不是 YYYY-MM-DD 格式的日期`;
  const year = Number(m[1]);
  const problem = calendarDateProblem(year, Number(m[2]), Number(m[3]));
  if (problem) return `“${value}”不是有效日期：${problem}`;
  if (year < MIN_YEAR) return `年份 ${year} 早于 ${MIN_YEAR} 年，请检查是否填错`;
  if (value > today) return `${value} 晚于今天（${today}），不能填写将来的日期`;
  return null;
}

/**
 * Every domain problem of the fields that are present; absent fields are skipped, so the importer
 * can run the same checks on a row whose other cells could not be read.
 */
export function checkMemberFields(fields: Partial<MemberFields>, rules: MemberRules, today: string): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const goodDate: Partial<Record<DateField, string>> = {};
  for (const field of DATE_FIELDS) {
    const value = fields[field];
    if (value === undefined) continue;
    const problem = dateProblem(value, today);
    if (problem) details.push(detail(field, problem));
    else goodDate[field] = value;
  }

  if (fields.idNumber) {
    const id = parseIdNumber(fields.idNumber, today);
    if (!id.ok) {
      details.push(detail('idNumber', id.message));
    } else {
      if (goodDate.birthDate && goodDate.birthDate !== id.birthDate) {
        details.push(
          detail(
            'idNumber',
            `号码中的出生日期是 ${id.birthDate}，与填写的出生日期 ${goodDate.birthDate} 不一致，请核对`,
          ),
        );
      }
      if (fields.gender && fields.gender !== id.gender) {
        details.push(detail('idNumber', `号码显示性别为“${id.gender}”，与填写的性别“${fields.gender}”不一致，请核对`));
      }
    }
  }

  const { birthDate, joinDate, fullDate } = goodDate;
  if (birthDate && joinDate) {
    const comesOfAge = addYearsIso(birthDate, rules.minimumAgeAtJoin);
    if (joinDate < comesOfAge) {
      details.push(
        detail(
          'joinDate',
          `入党时间 ${joinDate} 时未满 ${rules.minimumAgeAtJoin} 周岁（出生日期 ${birthDate}，${comesOfAge} 才年满 ${rules.minimumAgeAtJoin} 周岁），请核对入党时间或出生日期`,
        ),
      );
    }
  }
  if (joinDate && fullDate && fullDate < joinDate) {
    details.push(detail('fullDate', `转正时间 ${fullDate} 早于入党时间 ${joinDate}，请核对`));
  }
  return details;
}

/** The checks the form runs before saving; an empty array means the member may be saved. */
export function validateMember(fields: MemberFields, rules: MemberRules, today: string): ErrorDetail[] {
  return checkMemberFields(fields, rules, today);
}

/**
 * Canonical spellings to store: an ID typed with a lowercase x or full-width digits is kept as
 * 18 ASCII characters with an uppercase X, so duplicate checks compare like with like.
 */
export function normalizeMemberFields(fields: MemberFields): MemberFields {
  if (!fields.idNumber) return fields;
  return { ...fields, idNumber: normalizeIdNumber(fields.idNumber) };
}
