/**
 * Dates as clerks actually type them into rosters, turned into 'YYYY-MM-DD'.
 *
 * Pure: no time zone of the machine is consulted — Dates from exceljs are UTC instants, and
 * "today" is passed in by the caller (the ledger's today), so tests and the app agree.
 */

export type LooseDateResult =
  | { ok: true; date: string /** Only year and month were given; the day was taken as the 1st. */; dayAssumed: boolean }
  | { ok: false; message: string };

export interface LooseDateOptions {
  /** The workbook uses the 1904 date system (old Mac Excel): serial 0 is 1904-01-01. */
  date1904?: boolean;
  /** 'YYYY-MM-DD'; years after today's year + 1 are refused as typos. Defaults to the local date. */
  today?: string;
}

const MIN_YEAR = 1900;
const MS_PER_DAY = 86_400_000;
/** Serial 1 in the 1900 system is 1900-01-01; Excel also counts the fictitious 1900-02-29 (serial 60). */
const EPOCH_1900 = Date.UTC(1899, 11, 31);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export function isoFromParts(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function isoFromUtcDate(date: Date): string {
  return isoFromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Only a default: "today" is the clerk's calendar day, so local parts, not UTC. */
export function currentIsoDate(): string {
  const now = new Date();
  return isoFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Chinese reason why y-m-d is not a calendar date, or null when it is one. */
export function calendarDateProblem(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12) return `月份“${month}”不存在，应在 1–12 之间`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `${year} 年 ${month} 月只有 ${days} 天，没有 ${day} 日`;
  return null;
}

/** True for a real calendar date written exactly as 'YYYY-MM-DD'. */
export function isRealIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  return calendarDateProblem(Number(m[1]), Number(m[2]), Number(m[3])) === null;
}

function yearProblem(year: number, today: string): string | null {
  const maxYear = Number(today.slice(0, 4)) + 1;
  if (year < MIN_YEAR) return `年份 ${year} 早于 ${MIN_YEAR} 年，请检查是否填错`;
  if (year > maxYear) return `年份 ${year} 晚于 ${maxYear} 年，请检查是否填错`;
  return null;
}

function fromParts(year: number, month: number, day: number | null, today: string): LooseDateResult {
  const yearIssue = yearProblem(year, today);
  if (yearIssue) return { ok: false, message: yearIssue };
  const dayAssumed = day === null;
  const problem = calendarDateProblem(year, month, day ?? 1);
  if (problem) return { ok: false, message: `不是有效日期：${problem}` };
  return { ok: true, date: isoFromParts(year, month, day ?? 1), dayAssumed };
}

/** Excel serial day number → ISO date. The time-of-day fraction is dropped. */
export function excelSerialToIso(serial: number, date1904 = false): string {
  const whole = Math.floor(serial);
  if (date1904) return isoFromUtcDate(new Date(EPOCH_1904 + whole * MS_PER_DAY));
  // Serials from 61 on are one day "too high" because of Excel's phantom 1900-02-29.
  const shifted = whole >= 61 ? whole - 1 : whole;
  return isoFromUtcDate(new Date(EPOCH_1900 + shifted * MS_PER_DAY));
}

const FULL = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/;
const MONTH_ONLY = /^(\d{4})[-/.年](\d{1,2})(月份?)?$/;
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;
const COMPACT_MONTH = /^(\d{4})(\d{2})$/;
const TIME_SUFFIX = /[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z)?$/;

function parseText(raw: string, today: string): LooseDateResult {
  // NFKC turns full-width digits and separators (２０２４．３．１, ／, －) into ASCII.
  const text = raw.normalize('NFKC').trim().replace(TIME_SUFFIX, '').replace(/\s+/g, '');
  if (text === '') return { ok: false, message: '未填写日期' };
  let m = FULL.exec(text);
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), today);
  m = MONTH_ONLY.exec(text);
  if (m) return fromParts(Number(m[1]), Number(m[2]), null, today);
  m = COMPACT_DAY.exec(text);
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), today);
  m = COMPACT_MONTH.exec(text);
  if (m) return fromParts(Number(m[1]), Number(m[2]), null, today);
  if (/^\d{4}年?$/.test(text)) return { ok: false, message: `“${raw.trim()}”只有年份，请至少填写到月份，如 2024-03` };
  if (/^\d{2}[-/.年]\d{1,2}/.test(text)) return { ok: false, message: `“${raw.trim()}”的年份应写 4 位，如 2024-03-01` };
  return { ok: false, message: `无法识别日期“${raw.trim()}”，请写成 2024-03-01 或 2024年3月1日` };
}

function parseNumber(value: number, options: LooseDateOptions, today: string): LooseDateResult {
  if (!Number.isFinite(value) || value <= 0) return { ok: false, message: `无法识别日期“${value}”` };
  if (Number.isInteger(value)) {
    // 19900307 / 199003 typed into a General cell arrive as numbers, not serials: serials of
    // plausible dates have five digits (1900 → 1, 2100 → 73050).
    if (value >= 100_000) return parseText(String(value), today);
    if (value >= MIN_YEAR && value <= 2200) {
      return { ok: false, message: `“${value}”只有年份，请至少填写到月份，如 ${value}-03` };
    }
    return fromSerial(value, options, today);
  }
  const whole = Math.trunc(value);
  if (whole >= MIN_YEAR && whole <= 2200) return fromYearDotMonth(value, whole, today);
  return fromSerial(value, options, today);
}

/**
 * "1990.05" typed into a General cell becomes the number 1990.05 and "1990.3" the number 1990.3;
 * "1990.10" becomes 1990.1, indistinguishable from "1990.1", so that one is refused as ambiguous.
 */
function fromYearDotMonth(value: number, whole: number, today: string): LooseDateResult {
  const hundredths = Math.round((value - whole) * 100);
  if (Math.abs((value - whole) * 100 - hundredths) > 1e-6) {
    return { ok: false, message: `无法识别日期“${value}”，请写成 ${whole}-03-01 或 ${whole}年3月1日` };
  }
  if (hundredths === 10) {
    return {
      ok: false,
      message: `“${value}”无法确定是 1 月还是 10 月（Excel 把 ${whole}.10 存成了数字 ${whole}.1）。请把该列设为文本格式，按 ${whole}-10 这样的格式重新输入`,
    };
  }
  const month = hundredths % 10 === 0 ? hundredths / 10 : hundredths;
  return fromParts(whole, month, null, today);
}

function fromSerial(serial: number, options: LooseDateOptions, today: string): LooseDateResult {
  const iso = excelSerialToIso(serial, options.date1904);
  const year = Number(iso.slice(0, 4));
  const issue = yearProblem(year, today);
  if (issue) return { ok: false, message: `${issue}（单元格中的数值为 ${serial}）` };
  return { ok: true, date: iso, dayAssumed: false };
}

/**
 * Parses any of: 2024-03-01, 2024/3/1, 2024.03.01, 2024年3月1日, 20240301, 2024.3 / 2024-03 /
 * 2024年3月 / 202403 (day assumed), full-width digits, Excel serials (1900 or 1904 system) and
 * Dates from exceljs (read in UTC, which is how exceljs builds them).
 */
export function parseLooseDate(value: unknown, options: LooseDateOptions = {}): LooseDateResult {
  const today = options.today ?? currentIsoDate();
  if (value === null || value === undefined) return { ok: false, message: '未填写日期' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, message: '日期无效' };
    return fromParts(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), today);
  }
  if (typeof value === 'number') return parseNumber(value, options, today);
  if (typeof value === 'string') return parseText(value, today);
  return { ok: false, message: `无法识别日期“${String(value)}”` };
}

/** The same calendar day `years` later: the day a person born on `iso` reaches that age. */
export function addYearsIso(iso: string, years: number): string {
  const year = Number(iso.slice(0, 4)) + years;
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  // 29 February in a non-leap target year: the anniversary is taken as 1 March, the later and
  // therefore stricter choice for "年满 N 周岁" checks.
  if (day > daysInMonth(year, month)) return isoFromParts(year, month + 1, 1);
  return isoFromParts(year, month, day);
}
