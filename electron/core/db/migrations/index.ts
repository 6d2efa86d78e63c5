import { migration0001 } from './0001_ledger.ts';
import { migration0002 } from './0002_life_routine_dues.ts';
import { migration0003 } from './0003_dues_year_index.ts';
import { migration0004 } from './0004_development_elections.ts';
import { migration0005 } from './0005_assessment.ts';
import { migration0006 } from './0006_assessment_final_total.ts';
import { migration0007 } from './0007_duties.ts';
import { migration0008 } from './0008_exemplary.ts';
import { migration0009 } from './0009_doc_template.ts';
import { migration0010 } from './0010_import_origin.ts';

/** Numbered, append-only. A migration is never edited once released: add the next number. */
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  { version: 1, name: '0001_ledger', sql: migration0001 },
  { version: 2, name: '0002_life_routine_dues', sql: migration0002 },
  { version: 3, name: '0003_dues_year_index', sql: migration0003 },
  { version: 4, name: '0004_development_elections', sql: migration0004 },
  { version: 5, name: '0005_assessment', sql: migration0005 },
  { version: 6, name: '0006_assessment_final_total', sql: migration0006 },
  { version: 7, name: '0007_duties', sql: migration0007 },
  { version: 8, name: '0008_exemplary', sql: migration0008 },
  { version: 9, name: '0009_doc_template', sql: migration0009 },
  { version: 10, name: '0010_import_origin', sql: migration0010 },
];

/** Versions run 1, 2, 3 … without gaps (a unit test holds this): the last one is the schema's. */
export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
