// The analyst views and their Parquet files are a contract read by DuckDB clients, pandas and R: codes
// are plain VARCHAR there (the build's ENUM types stay inside the build), so a copy of a view takes new
// codes and the README's queries run as written.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../pipelines/config.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { runPipeline } from "../pipelines/run.ts";
import { Warehouse } from "../pipelines/warehouse.ts";
import { copyFixture, queryWarehouse } from "./helpers/fixture.ts";

const README = fileURLToPath(new URL("../README.md", import.meta.url));

/** The statements of the README's ```sql blocks, comments kept, as an analyst would paste them. */
function readmeQueries(): string[] {
  const text = readFileSync(README, "utf8");
  return [...text.matchAll(/```sql\n([\s\S]*?)```/g)]
    .flatMap((m) => m[1]!.split(/;\s*(?:\n|$)/))
    .map((q) => q.trim())
    .filter((q) => q.split("\n").some((l) => l.trim() && !l.trim().startsWith("--")));
}

describe("analyst contract types", () => {
  let warehouse: string;
  let parquetDir: string;
  beforeAll(async () => {
    const dir = copyFixture("hangzhou-five-districts");
    const config = loadConfig(path.join(dir, "weici.config.json"));
    await runPipeline(config, { logger: memoryLogger(), now: () => new Date("2026-07-15T02:00:00Z") });
    warehouse = config.warehouse;
    parquetDir = config.parquetDir;
  });

  it("exposes no ENUM column in any analyst view, while the marts keep theirs", async () => {
    const cols = await queryWarehouse<{ view: string; column: string; type: string }>(warehouse,
      `select table_name as view, column_name as column, data_type as type from duckdb_columns()
       where schema_name = 'analyst' order by all`);
    expect(cols.length).toBeGreaterThan(100);
    expect(cols.filter((c) => c.type.startsWith("ENUM"))).toEqual([]);
    expect(cols.find((c) => c.view === "rankings" && c.column === "region_code")?.type).toBe("VARCHAR");
    // The optimisation is still there underneath: the mart stores codes as ENUMs.
    const [mart] = await queryWarehouse<{ type: string }>(warehouse,
      "select data_type as type from duckdb_columns() where schema_name = 'marts' and table_name = 'rankings' and column_name = 'region_code'");
    expect(mart?.type).toMatch(/^ENUM/);
  });

  it("lets a copy of a view take a region code the warehouse has never seen", async () => {
    const db = await Warehouse.open(":memory:");
    try {
      await db.exec(`attach '${warehouse.replaceAll("'", "''")}' as w (read_only)`);
      await db.exec("create table mine as select * from w.analyst.rankings");
      await db.exec(`insert into mine (peer_group_id, peer_group_name, indicator_code, year, month, basis, region_code, value, rank)
        values ('custom:试点', '试点', 'my_new_indicator', 2026, 6, 'value', '339999', 1, 1)`);
      const rows = await db.all<{ region_code: string; indicator_code: string }>(
        "select region_code, indicator_code from mine where region_code = '339999'");
      expect(rows).toEqual([{ region_code: "339999", indicator_code: "my_new_indicator" }]);
      const types = await db.all<{ type: string }>("select distinct data_type as type from duckdb_columns() where table_name = 'mine' and column_name like '%code'");
      expect(types).toEqual([{ type: "VARCHAR" }]);
    } finally {
      await db.close();
    }
  });

  it("writes Parquet files whose code columns are plain strings", async () => {
    const db = await Warehouse.open(":memory:");
    try {
      const file = path.join(parquetDir, "rankings.parquet").replaceAll("'", "''");
      const schema = await db.all<{ name: string; type: string | null; logical: string | null }>(
        `select name, type, logical_type::varchar as logical from parquet_schema('${file}') where name in ('region_code', 'indicator_code', 'basis')`);
      expect(schema).toHaveLength(3);
      for (const c of schema) expect({ name: c.name, type: c.type }).toEqual({ name: c.name, type: "BYTE_ARRAY" });
      const [d] = await db.all<{ type: string }>(`select column_type as type from (describe select region_code from read_parquet('${file}'))`);
      expect(d?.type).toBe("VARCHAR");
    } finally {
      await db.close();
    }
  });

  it("runs every query of the README unchanged, and the ranking example finds rows", async () => {
    const queries = readmeQueries();
    expect(queries.length).toBeGreaterThanOrEqual(5);
    for (const q of queries) await expect(queryWarehouse(warehouse, q), q).resolves.toBeInstanceOf(Array);
    const ranking = queries.find((q) => q.includes("from analyst.rankings r join analyst.regions"))!;
    const rows = await queryWarehouse<{ rank: number | bigint; name: string }>(warehouse, ranking);
    expect(rows.length).toBeGreaterThan(0);
    expect(Number(rows[0]!.rank)).toBe(1);
  });
});
