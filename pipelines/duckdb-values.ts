// Values and statement order on one DuckDB connection, shared by the Warehouse and the Kysely dialect
// (kept apart from kysely-duckdb.ts so a command that never builds a Kysely query never loads Kysely).

/** BIGINT/HUGEINT arrive as bigint: numbers users see are counts and ranks, so convert when exact. */
export function toJsValue(v: unknown): unknown {
  if (typeof v === "bigint") {
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw new RangeError(`BIGINT ${v} does not fit a JavaScript number`);
    return n;
  }
  return v;
}

export function toJsRows(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  for (const r of rows) for (const k in r) r[k] = toJsValue(r[k]);
  return rows;
}

/** Serialises work on one connection: DuckDB runs one statement per connection at a time. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
