import { assessment, points, projects } from './assessment.ts';
import { development, elections } from './development-elections.ts';
import { meetings, roster, studyHours, talks } from './org-life.ts';
import { dues, plans } from './routine-dues.ts';
import type { Source } from './types.ts';

export type { FieldValue, Source, SourceContext, SourceData, SourceRow } from './types.ts';

/** Every data source a ledger-workbook layout may name, by the name it uses. */
export const SOURCES: Readonly<Record<string, Source>> = {
  roster,
  meetings,
  talks,
  studyHours,
  dues,
  plans,
  development,
  elections,
  projects,
  points,
  assessment,
};

export const SOURCE_FIELDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(SOURCES).map(([name, source]) => [name, source.fields]),
);
