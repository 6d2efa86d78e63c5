import {
  advanceAssessment,
  committeeAssessments,
  getAssessment,
  scoreItem,
  setVeto,
} from '../modules/assessment/assessment.ts';
import { addPoints, deletePointsEntry, pointsYear } from '../modules/assessment/points.ts';
import {
  activePointRules,
  importPointRules,
  pointsSchemeInfo,
  resetPointRules,
} from '../modules/assessment/points-store.ts';
import { deleteProjectItem, listProjects, saveProject, saveProjectItem } from '../modules/assessment/projects.ts';
import { activeRubricInfo, importRubric, previewRubric, resetRubric } from '../modules/assessment/rubric-store.ts';
import type { Handlers, LedgerRef } from './types.ts';

type Methods = Extract<keyof Handlers, `assessment.${string}` | `project.${string}` | `points.${string}`>;

export function assessmentHandlers(ledger: LedgerRef): Pick<Handlers, Methods> {
  return {
    'assessment.rubric': () => activeRubricInfo(ledger()),
    'assessment.previewRubric': (input) => previewRubric(ledger(), input),
    'assessment.importRubric': (input) => importRubric(ledger(), input),
    'assessment.resetRubric': () => resetRubric(ledger()),
    'points.scheme': () => pointsSchemeInfo(ledger()),
    'points.importRules': (input) => importPointRules(ledger(), input),
    'points.resetRules': () => resetPointRules(ledger()),
    'points.rules': () =>
      activePointRules(ledger()).rules.map((r) => ({
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
    'project.deleteItem': (input) => deleteProjectItem(ledger(), input.id),
    'points.year': (input) => pointsYear(ledger(), input.branchId, input.year),
    'points.add': (input) => addPoints(ledger(), input),
    'points.deleteEntry': (input) => deletePointsEntry(ledger(), input.id),
  };
}
