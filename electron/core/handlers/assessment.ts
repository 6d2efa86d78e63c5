import {
  advanceAssessment,
  committeeAssessments,
  getAssessment,
  scoreItem,
  setVeto,
} from '../modules/assessment/assessment.ts';
import { addPoints, pointsYear } from '../modules/assessment/points.ts';
import { listProjects, saveProject, saveProjectItem } from '../modules/assessment/projects.ts';
import type { Handlers, LedgerRef } from './types.ts';

type Methods = Extract<keyof Handlers, `assessment.${string}` | `project.${string}` | `points.${string}`>;

export function assessmentHandlers(ledger: LedgerRef): Pick<Handlers, Methods> {
  return {
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
