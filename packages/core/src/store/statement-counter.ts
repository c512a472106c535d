import type { SqlAdapter } from './sql-adapter';

/**
 * What a statement does, by its first keyword: BEGIN, COMMIT and ROLLBACK are `transaction`, an
 * advisory lock is `lock`, DDL and the rest `other`.
 */
export type StatementKind = 'select' | 'insert' | 'update' | 'delete' | 'transaction' | 'lock' | 'other';

/** Statements counted so far: in all, and by `<kind> <table>` (e.g. `select sf_startups`). */
export interface StatementCounts {
  total: number;
  byKind: Partial<Record<StatementKind, number>>;
  byTable: Record<string, number>;
  byKindAndTable: Record<string, number>;
}

const KINDS: Record<string, StatementKind> = {
  select: 'select',
  insert: 'insert',
  update: 'update',
  delete: 'delete',
  begin: 'transaction',
  commit: 'transaction',
  rollback: 'transaction',
};

/** The kind of a statement and the table it works on (after FROM, INTO, UPDATE or JOIN), if any. */
export function classifyStatement(sql: string): { kind: StatementKind; table: string | null } {
  const text = sql.trim();
  const first = /^\w+/.exec(text)?.[0]?.toLowerCase() ?? '';
  // A WITH statement does what its data-modifying part does; one without is a read.
  const modifying =
    first === 'with' ? /\b(insert|update|delete)\b/i.exec(text)?.[1]?.toLowerCase() : undefined;
  const kind = /pg_advisory/i.test(text)
    ? 'lock'
    : (KINDS[modifying ?? (first === 'with' ? 'select' : first)] ?? 'other');
  if (kind === 'transaction' || kind === 'lock') return { kind, table: null };
  return { kind, table: tableOf(text) };
}

const TABLE = /\b(?:from|into|update|join)\s+"?([a-z_]\w*)/i;

/** The table of the statement itself (outside subqueries), else the first one a subquery names. */
function tableOf(text: string): string | null {
  const paren = /\([^()]*\)/g;
  let outer = text;
  for (let inner = text.replace(paren, ' '); inner !== outer; inner = outer.replace(paren, ' '))
    outer = inner;
  const top = TABLE.exec(outer)?.[1];
  return top?.startsWith('sf_') ? top : (TABLE.exec(text)?.[1] ?? top ?? null);
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * Counts the statements an adapter sends while it listens, by kind and by table: how many round
 * trips a piece of work costs (a test's budget, a benchmark row, a metric).
 */
export class StatementCounter {
  private counts: StatementCounts = StatementCounter.empty();
  private stop: (() => void) | undefined;

  constructor(private readonly db: Pick<SqlAdapter, 'observe'>) {}

  /** Starts counting from zero. */
  start(): this {
    this.stop?.();
    this.counts = StatementCounter.empty();
    this.stop = this.db.observe((sql) => this.count(sql));
    return this;
  }

  /** Stops listening; the counts so far stay readable. */
  finish(): StatementCounts {
    this.stop?.();
    this.stop = undefined;
    return this.snapshot();
  }

  snapshot(): StatementCounts {
    return {
      total: this.counts.total,
      byKind: { ...this.counts.byKind },
      byTable: { ...this.counts.byTable },
      byKindAndTable: { ...this.counts.byKindAndTable },
    };
  }

  private count(sql: string): void {
    const { kind, table } = classifyStatement(sql);
    this.counts.total += 1;
    this.counts.byKind[kind] = (this.counts.byKind[kind] ?? 0) + 1;
    if (table) bump(this.counts.byTable, table);
    bump(this.counts.byKindAndTable, table ? `${kind} ${table}` : kind);
  }

  private static empty(): StatementCounts {
    return { total: 0, byKind: {}, byTable: {}, byKindAndTable: {} };
  }
}
