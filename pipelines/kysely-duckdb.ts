// A small Kysely dialect on @duckdb/node-api: Postgres SQL compiler and adapter (DuckDB speaks the same
// $1 parameters and quoting), one shared connection with queries serialised, BIGINT converted on purpose.
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type SchemaMetadata,
  type TableMetadata,
  PostgresAdapter,
  PostgresQueryCompiler,
  sql,
} from "kysely";
import { type SerialQueue, toJsRows } from "./duckdb-values.ts";

class DuckDBKyselyConnection implements DatabaseConnection {
  constructor(private readonly conn: DuckDBConnection, private readonly queue: SerialQueue) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.queue.run(async () => {
      const reader = await this.conn.runAndReadAll(query.sql, query.parameters as DuckDBValue[]);
      const rows = toJsRows(reader.getRowObjectsJS() as Record<string, unknown>[]) as R[];
      const kind = query.query.kind;
      if (kind === "InsertQueryNode" || kind === "UpdateQueryNode" || kind === "DeleteQueryNode") {
        // Without RETURNING DuckDB reports the affected count as a single "Count" row.
        const first = rows[0] as Record<string, unknown> | undefined;
        const hasReturning = "returning" in query.query && query.query.returning !== undefined;
        if (!hasReturning && first && "Count" in first) {
          return { rows: [], numAffectedRows: BigInt(first.Count as number) };
        }
      }
      return { rows };
    });
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming is not supported by this dialect; use Warehouse.stream");
  }
}

class DuckDBDriver implements Driver {
  private readonly connection: DuckDBKyselyConnection;
  constructor(conn: DuckDBConnection, queue: SerialQueue) {
    this.connection = new DuckDBKyselyConnection(conn, queue);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  async beginTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(rawQuery("begin transaction"));
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(rawQuery("commit"));
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(rawQuery("rollback"));
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

function rawQuery(text: string): CompiledQuery {
  return { sql: text, parameters: [], query: { kind: "RawNode", sqlFragments: [text], parameters: [] }, queryId: { queryId: text } } as unknown as CompiledQuery;
}

class DuckDBIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<any>) {}
  async getSchemas(): Promise<SchemaMetadata[]> {
    const r = await sql<{ name: string }>`select distinct schema_name as name from information_schema.schemata`.execute(this.db);
    return r.rows;
  }
  async getTables(): Promise<TableMetadata[]> {
    const r = await sql<{ schema: string; table: string; type: string; column: string; data_type: string; nullable: string; def: string | null }>`
      select t.table_schema as schema, t.table_name as "table", t.table_type as type, c.column_name as column,
             c.data_type, c.is_nullable as nullable, c.column_default as def
      from information_schema.tables t join information_schema.columns c using (table_catalog, table_schema, table_name)
      where t.table_catalog = current_database() order by t.table_schema, t.table_name, c.ordinal_position`.execute(this.db);
    const tables = new Map<string, TableMetadata>();
    for (const row of r.rows) {
      const key = `${row.schema}.${row.table}`;
      let t = tables.get(key);
      if (!t) {
        t = { name: row.table, schema: row.schema, isView: row.type === "VIEW", columns: [] };
        tables.set(key, t);
      }
      (t.columns as unknown[]).push({
        name: row.column,
        dataType: row.data_type,
        isNullable: row.nullable === "YES",
        isAutoIncrementing: false,
        hasDefaultValue: row.def !== null,
      });
    }
    return [...tables.values()];
  }
  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

export class DuckDBDialect implements Dialect {
  constructor(private readonly conn: DuckDBConnection, private readonly queue: SerialQueue) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new DuckDBDriver(this.conn, this.queue);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new DuckDBIntrospector(db);
  }
}
