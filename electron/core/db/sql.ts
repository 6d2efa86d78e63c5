import type Database from 'better-sqlite3';

/**
 * The one way SQL is written in this codebase: a tagged template that turns every `${value}`
 * into a bound parameter. Fragments made with `sql` can be nested; identifiers never come
 * from values (use `sql.raw` only with constants written in code).
 */
export type SqlValue = string | number | bigint | null | Buffer;

export interface SqlQuery {
  readonly text: string;
  readonly params: SqlValue[];
  readonly [SQL_TAG]: true;
}

const SQL_TAG = Symbol('sql');

function isQuery(value: unknown): value is SqlQuery {
  return typeof value === 'object' && value !== null && SQL_TAG in value;
}

export function sql(
  strings: TemplateStringsArray,
  ...values: Array<SqlValue | boolean | undefined | SqlQuery>
): SqlQuery {
  let text = strings[0] ?? '';
  const params: SqlValue[] = [];
  values.forEach((value, i) => {
    if (isQuery(value)) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value === undefined ? null : typeof value === 'boolean' ? Number(value) : value);
    }
    text += strings[i + 1] ?? '';
  });
  return { text, params, [SQL_TAG]: true };
}

/** A constant piece of SQL written in code (never user input). */
sql.raw = (text: string): SqlQuery => ({ text, params: [], [SQL_TAG]: true });

/** `(?, ?, …)` for an IN list, every value bound. */
sql.in = (values: readonly SqlValue[]): SqlQuery => ({
  text: `(${values.map(() => '?').join(', ')})`,
  params: [...values],
  [SQL_TAG]: true,
});

/** Joins fragments with a separator, e.g. optional WHERE conditions. */
sql.join = (parts: SqlQuery[], separator: string): SqlQuery => {
  const text = parts.map((p) => p.text).join(separator);
  return { text, params: parts.flatMap((p) => p.params), [SQL_TAG]: true };
};

const SLOW_QUERY_MS = 40;

export type SlowQueryLogger = (name: string, ms: number, text: string) => void;

const defaultSlowLogger: SlowQueryLogger = (name, ms, text) => {
  process.stderr.write(`[slow-query] ${name} ${ms.toFixed(1)} ms: ${text.replace(/\s+/g, ' ').slice(0, 200)}\n`);
};

/** Runs queries with statement caching and logs every query slower than 40 ms with its name. */
export class Db {
  readonly raw: Database.Database;
  private readonly cache = new Map<string, Database.Statement>();
  private readonly onSlow: SlowQueryLogger;

  constructor(raw: Database.Database, onSlow: SlowQueryLogger = defaultSlowLogger) {
    this.raw = raw;
    this.onSlow = onSlow;
  }

  private prepare(query: SqlQuery): Database.Statement {
    let statement = this.cache.get(query.text);
    if (!statement) {
      statement = this.raw.prepare(query.text);
      this.cache.set(query.text, statement);
    }
    return statement;
  }

  private timed<T>(name: string, query: SqlQuery, run: () => T): T {
    const start = performance.now();
    const result = run();
    const ms = performance.now() - start;
    if (ms > SLOW_QUERY_MS) this.onSlow(name, ms, query.text);
    return result;
  }

  all<T>(name: string, query: SqlQuery): T[] {
    return this.timed(name, query, () => this.prepare(query).all(...query.params) as T[]);
  }

  get<T>(name: string, query: SqlQuery): T | undefined {
    return this.timed(name, query, () => this.prepare(query).get(...query.params) as T | undefined);
  }

  run(name: string, query: SqlQuery): Database.RunResult {
    return this.timed(name, query, () => this.prepare(query).run(...query.params));
  }

  /** Runs `fn` in one IMMEDIATE transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.raw.transaction(fn).immediate();
  }

  pragma<T>(text: string): T {
    return this.raw.pragma(text, { simple: true }) as T;
  }
}
