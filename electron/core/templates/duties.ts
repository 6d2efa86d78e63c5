import { z } from 'zod';
import rolesData from '../../../templates/duties/roles.json' with { type: 'json' };
import { PARTY_POSTS, type PartyPost } from '../../api/org.ts';
import { LedgerError } from '../errors.ts';
import { TABLE_WIDTH } from '../export/docx/page.ts';

/**
 * Each post's standard responsibility list is data (templates/duties/roles.json), every line with the
 * rule or practice it comes from, so a party committee can publish its own 分工 without code. A branch
 * may edit a post's list in its ledger; this file stays the default that 恢复默认 brings back.
 */

/** Fields a 责任清单 row offers to the Word book's task table. */
export const DUTY_TASK_BOOK_FIELDS = [
  'seq',
  'text',
  'source',
  'assignedOn',
  'dueDate',
  'status',
  'doneOn',
  'state',
  'note',
] as const;
const HEADING_KEYS = ['name', 'posts', 'year'] as const;

const nonEmpty = z.string().trim().min(1, '不能为空');

const fileSchema = z.strictObject({
  id: nonEmpty,
  name: nonEmpty,
  version: nonEmpty,
  publisher: nonEmpty,
  note: z.string().optional(),
  sources: z
    .array(
      z.strictObject({
        id: nonEmpty,
        title: nonEmpty,
        url: z.string().nullable(),
        tag: z.enum(['REG', 'REG*', 'LOCAL', 'UNCONFIRMED']),
      }),
    )
    .min(1),
  roles: z.array(
    z.strictObject({
      post: z.enum(PARTY_POSTS, { error: `职务应为 ${PARTY_POSTS.join('、')} 之一` }),
      items: z
        .array(z.strictObject({ text: nonEmpty.max(200, '不能超过 200 个字'), source: nonEmpty }))
        .min(1, '至少要有一条职责')
        .max(20, '最多 20 条职责'),
    }),
  ),
  book: z.strictObject({
    taskHeading: nonEmpty,
    noTasks: nonEmpty,
    taskColumns: z
      .array(
        z.strictObject({
          header: nonEmpty,
          field: z.enum(DUTY_TASK_BOOK_FIELDS, { error: `字段应为 ${DUTY_TASK_BOOK_FIELDS.join('、')} 之一` }),
          width: z.number().int().min(300, '列宽至少 300 缇').max(16000),
          align: z.enum(['left', 'center', 'right']).default('left'),
        }),
      )
      .min(1, '至少要有一列'),
  }),
});

export type DutiesTemplate = z.output<typeof fileSchema>;
export type DutySource = DutiesTemplate['sources'][number];
export interface TemplateResponsibility {
  text: string;
  source: DutySource;
}

function refuse(file: string, place: string, message: string): LedgerError {
  return new LedgerError('BAD_FILE', `支委职责模板“${file}”有误：${place}：${message}。`, [
    { file, field: place, message },
  ]);
}

/** Parses and checks a responsibilities file: every post once, every line's source listed, the table fits the page. */
export function loadDutiesTemplate(raw: unknown, name: string): DutiesTemplate {
  const parsed = fileSchema.safeParse(raw, { error: z.locales.zhCN().localeError });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const place = issue?.path.length ? issue.path.map(String).join('.') : '（整个文件）';
    throw refuse(name, place, issue?.message ?? '格式不对');
  }
  const file = parsed.data;
  const sourceIds = new Set(file.sources.map((s) => s.id));
  for (const post of PARTY_POSTS) {
    const count = file.roles.filter((r) => r.post === post).length;
    if (count !== 1)
      throw refuse(name, `roles（${post}）`, count === 0 ? '缺少该职务的职责清单' : '该职务出现了不止一次');
  }
  for (const role of file.roles) {
    role.items.forEach((item, i) => {
      if (!sourceIds.has(item.source))
        throw refuse(name, `${role.post}第 ${i + 1} 条职责`, `来源“${item.source}”不在 sources 中`);
    });
  }
  const width = file.book.taskColumns.reduce((sum, c) => sum + c.width, 0);
  if (width > TABLE_WIDTH.portrait)
    throw refuse(name, 'book.taskColumns', `各列宽度之和 ${width} 缇超过纵向页面的版心宽度 ${TABLE_WIDTH.portrait} 缇`);
  const unknown = [...file.book.taskHeading.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)]
    .map((m) => m[1] ?? '')
    .filter((key) => !(HEADING_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) throw refuse(name, 'book.taskHeading', `未知的占位符 {{${unknown.join('}}、{{')}}}`);
  return file;
}

let cached: DutiesTemplate | null = null;

/** The default list shipped in templates/duties/roles.json. */
export function defaultDutiesTemplate(): DutiesTemplate {
  cached ??= loadDutiesTemplate(rolesData, 'templates/duties/roles.json');
  return cached;
}

/** A post's standard list, each line with its source. */
export function templateResponsibilities(
  post: PartyPost,
  template: DutiesTemplate = defaultDutiesTemplate(),
): TemplateResponsibility[] {
  const role = template.roles.find((r) => r.post === post);
  const byId = new Map(template.sources.map((s) => [s.id, s]));
  return (role?.items ?? []).flatMap((item) => {
    const source = byId.get(item.source);
    return source ? [{ text: item.text, source }] : [];
  });
}
