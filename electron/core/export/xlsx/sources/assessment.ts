/**
 * 书记项目 (one row per list item), 示范岗与积分 (one row per member) and 考核评分 (one row per
 * rubric item), from the assessment module's read functions.
 */
import type { AssessmentResult, MemberPoints, SecretaryProject } from '../../../../api/assessment.ts';
import { getAssessment } from '../../../modules/assessment/assessment.ts';
import { pointsYear } from '../../../modules/assessment/points.ts';
import { listProjects } from '../../../modules/assessment/projects.ts';
import { exemplaryYearSummary } from '../../../modules/exemplary/summary.ts';
import { localDate } from '../../../time.ts';
import { defineSource, type FieldValue, orNull } from './types.ts';

type ProjectField =
  | 'project'
  | 'background'
  | 'kind'
  | 'text'
  | 'linkedTo'
  | 'owner'
  | 'dueDate'
  | 'doneOn'
  | 'evidence';

function projectRows(project: SecretaryProject): Array<{ id: string; values: Record<ProjectField, FieldValue> }> {
  if (project.items.length === 0) {
    return [
      {
        id: `project:${project.id}`,
        values: {
          project: project.title,
          background: orNull(project.background),
          kind: null,
          text: null,
          linkedTo: null,
          owner: null,
          dueDate: null,
          doneOn: null,
          evidence: null,
        },
      },
    ];
  }
  const textOf = new Map(project.items.map((i) => [i.id, i.text]));
  return project.items.map((item, i) => ({
    id: `project-item:${item.id}`,
    values: {
      project: project.title,
      // Once per project, on its first line.
      background: i === 0 ? orNull(project.background) : null,
      kind: item.kind,
      text: item.text,
      linkedTo: item.linkedTo === null ? null : orNull(textOf.get(item.linkedTo)),
      owner: orNull(item.owner),
      dueDate: orNull(item.dueDate),
      doneOn: orNull(item.doneOn),
      evidence: orNull(item.evidence),
    },
  }));
}

export const projects = defineSource(
  ['seq', 'project', 'background', 'kind', 'text', 'linkedTo', 'owner', 'dueDate', 'doneOn', 'evidence'],
  ({ ledger, branch, year }) => {
    const list = listProjects(ledger, branch.id, year);
    return {
      rows: list.flatMap(projectRows).map((row, i) => ({ id: row.id, values: { seq: i + 1, ...row.values } })),
      notes: list.map(
        (p) =>
          `“${p.title}”：目标 ${p.progress.targets} 项、已达成 ${p.progress.targetsMet} 项；问题 ${p.progress.problems} 项、已整改销号 ${p.progress.problemsClosed} 项。`,
      ),
    };
  },
);

/** "出席党员大会 ×4（+8）；缺席支委会 ×1（-2）": what made up the score, grouped by rule. */
function eventSummary(events: MemberPoints['events']): string | null {
  const byLabel = new Map<string, { count: number; delta: number }>();
  for (const e of events) {
    const entry = byLabel.get(e.label) ?? { count: 0, delta: 0 };
    entry.count += 1;
    entry.delta += e.delta;
    byLabel.set(e.label, entry);
  }
  const parts = [...byLabel].map(([label, { count, delta }]) => {
    const rounded = Math.round(delta * 100) / 100;
    return `${label} ×${count}（${rounded >= 0 ? '+' : ''}${rounded}）`;
  });
  return parts.length > 0 ? parts.join('；') : null;
}

export const points = defineSource(
  ['seq', 'name', 'base', 'auto', 'manual', 'total', 'grade', 'veto', 'events', 'posts', 'commitments', 'stars'],
  ({ ledger, branch, year }) => {
    // 示范岗/责任区, 承诺践诺 and 星级 of the year, one line per member beside the points they rest on.
    const exemplary = exemplaryYearSummary(ledger, branch.id, year);
    return {
      rows: pointsYear(ledger, branch.id, year).map((m, i) => ({
        id: `member:${m.memberId}`,
        values: {
          seq: i + 1,
          name: m.name,
          base: m.base,
          auto: m.auto,
          manual: m.manual,
          total: m.total,
          grade: m.grade,
          veto: orNull(m.veto),
          events: eventSummary(m.events),
          posts: exemplary.get(m.memberId)?.posts ?? null,
          commitments: exemplary.get(m.memberId)?.commitments ?? null,
          stars: exemplary.get(m.memberId)?.stars ?? null,
        },
      })),
    };
  },
);

/** Words of the 考核评分 sheet's extra rows, shared with the importer that reads them back. */
export const ASSESSMENT_ROWS = {
  vetoCategory: '一票否决',
  vetoMode: '否决',
  stageCategory: '考核进程',
  rubricWord: '考核细则',
} as const;

type AssessmentField = 'itemId' | 'category' | 'title' | 'maxPoints' | 'mode' | 'points' | 'explanation' | 'comment';

/**
 * The applied vetoes and the record's progress (自评, 上级评审, 已公示 with its dates, final total and
 * tier, and the rubric it was scored with), one row each under the items: what an auditor needs to
 * read the sheet, and what the importer needs to rebuild the branch-year's assessment.
 */
function recordRows(result: AssessmentResult): Array<{ id: string; values: Record<AssessmentField, FieldValue> }> {
  const row = (id: string, values: Partial<Record<AssessmentField, FieldValue>>) => ({
    id,
    values: {
      itemId: null,
      category: null,
      title: null,
      maxPoints: null,
      mode: null,
      points: null,
      explanation: null,
      comment: null,
      ...values,
    },
  });
  const vetoes = result.vetoes.map((v) =>
    row(`assessment-veto:${v.itemId}`, {
      itemId: v.itemId,
      category: ASSESSMENT_ROWS.vetoCategory,
      title: v.title,
      mode: ASSESSMENT_ROWS.vetoMode,
      explanation: orNull(v.effect),
      comment: v.reason,
    }),
  );
  // No 自评 time: the branch-year has no assessment record yet (nothing scored).
  if (result.selfScoredAt === null) return vetoes;
  const ref = `${result.rubric.id}@${result.rubric.version}`;
  const stages = [
    row('assessment-stage:自评', {
      category: ASSESSMENT_ROWS.stageCategory,
      title: '自评',
      explanation: `${localDate(new Date(result.selfScoredAt))}（${ASSESSMENT_ROWS.rubricWord} ${ref}）`,
    }),
  ];
  if (result.reviewedAt !== null || result.stage === '上级评审') {
    stages.push(
      row('assessment-stage:上级评审', {
        category: ASSESSMENT_ROWS.stageCategory,
        title: '上级评审',
        explanation: orNull(result.reviewedAt),
      }),
    );
  }
  if (result.stage === '已公示') {
    stages.push(
      row('assessment-stage:已公示', {
        category: ASSESSMENT_ROWS.stageCategory,
        title: '已公示',
        points: result.total,
        explanation: result.publicity ? `${result.publicity.from} 至 ${result.publicity.to}` : null,
        comment: result.proposedTier,
      }),
    );
  }
  return [...vetoes, ...stages];
}

export const assessment = defineSource(
  ['seq', 'itemId', 'category', 'title', 'maxPoints', 'mode', 'points', 'explanation', 'comment'],
  ({ ledger, branch, year }) => {
    const result = getAssessment(ledger, branch.id, year);
    const items = result.items.map((item) => ({
      id: `assessment-item:${item.itemId}`,
      values: {
        itemId: item.itemId,
        category: item.category,
        title: item.title,
        maxPoints: item.maxPoints,
        mode: item.mode === 'auto' ? '自动' : '人工',
        points: item.points,
        explanation: orNull(item.explanation),
        comment: orNull(item.comment),
      },
    }));
    return {
      rows: [...items, ...recordRows(result)].map((row, i) => ({ id: row.id, values: { seq: i + 1, ...row.values } })),
      totals: { maxPoints: result.maxTotal, points: result.total },
      notes: [
        `考核细则：${result.rubric.name}（${result.rubric.version}）。阶段：${result.stage}。拟定等级：${result.proposedTier}。${result.pendingItems > 0 ? `尚有 ${result.pendingItems} 个人工评分项未评分。` : ''}`,
        ...result.vetoes.map((v) => `一票否决：${v.title}（${v.reason}）`),
        ...result.blockers.map((b) => `未能评为更高等级：${b}`),
      ],
    };
  },
);
