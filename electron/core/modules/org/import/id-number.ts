/**
 * 公民身份号码 per GB 11643-1999: 6-digit address code, 8-digit birth date, 3-digit sequence
 * (odd = 男, even = 女) and an ISO 7064 MOD 11-2 check character.
 */
import { calendarDateProblem, currentIsoDate, isoFromParts } from './loose-date.ts';

export type IdNumberResult =
  | { ok: true; idNumber: string; birthDate: string; gender: '男' | '女' }
  | { ok: false; message: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Full-width digits/Ｘ → ASCII, spaces removed, lowercase x → X. Does not validate. */
export function normalizeIdNumber(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\u200B-\u200D\uFEFF-]/g, '')
    .toUpperCase();
}

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/**
 * Validates a 公民身份号码 and extracts birth date and gender. Only 18-character numbers are
 * accepted: 15-digit numbers were replaced in 2004 and carry no check character.
 */
export function parseIdNumber(input: string, today: string = currentIsoDate()): IdNumberResult {
  const id = normalizeIdNumber(input);
  if (id === '') return { ok: false, message: '未填写公民身份号码' };
  if (/^\d{15}$/.test(id)) {
    return { ok: false, message: '这是 15 位的旧身份证号码，请改填 18 位公民身份号码（见身份证或户口簿）' };
  }
  if (id.length !== 18) return { ok: false, message: `公民身份号码应为 18 位，现在是 ${id.length} 位` };
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, message: '公民身份号码的前 17 位应是数字，最后一位是数字或 X' };
  }
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const dateIssue = calendarDateProblem(year, month, day);
  if (dateIssue || year < 1900) {
    return { ok: false, message: `号码中的出生日期“${id.slice(6, 14)}”不是有效日期，请核对号码` };
  }
  const birthDate = isoFromParts(year, month, day);
  if (birthDate > today) {
    return { ok: false, message: `号码中的出生日期 ${birthDate} 晚于今天，请核对号码` };
  }
  if (idNumberCheckChar(id) !== id[17]) {
    // Not naming the "expected" last character: the typo is usually in another digit, and
    // telling the clerk to change the last one would make a wrong number pass.
    return { ok: false, message: '公民身份号码校验位不符，号码中可能有数字抄错，请对照身份证核对' };
  }
  const gender = Number(id[16]) % 2 === 1 ? '男' : '女';
  return { ok: true, idNumber: id, birthDate, gender };
}

/** For lists and logs: 1101**********1234. Short or odd values are masked entirely. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}
