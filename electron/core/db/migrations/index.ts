import { migration0001 } from './0001_ledger.ts';
import { migration0002 } from './0002_life_routine_dues.ts';

/** Numbered, append-only. A migration is never edited once released: add the next number. */
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  { version: 1, name: '0001_ledger', sql: migration0001 },
  { version: 2, name: '0002_life_routine_dues', sql: migration0002 },
];

export const LATEST_SCHEMA_VERSION = migrations.length;
