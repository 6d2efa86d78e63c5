import {
  advanceAssessment,
  committeeAssessments,
  getAssessment,
  scoreItem,
  setVeto,
} from '../modules/assessment/assessment.ts';
import { addPoints, pointsYear } from '../modules/assessment/points.ts';
import { listProjects, saveProject, saveProjectItem } from '../modules/assessment/projects.ts';
import { defaultPointRules } from '../rules/points.ts';
import { defaultRubric } from '../rules/rubric.ts';
import type { Handlers, LedgerRef } from './types.ts';

type Methods = Extract<keyof Handlers, `assessment.${string}` | `project.${string}` | `points.${string}`>;

export function assessmentHandlers(ledger: LedgerRef): Pick<Handlers, Methods> {
  return {
    'assessment.rubric': () => {
      const rubric = defaultRubric();
      return {
        id: rubric.id,
        name: rubric.name,
        version: rubric.version,
        example: rubric.example === true,
        total: rubric.total,
        tiers: rubric.tiers.map((t) => ({ tier: t.tier, minScore: t.minScore })),
        vetoes: rubric.vetoes.map((v) => ({ id: v.id, title: v.title, effect: v.effect })),
      };
    },
    'points.rules': () =>
      defaultPointRules().rules.map((r) => ({
        id: r.id,
        category: r.category,
        label: r.label,
        points: r.points,
        manual: !r.auto,
      })),
    'assessment.get': (input) => getAssessment(ledger(), input.branchId, input.year),
    'assessment.scoreItem': (input) => scoreItem(ledger(), input),
    'assessment.setVeto': (input) => setVeto(ledger(), input),
    'assessment.advance': (input) => advanceAssessment(ledger(), input),
    'assessment.committee': (input) => committeeAssessments(ledger(), input.year),
    'project.list': (input) => listProjects(ledger(), input.branchId, input.year),
    'project.save': (input) => saveProject(ledger(), input),
    'project.saveItem': (input) => saveProjectItem(ledger(), input),
    'points.year': (input) => pointsYear(ledger(), input.branchId, input.year),
    'points.add': (input) => addPoints(ledger(), input),
  };
}
