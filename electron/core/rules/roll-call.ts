import type { AttendanceStatus, RollCallLine } from '../../api/life.ts';

/**
 * Reads a WeChat 接龙 paste into attendance lines for a preview. Real pastes look like
 *   #接龙 / 3月主题党日签到 / 例 XXX / 1. 张三 / 2. 李四 请假（出差） / 4、赵六 / 5. 钱七（列席）
 * with full-width punctuation, emoji, names padded with spaces (李  四) and remarks after the name.
 * Only numbered lines are entries; everything else (header, title, example line) is skipped.
 */

const NOT_ON_ROLL = '花名册中没有此人（当日不在册）';

/** Emoji with their joiners, variation selectors, skin tones and keycaps (1 + U+FE0F + U+20E3): decoration only. */
const EMOJI = /\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\u{FE0F}|\u{FE0E}|\u{200D}|\u{20E3}/gu;

/**
 * A 接龙 number: "1." "1、" "1，" "1:" "1)" "(1)" "【1】" or "1 " (after 1️⃣ loses its emoji), at most 3 digits.
 * The text after it must not start with a digit, so titles like "2026.3 主题党日" or "3.8 活动" are not entries.
 */
const NUMBERED = /^[([【]?\s*(\d{1,3})\s*(?:[.、,:;)\]】]|\s)\s*(?!\d)(.*)$/u;

/** Characters of a name: Han, and the middle dot of transliterated names (阿卜杜拉·艾力). */
const NAME_CHAR = /[\p{Script=Han}·•]/u;

/** Words that end a name written without a space before the remark (张三请假). */
const STATUS_WORDS = [
  '请假',
  '病假',
  '事假',
  '因公',
  '出差',
  '公差',
  '缺席',
  '列席',
  '未到',
  '无故',
  '已到',
  '签到',
  '出席',
  '到',
];

/** Status and reason from the remark after the name. */
function readStatus(remark: string): { status: AttendanceStatus; reason: string | null } {
  if (/列席/u.test(remark)) return { status: '列席', reason: reasonText(remark, /列席/gu) };
  // 支部工作条例 asks for 缺席人员及原因: an unexcused absence is 缺席, leave of any kind is 请假 with its reason.
  if (/无故|未请假|没请假/u.test(remark)) return { status: '缺席', reason: reasonText(remark, /缺席/gu) };
  if (/请假|病假|事假|产假|休假|因公|出差|公差|外出|培训/u.test(remark)) {
    return { status: '请假', reason: reasonText(remark, /^请假$/u) };
  }
  if (/缺席|未到|没到|未参加/u.test(remark)) {
    return { status: '缺席', reason: reasonText(remark, /缺席|未到|没到|未参加/gu) };
  }
  return { status: '出席', reason: null };
}

/**
 * The remark as a reason: brackets become separators, the bare status word is dropped when there is more,
 * so "请假（出差）" → 出差, "病假（发烧）" → 病假，发烧, "因公请假" stays, "请假" alone → null.
 */
function reasonText(remark: string, bareWord: RegExp): string | null {
  const parts = remark
    .split(/[()[\]（）【】,，;；:：、\s]+/u)
    .map((part) => part.replace(bareWord, '').trim())
    .filter((part) => part.length > 0);
  return parts.length > 0 ? parts.join('，') : null;
}

const charCount = (text: string) => [...text].length;

/** Removes `count` non-space characters from the start of `text`, returning what follows. */
function afterChars(text: string, count: number): string {
  let seen = 0;
  let index = 0;
  while (index < text.length && seen < count) {
    const ch = text.codePointAt(index) as number;
    const width = ch > 0xffff ? 2 : 1;
    if (!/\s/u.test(text.slice(index, index + width))) seen += 1;
    index += width;
  }
  return text.slice(index);
}

/**
 * The name when the roster does not settle it: the leading run of name characters. Names padded to align
 * (李  四, 张 三 丰) have single characters between spaces, which are joined. A status word glued to the name
 * (钱七请假) is cut off.
 */
function leadingName(content: string): string {
  const runs = content.split(/\s+/u).filter((r) => r.length > 0);
  const runName = (run: string) => {
    let end = 0;
    for (const ch of run) {
      if (!NAME_CHAR.test(ch)) break;
      end += ch.length;
    }
    return run.slice(0, end);
  };
  const first = runs[0] ?? '';
  let name = runName(first);
  if (name.length === 0) {
    // Not a Han name (e.g. a foreign guest): the first word, up to a bracket or punctuation.
    const word = first.split(/[()[\]（）【】,，;；:：、]/u)[0] ?? '';
    return /\p{L}/u.test(word) ? word : '';
  }
  // Join names padded with spaces (李  四, 张 三 丰): single characters between spaces belong together.
  if (first.length === 1) {
    for (const run of runs.slice(1)) {
      const next = runName(run);
      if (next.length === 0 || STATUS_WORDS.includes(next)) break;
      if (run.length === 1) {
        name += next;
        continue;
      }
      // "李 四请假": the rest of the name is glued to the remark; the cut below separates them.
      if (name.length === 1) name += next;
      break;
    }
  }
  // No name holds 请假, 缺席 … after its first two characters; a lone 到 may be part of a name (周到), so it cuts
  // only a run too long to be a name.
  const cuts = STATUS_WORDS.filter((w) => w.length > 1 || name.length > 4)
    .map((w) => name.indexOf(w, 2))
    .filter((i) => i >= 2);
  if (cuts.length > 0 && !name.includes('·')) name = name.slice(0, Math.min(...cuts));
  return name;
}

/** Roster names with spaces removed, each with the members who bear it (two 张伟 are possible). */
function rosterIndex(roster: Array<{ memberId: number; name: string }>): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (const member of roster) {
    const key = member.name.normalize('NFKC').replace(/\s+/gu, '');
    if (key.length === 0) continue;
    index.set(key, [...(index.get(key) ?? []), member.memberId]);
  }
  return index;
}

/** The name in a numbered line and the remark after it. */
function splitName(content: string, roster: Map<string, number[]>): { name: string; remark: string } {
  const fallback = leadingName(content);
  if (roster.has(fallback)) return { name: fallback, remark: afterChars(content, charCount(fallback)) };
  // A roster name written with spaces inside or a remark glued on: the longest roster name that starts the line.
  const compact = content.replace(/\s+/gu, '');
  let best = '';
  for (const name of roster.keys()) {
    if (name.length > best.length && compact.startsWith(name)) best = name;
  }
  if (best.length > 0) return { name: best, remark: afterChars(content, charCount(best)) };
  return { name: fallback, remark: afterChars(content, charCount(fallback.replace(/\s+/gu, ''))) };
}

/** Parses a pasted 接龙 against the roster of the meeting date; one entry per numbered line, nothing is saved. */
export function parseRollCall(text: string, roster: Array<{ memberId: number; name: string }>): RollCallLine[] {
  const index = rosterIndex(roster);
  const seen = new Map<string, number>();
  const lines: RollCallLine[] = [];
  const rawLines = text.split(/\r\n|\r|\n/u);

  rawLines.forEach((raw, i) => {
    const original = raw.trim();
    const normalized = original.normalize('NFKC').replace(EMOJI, ' ').replace(/\s+/gu, ' ').trim();
    const match = NUMBERED.exec(normalized);
    if (!match) return;
    const content = (match[2] ?? '').trim();
    // An empty numbered slot ("3.") left in a 接龙 template is no one.
    if (content.length === 0) return;

    const { name, remark } = splitName(content, index);
    const { status, reason } = readStatus(remark.trim());
    const line: RollCallLine = { line: i + 1, text: original, name, memberId: null, status, reason, problem: null };

    const ids = index.get(name);
    if (name.length === 0) {
      line.problem = '没有识别出姓名';
    } else if (ids && ids.length > 1) {
      line.problem = `花名册中有 ${ids.length} 人叫“${name}”，请手动选择`;
    } else if (ids) {
      line.memberId = ids[0] ?? null;
    } else if (status !== '列席') {
      // A 列席 guest (积极分子, 上级指导人员) is not a member: no roster entry is expected.
      line.problem = NOT_ON_ROLL;
    }

    // Two lines of an ambiguous name are likely the two namesakes, so only a settled person can be a repeat.
    const key = line.memberId !== null ? `#${line.memberId}` : name;
    const first = seen.get(key);
    const ambiguous = ids !== undefined && ids.length > 1;
    if (name.length > 0 && !ambiguous && first !== undefined) {
      line.problem = `重复接龙：与第 ${first} 行是同一人`;
    } else if (name.length > 0 && !ambiguous) {
      seen.set(key, line.line);
    }
    lines.push(line);
  });
  return lines;
}
