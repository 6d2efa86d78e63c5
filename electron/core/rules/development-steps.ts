import { z } from 'zod';
import archiveData from '../../../templates/development/archive.json' with { type: 'json' };
import stepsData from '../../../templates/development/steps.json' with { type: 'json' };
import { DEV_STAGES, type DevStage, type DevStepDefinition } from '../../api/development.ts';

/**
 * The 25 steps of 发展党员 (RULES.md §3.1) and the archive list (§3.3) are data in
 * templates/development/, so a party committee can reword a rule or add a document without code.
 */
const DETAIL_KINDS = ['contacts', 'sponsors', 'training', 'vote', 'outcome', 'extension', 'talker'] as const;

const stepSchema = z.object({
  no: z.number().int().min(1),
  stage: z.enum(DEV_STAGES),
  name: z.string().min(1),
  actor: z.string().min(1),
  rule: z.string().min(1),
  source: z.string().min(1),
  documents: z.array(z.string().min(1)),
  details: z.array(z.enum(DETAIL_KINDS)),
  repeatable: z.boolean(),
});

const stepsFileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  version: z.string().min(1),
  source: z.string().min(1),
  stages: z.array(z.object({ stage: z.enum(DEV_STAGES), title: z.string().min(1) })),
  steps: z.array(stepSchema),
});

const archiveFileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  version: z.string().min(1),
  source: z.string().min(1),
  items: z.array(
    z.object({
      item: z.string().min(1),
      /** The step whose record produces the item; null when no step does. */
      stepNo: z.number().int().min(1).nullable(),
      /** One of the five items 细则第三十七条 names for the personnel file. */
      core: z.boolean(),
    }),
  ),
});

export const DEV_STEP_COUNT = 25;

export interface DevStageTitle {
  stage: DevStage;
  title: string;
}

export type DevArchiveItem = z.infer<typeof archiveFileSchema>['items'][number];

export interface DevStepTemplates {
  steps: DevStepDefinition[];
  stages: DevStageTitle[];
  archive: DevArchiveItem[];
}

/** Validates the step and archive files; a step list that is not exactly 1…25 in order is a broken pack. */
export function loadDevStepTemplates(steps: unknown, archive: unknown): DevStepTemplates {
  const stepFile = stepsFileSchema.parse(steps);
  const archiveFile = archiveFileSchema.parse(archive);
  stepFile.steps.forEach((step, index) => {
    if (step.no !== index + 1) throw new Error(`development steps: step ${index + 1} is numbered ${step.no}`);
  });
  if (stepFile.steps.length !== DEV_STEP_COUNT) {
    throw new Error(`development steps: expected ${DEV_STEP_COUNT} steps, found ${stepFile.steps.length}`);
  }
  const stageOrder = stepFile.steps.map((s) => DEV_STAGES.indexOf(s.stage));
  if (stageOrder.some((order, i) => i > 0 && order < (stageOrder[i - 1] ?? 0))) {
    throw new Error('development steps: stages must not go backwards');
  }
  if (stepFile.stages.map((s) => s.stage).join() !== DEV_STAGES.join()) {
    throw new Error('development steps: the stage titles must list the five stages in order');
  }
  for (const item of archiveFile.items) {
    if (item.stepNo !== null && item.stepNo > DEV_STEP_COUNT) {
      throw new Error(`development archive: ${item.item} names step ${item.stepNo}, which does not exist`);
    }
  }
  return { steps: stepFile.steps, stages: stepFile.stages, archive: archiveFile.items };
}

const templates = loadDevStepTemplates(stepsData, archiveData);

export function devStepDefinitions(): DevStepDefinition[] {
  return templates.steps;
}

/** 一、申请入党 … 五、预备党员的教育考察和转正: the chart's stage titles for headings. */
export function devStageTitles(): DevStageTitle[] {
  return templates.stages;
}

export function devArchiveItems(): DevArchiveItem[] {
  return templates.archive;
}

export function devStep(no: number): DevStepDefinition {
  const step = templates.steps[no - 1];
  if (!step) throw new Error(`no development step ${no}`);
  return step;
}
