/**
 * 书记项目 (one row per list item), 示范岗与积分 (one row per member) and 考核评分 (one row per
 * rubric item), from the assessment module's read functions.
 */
import type { MemberPoints, SecretaryProject } from '../../../../api/assessment.ts';
import { getAssessment } from '../../../modules/assessment/assessment.ts';
import { pointsYear } from '../../../modules/assessment/points.ts';
import { listProjects } from '../../../modules/assessment/projects.ts';
import { exemplaryYearSummary } from '../../../modules/exemplary/summary.ts';
import { defineSource, type FieldValue, orNull } from './types.ts';

type ProjectField = 'project' | 'kind' | 'text' | 'linkedTo' | 'owner' | 'dueDate' | 'doneOn' | 'evidence';

function projectRows(project: SecretaryProject): Array<{ id: string; values: Record<ProjectField, FieldValue> }> {
  if (project.items.length === 0) {
    return [
      {
        id: `project:${project.id}`,
        values: {
          project: project.title,
          kind: null,
          text: orNull(project.background),
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
  return project.items.map((item) => ({
    id: `project-item:${item.id}`,
    values: {
      project: project.title,
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
  ['seq', 'project', 'kind', 'text', 'linkedTo', 'owner', 'dueDate', 'doneOn', 'evidence'],
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

export const assessment = defineSource(
  ['seq', 'itemId', 'category', 'title', 'maxPoints', 'mode', 'points', 'explanation', 'comment'],
  ({ ledger, branch, year }) => {
    const result = getAssessment(ledger, branch.id, year);
    return {
      rows: result.items.map((item, i) => ({
        id: `assessment-item:${item.itemId}`,
        values: {
          seq: i + 1,
          itemId: item.itemId,
          category: item.category,
          title: item.title,
          maxPoints: item.maxPoints,
          mode: item.mode === 'auto' ? '自动' : '人工',
          points: item.points,
          explanation: orNull(item.explanation),
          comment: orNull(item.comment),
        },
      })),
      totals: { maxPoints: result.maxTotal, points: result.total },
      notes: [
        `考核细则：${result.rubric.name}（${result.rubric.version}）。阶段：${result.stage}。拟定等级：${result.proposedTier}。${result.pendingItems > 0 ? `尚有 ${result.pendingItems} 个人工评分项未评分。` : ''}`,
        ...result.vetoes.map((v) => `一票否决：${v.title}（${v.reason}）`),
        ...result.blockers.map((b) => `未能评为更高等级：${b}`),
      ],
    };
  },
);
