import type { OrgUnit } from '../../../../api/org.ts';
import type { Ledger } from '../../../ledger.ts';
import type { FieldValue } from '../canonical.ts';

export type { FieldValue } from '../canonical.ts';

/** What a sheet's gatherer reads the ledger for: one branch-year. */
export interface SourceContext {
  ledger: Ledger;
  branch: OrgUnit;
  year: number;
  /** The roster's date: the year's last day, or today for the current year. */
  asOf: string;
  includeFullIdNumbers: boolean;
}

/**
 * One record on a sheet. `id` is "kind:dbId" ("member:12", "meeting:40", "assessment-item:B3"):
 * unique across the ledger, so an importer knows which table a row belongs to and which record
 * it updates, whatever order the rows are in.
 */
export interface SourceRow<F extends string = string> {
  id: string;
  values: Readonly<Record<F, FieldValue>>;
}

export interface SourceData<F extends string = string> {
  rows: Array<SourceRow<F>>;
  /** A 合计 row under the records, by field. */
  totals?: Partial<Record<F, FieldValue>>;
  /** Lines printed under the table, e.g. 截至日期, 任期. */
  notes?: string[];
}

export interface Source<F extends string = string> {
  /** The fields a layout may put in its columns. */
  fields: readonly F[];
  gather(ctx: SourceContext): SourceData<F>;
}

/** Ties a gatherer's values to its declared fields, so a missing field is a compile error. */
export function defineSource<const F extends string>(
  fields: readonly F[],
  gather: (ctx: SourceContext) => SourceData<F>,
): Source<F> {
  return { fields, gather };
}

/** 'YYYY-MM-DD' strings stay as they are (the writer makes them dates); absent values are null. */
export function orNull<T extends string | number>(value: T | null | undefined): T | null {
  return value === undefined || value === '' ? null : value;
}
