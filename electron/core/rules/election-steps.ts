import { z } from 'zod';
import electionData from '../../../templates/elections/steps.json' with { type: 'json' };
import type { ElectionStepDefinition } from '../../api/elections.ts';

/** The ten steps of a branch election (RULES.md §5.1) and its document pack (§5.3), as data. */
const fileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  version: z.string().min(1),
  source: z.string().min(1),
  steps: z.array(
    z.object({
      no: z.number().int().min(1),
      name: z.string().min(1),
      actor: z.string().min(1),
      rule: z.string().min(1),
      documents: z.array(z.string().min(1)),
    }),
  ),
  documents: z.array(z.object({ item: z.string().min(1), stepNo: z.number().int().min(1).nullable() })),
});

export const ELECTION_STEP_COUNT = 10;

export type ElectionStep = ElectionStepDefinition & { actor: string };
export interface ElectionDocument {
  item: string;
  /** The step whose record produces the document. */
  stepNo: number | null;
}

export function loadElectionTemplates(data: unknown): { steps: ElectionStep[]; documents: ElectionDocument[] } {
  const file = fileSchema.parse(data);
  file.steps.forEach((step, index) => {
    if (step.no !== index + 1) throw new Error(`election steps: step ${index + 1} is numbered ${step.no}`);
  });
  if (file.steps.length !== ELECTION_STEP_COUNT) {
    throw new Error(`election steps: expected ${ELECTION_STEP_COUNT} steps, found ${file.steps.length}`);
  }
  for (const doc of file.documents) {
    if (doc.stepNo !== null && doc.stepNo > ELECTION_STEP_COUNT) {
      throw new Error(`election documents: ${doc.item} names step ${doc.stepNo}, which does not exist`);
    }
  }
  return { steps: file.steps, documents: file.documents };
}

const templates = loadElectionTemplates(electionData);

export function electionStepDefinitions(): ElectionStep[] {
  return templates.steps;
}

/** The document pack as a checklist, each with the step that produces it. */
export function electionDocuments(): ElectionDocument[] {
  return templates.documents;
}
