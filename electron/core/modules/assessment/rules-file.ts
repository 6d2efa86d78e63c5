import type { RubricProblem } from '../../rules/rubric.ts';

/**
 * The text of a rules file (考核细则, 党员积分办法) as JSON. A file saved by Notepad starts with a BOM; a
 * syntax error is reported with its line and column, since the committee edits the file by hand.
 */
export function parseRulesFile(content: string): { ok: true; value: unknown } | { ok: false; problem: RubricProblem } {
  const text = content.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, problem: { place: '（整个文件）', message: '文件是空的' } };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : '';
    const position = /position (\d+)/.exec(detail);
    let where = '';
    if (position) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      where = `第 ${line} 行第 ${column} 列附近`;
    }
    const message = `不是有效的 JSON 文件${where ? `，${where}有格式错误（如多了或少了逗号、引号、括号）` : ''}`;
    return { ok: false, problem: { place: '（整个文件）', message } };
  }
}
