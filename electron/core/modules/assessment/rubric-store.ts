import type { RubricInfo, RubricItemInfo, RubricPreview } from '../../../api/assessment.ts';
import type { Db } from '../../db/sql.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, write } from '../../ledger.ts';
import {
  defaultRubric,
  inspectRubric,
  LEVELS,
  METRICS,
  type Rubric,
  type RubricItem,
  type RubricProblem,
  vetoEffect,
} from '../../rules/rubric.ts';
import { parseRulesFile } from './rules-file.ts';

/**
 * The ledger's 考核细则: the shipped example until a party committee imports its own. The rubric in force
 * is named in ledger_meta 'rubric'; every rubric ever imported is kept under 'rubric:<id>@<version>', so an
 * assessment published under an earlier rubric is still shown item by item with the rubric it was scored
 * with (assessment.rubric_version holds that reference).
 */
const ACTIVE_KEY = 'rubric';
const LIBRARY_PREFIX = 'rubric:';

interface ActiveMeta {
  ref: string;
  id: string;
  name: string;
  version: string;
  fileName: string;
  importedAt: string;
}

export const rubricRef = (rubric: { id: string; version: string }) => `${rubric.id}@${rubric.version}`;

function readMeta(db: Db, key: string): string | null {
  return db.get<{ value: string }>('rubric.meta', sql`SELECT value FROM ledger_meta WHERE key = ${key}`)?.value ?? null;
}

function writeMeta(db: Db, key: string, value: string): void {
  db.run(
    'rubric.setMeta',
    sql`INSERT INTO ledger_meta (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
}

function activeMeta(db: Db): ActiveMeta | null {
  const value = readMeta(db, ACTIVE_KEY);
  return value ? (JSON.parse(value) as ActiveMeta) : null;
}

// Parsing a stored rubric is cheap but runs on every assessment read: keep the last few by their text.
const parsed = new Map<string, Rubric>();

function libraryRubric(db: Db, ref: string, fileName: string): Rubric | null {
  const text = readMeta(db, `${LIBRARY_PREFIX}${ref}`);
  if (text === null) return null;
  let rubric = parsed.get(text);
  if (!rubric) {
    const { rubric: checked } = inspectRubric(JSON.parse(text), fileName);
    // It was checked on import; a rubric that no longer passes (a metric removed by an app update) is not used.
    if (!checked) return null;
    rubric = checked;
    if (parsed.size > 16) parsed.clear();
    parsed.set(text, rubric);
  }
  return rubric;
}

/** The rubric in force in this ledger. */
export function activeRubric(ledger: Ledger): Rubric {
  const meta = activeMeta(ledger.db);
  return (meta && libraryRubric(ledger.db, meta.ref, meta.fileName)) || defaultRubric();
}

/**
 * The rubric an assessment was scored with, by the reference it stored: 'id@version', or a bare version
 * written before rubrics could be imported (the shipped example's). Null when it is no longer known.
 */
export function rubricByRef(ledger: Ledger, ref: string): Rubric | null {
  const shipped = defaultRubric();
  if (ref === rubricRef(shipped) || ref === shipped.version) return shipped;
  return libraryRubric(ledger.db, ref, ref);
}

function scoringText(item: RubricItem): string {
  const p = (x: number) => String(Math.round(x * 100) / 100);
  switch (item.scoring) {
    case 'deduct':
      return item.mode === 'auto'
        ? `每 1 次扣 ${p(item.perOccurrence)} 分，扣完为止`
        : `考核人每发现 1 处扣 ${p(item.perOccurrence)} 分，扣完为止`;
    case 'bonus':
      return `每 1 项加 ${p(item.perOccurrence)} 分，最多 ${p(item.points)} 分`;
    case 'threshold': {
      const rule = `${item.compare === 'atLeast' ? '不少于' : '不超过'} ${p(item.threshold)}`;
      return `${rule} 得 ${p(item.points)} 分，否则得 ${p(item.partial)} 分`;
    }
    case 'tiered':
      return LEVELS.map((level) => `${level} ${p(item.levels[level] * item.points)}`).join('、');
  }
}

function itemInfo(item: RubricItem): RubricItemInfo {
  return {
    id: item.id,
    category: item.category,
    title: item.title,
    maxPoints: item.points,
    mode: item.mode,
    scoring: item.scoring,
    scoringText: scoringText(item),
    criteria: item.criteria,
    metric: item.metric,
    metricLabel: item.metric ? (METRICS[item.metric]?.label ?? null) : null,
    source: item.source,
  };
}

/** A rubric as the UI shows it. */
export function rubricInfo(rubric: Rubric, origin: RubricInfo['origin']): RubricInfo {
  const items = rubric.categories.flatMap((c) => c.items);
  const titleOf = (id: string) => items.find((i) => i.id === id)?.title ?? id;
  return {
    id: rubric.id,
    name: rubric.name,
    version: rubric.version,
    issuer: rubric.issuer,
    year: rubric.year,
    note: rubric.note ?? null,
    example: rubric.example === true,
    total: rubric.total,
    categories: rubric.categories.map((c) => ({ id: c.id, name: c.name, points: c.points, itemCount: c.items.length })),
    items: items.map(itemInfo),
    tiers: rubric.tiers.map((t) => ({ tier: t.tier, minScore: t.minScore })),
    tierConditions: rubric.tiers.map((t) => ({
      tier: t.tier,
      conditions: [
        ...(t.prerequisite
          ? [
              `上年须为${t.prerequisite}或以上${t.withoutPreviousYear === 'waive' ? '（无上年记录时不作要求）' : '（无上年记录时不能评定）'}`,
            ]
          : []),
        ...t.conditions.map((c) => `“${titleOf(c.itemId)}”至少评为${c.atLeast}`),
      ],
    })),
    vetoes: rubric.vetoes.map((v) => ({ id: v.id, title: v.title, effect: v.effect, effectText: vetoEffect(v) })),
    origin,
  };
}

/** The rubric in force, for the UI. */
export function activeRubricInfo(ledger: Ledger): RubricInfo {
  const meta = activeMeta(ledger.db);
  const rubric = activeRubric(ledger);
  const imported = meta !== null && meta.ref === rubricRef(rubric);
  return rubricInfo(rubric, {
    kind: imported ? 'imported' : 'shipped',
    fileName: imported ? meta.fileName : null,
    importedAt: imported ? meta.importedAt : null,
  });
}

interface Checked {
  raw: unknown;
  rubric: Rubric | null;
  problems: RubricProblem[];
}

/** Parses and checks a file's text; a rubric that reuses a known id@version for other content is refused. */
function check(ledger: Ledger, fileName: string, content: string): Checked {
  const json = parseRulesFile(content);
  if (!json.ok) return { raw: null, rubric: null, problems: [json.problem] };
  const { rubric, problems } = inspectRubric(json.value, fileName);
  if (rubric) {
    const ref = rubricRef(rubric);
    const shipped = defaultRubric();
    const known = ref === rubricRef(shipped) ? null : readMeta(ledger.db, `${LIBRARY_PREFIX}${ref}`);
    const same =
      ref === rubricRef(shipped)
        ? rubric.example === true && JSON.stringify(rubric) === JSON.stringify(shipped)
        : known === null || known === JSON.stringify(json.value);
    if (!same) {
      const problem = {
        place: '版本（version）',
        message: `已有编号“${rubric.id}”、版本“${rubric.version}”的另一份考核细则，内容与本文件不同；修改细则后请同时改版本号`,
      };
      return { raw: json.value, rubric: null, problems: [problem] };
    }
  }
  return { raw: json.value, rubric, problems };
}

function impactOf(ledger: Ledger): RubricPreview['impact'] {
  const row = ledger.db.get<{ drafts: number; published: number }>(
    'rubric.impact',
    sql`SELECT COALESCE(SUM(stage <> '已公示'), 0) AS drafts, COALESCE(SUM(stage = '已公示'), 0) AS published FROM assessment`,
  );
  return { drafts: row?.drafts ?? 0, published: row?.published ?? 0 };
}

/** What a rubric file holds and what is wrong with it; saves nothing. */
export function previewRubric(ledger: Ledger, input: { fileName: string; content: string }): RubricPreview {
  const { rubric, problems } = check(ledger, input.fileName, input.content);
  return {
    fileName: input.fileName,
    rubric: rubric
      ? rubricInfo(rubric, {
          kind: rubric.example ? 'shipped' : 'imported',
          fileName: input.fileName,
          importedAt: null,
        })
      : null,
    problems,
    impact: impactOf(ledger),
  };
}

/** Re-scores the assessments not yet published with `rubric`: they now record it as the one they use. */
function rescoreDrafts(ledger: Ledger, rubric: Rubric): number {
  return Number(
    ledger.db.run(
      'rubric.rescoreDrafts',
      sql`UPDATE assessment SET rubric_version = ${rubricRef(rubric)} WHERE stage <> '已公示'`,
    ).changes,
  );
}

/**
 * Makes a committee's rubric file the one in force. Refuses (BAD_FILE, nothing changed) a file that is not
 * JSON or whose rubric does not hold together, naming the item; drafts are re-scored with it (manual scores
 * for items it no longer has are kept and shown as 不在当前细则), published results stand.
 */
export function importRubric(ledger: Ledger, input: { fileName: string; content: string }): RubricInfo {
  const { raw, rubric, problems } = check(ledger, input.fileName, input.content);
  const first = problems[0];
  if (!rubric || first) {
    throw new LedgerError(
      'BAD_FILE',
      `考核细则“${input.fileName}”有误：${first?.place ?? '（整个文件）'}：${first?.message ?? '格式不对'}。未导入，请改正后重试。`,
      problems.map((p) => ({ file: input.fileName, field: p.place, message: p.message })),
    );
  }
  write(ledger, () => {
    const before = activeMeta(ledger.db);
    const ref = rubricRef(rubric);
    const shipped = ref === rubricRef(defaultRubric());
    if (shipped) {
      ledger.db.run('rubric.reset', sql`DELETE FROM ledger_meta WHERE key = ${ACTIVE_KEY}`);
    } else {
      writeMeta(ledger.db, `${LIBRARY_PREFIX}${ref}`, JSON.stringify(raw));
      const meta: ActiveMeta = {
        ref,
        id: rubric.id,
        name: rubric.name,
        version: rubric.version,
        fileName: input.fileName,
        importedAt: ledger.clock().toISOString(),
      };
      writeMeta(ledger.db, ACTIVE_KEY, JSON.stringify(meta));
    }
    const drafts = rescoreDrafts(ledger, rubric);
    return {
      result: null,
      audit: {
        action: 'rubric.import',
        entity: 'rubric',
        entityId: ref,
        before: before ? { ref: before.ref, fileName: before.fileName } : { ref: rubricRef(defaultRubric()) },
        after: { ref, fileName: input.fileName, name: rubric.name, draftsRescored: drafts },
        summary: `导入考核细则“${rubric.name}”（${rubric.version}，文件 ${input.fileName}），${drafts} 个未公示的考核按新细则重新计分`,
      },
    };
  });
  return activeRubricInfo(ledger);
}

/** Returns to the shipped example rubric; drafts are re-scored with it, published results stand. */
export function resetRubric(ledger: Ledger): RubricInfo {
  write(ledger, () => {
    const before = activeMeta(ledger.db);
    ledger.db.run('rubric.reset', sql`DELETE FROM ledger_meta WHERE key = ${ACTIVE_KEY}`);
    const rubric = defaultRubric();
    const drafts = rescoreDrafts(ledger, rubric);
    return {
      result: null,
      audit: {
        action: 'rubric.reset',
        entity: 'rubric',
        entityId: rubricRef(rubric),
        before: before ? { ref: before.ref, fileName: before.fileName } : null,
        after: { ref: rubricRef(rubric), draftsRescored: drafts },
        summary: `恢复示例考核细则（${rubric.version}），${drafts} 个未公示的考核按示例细则重新计分`,
      },
    };
  });
  return activeRubricInfo(ledger);
}
