// The one object that owns a DuckDB file: one instance per file, one connection, statements serialised,
// typed queries through Kysely, bulk loads through the Appender. Everything that writes DuckDB goes here.
import { createRequire } from "node:module";
import type { DuckDBAppender, DuckDBConnection, DuckDBInstance, DuckDBValue } from "@duckdb/node-api";
import type { Kysely } from "kysely";
import { SerialQueue, toJsRows } from "./duckdb-values.ts";
import type { WarehouseSchema } from "./schema.ts";

export interface WarehouseOptions {
  /** DuckDB memory_limit, e.g. "1GB". Set explicitly: the default (80% of RAM) is slower and heavier here. */
  memoryLimit?: string;
  threads?: number;
  readOnly?: boolean;
}

/** Quotes an identifier so that names from configuration never reach SQL unquoted. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal (paths in read_csv/ATTACH, which DuckDB cannot take as parameters). */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

// Required, not imported: the binding is CommonJS, and importing it from an ES module makes Node scan the
// source of every file it re-exports for names first (0.15 s of a 0.5 s `weici status`).
const duckdb = () => createRequire(import.meta.url)("@duckdb/node-api") as typeof import("@duckdb/node-api");

export class Warehouse {
  private readonly queue = new SerialQueue();
  private closed = false;
  private typed: Kysely<WarehouseSchema> | undefined;

  private constructor(readonly path: string, private readonly instance: DuckDBInstance, private readonly conn: DuckDBConnection) {}

  /** Typed queries through Kysely on this connection; loaded on first use (commands that only read never pay for it). */
  async kysely(): Promise<Kysely<WarehouseSchema>> {
    if (!this.typed) {
      const [{ Kysely }, { DuckDBDialect }] = await Promise.all([import("kysely"), import("./kysely-duckdb.ts")]);
      this.typed = new Kysely<WarehouseSchema>({ dialect: new DuckDBDialect(this.conn, this.queue) });
    }
    return this.typed;
  }

  static async open(path: string, options: WarehouseOptions = {}): Promise<Warehouse> {
    const config: Record<string, string> = { memory_limit: options.memoryLimit ?? "900MB" };
    if (options.threads) config.threads = String(options.threads);
    if (options.readOnly) config.access_mode = "READ_ONLY";
    const instance = await duckdb().DuckDBInstance.create(path, config);
    const conn = await instance.connect();
    return new Warehouse(path, instance, conn);
  }

  /** Runs one or more statements that return nothing of interest. */
  async exec(sqlText: string, params?: DuckDBValue[]): Promise<void> {
    await this.queue.run(() => this.conn.run(sqlText, params));
  }

  /** Runs an insert, update or delete and returns how many rows it changed. */
  async change(sqlText: string, params?: DuckDBValue[]): Promise<number> {
    return this.queue.run(async () => (await this.conn.run(sqlText, params)).rowsChanged);
  }

  /** Runs a query and returns plain JS rows (BIGINT converted to number). */
  async all<T = Record<string, unknown>>(sqlText: string, params?: DuckDBValue[]): Promise<T[]> {
    return this.queue.run(async () => {
      const reader = await this.conn.runAndReadAll(sqlText, params);
      return toJsRows(reader.getRowObjectsJS() as Record<string, unknown>[]) as T[];
    });
  }

  /**
   * Runs a query for display: column names, DuckDB type names and rows as arrays, with values as
   * DuckDB prints them (BIGINT and DECIMAL as exact strings, dates as ISO text), so nothing is rounded.
   */
  async table(sqlText: string): Promise<{ columns: { name: string; type: string }[]; rows: unknown[][] }> {
    return this.queue.run(async () => {
      const reader = await this.conn.runAndReadAll(sqlText);
      const types = reader.columnTypes();
      return { columns: reader.columnNames().map((name, i) => ({ name, type: String(types[i]) })), rows: reader.getRowsJson() as unknown[][] };
    });
  }

  async one<T = Record<string, unknown>>(sqlText: string, params?: DuckDBValue[]): Promise<T | undefined> {
    return (await this.all<T>(sqlText, params))[0];
  }

  /** Runs `fn` in one transaction: everything it writes lands together or not at all. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.exec("begin transaction");
    try {
      const out = await fn();
      await this.exec("commit");
      return out;
    } catch (e) {
      await this.exec("rollback").catch(() => undefined);
      throw e;
    }
  }

  /**
   * Appends rows to a table with the Appender (bulk, not row-by-row inserts). Values are strings,
   * numbers or null, in the table's column order.
   */
  async append(schema: string, table: string, rows: Iterable<readonly (string | number | null)[]>): Promise<number> {
    return this.queue.run(async () => {
      const appender: DuckDBAppender = await this.conn.createAppender(table, schema);
      let n = 0;
      try {
        for (const row of rows) {
          for (const v of row) {
            if (v === null) appender.appendNull();
            else if (typeof v === "number") Number.isInteger(v) ? appender.appendBigInt(BigInt(v)) : appender.appendDouble(v);
            else appender.appendVarchar(v);
          }
          appender.endRow();
          n++;
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
      return n;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.run(async () => undefined);
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
