import { migration0001 } from './0001_ledger.ts';

/** Numbered, append-only. A migration is never edited once released: add the next number. */
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  { version: 1, name: '0001_ledger', sql: migration0001 },
];

export const LATEST_SCHEMA_VERSION = migrations.length;
