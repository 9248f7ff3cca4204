import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../pipelines/config.ts";
import { ModelError } from "../pipelines/errors.ts";
import { narrow } from "../pipelines/incremental.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { discoverModels, modelDirectives, referencedTables } from "../pipelines/models.ts";
import { runPipeline, SQL_DIR } from "../pipelines/run.ts";
import { Warehouse } from "../pipelines/warehouse.ts";
import { copyFixture, queryWarehouse } from "./helpers/fixture.ts";

function sqlTree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "weici-sql-"));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

describe("model dependencies", () => {
  it("reads the tables a query uses, ignoring comments and strings", () => {
    expect(referencedTables("-- uses marts.fake\nselect * from staging.a join marts.b on x = 'staging.c'")).toEqual(["staging.a", "marts.b"]);
  });
  it("orders models by what their SQL reads, not by file name", async () => {
    const dir = sqlTree({
      "staging/a_last.sql": "select * from staging.z_first",
      "staging/z_first.sql": "select 1 as x",
      "marts/m.sql": "select * from staging.a_last",
    });
    expect((await discoverModels(dir)).map((m) => m.name)).toEqual(["staging.z_first", "staging.a_last", "marts.m"]);
  });
  it("names the models of a dependency cycle", async () => {
    const dir = sqlTree({ "marts/a.sql": "select * from marts.b", "marts/b.sql": "select * from marts.a" });
    await expect(discoverModels(dir)).rejects.toThrow(ModelError);
    await expect(discoverModels(dir)).rejects.toThrow(/marts\.a → marts\.b → marts\.a/);
  });
  it("builds the project's analyst views after the marts they read", async () => {
    const names = (await discoverModels(SQL_DIR)).map((m) => m.name);
    expect(names.indexOf("analyst.rankings")).toBeGreaterThan(names.indexOf("marts.rankings"));
    expect(names.indexOf("marts.rankings")).toBeGreaterThan(names.indexOf("marts.growth"));
    expect(names.indexOf("marts.growth")).toBeGreaterThan(names.indexOf("marts.observations"));
  });
});

describe("model directives", () => {
  it("reads materialized and incremental from the first comment lines only", () => {
    expect(modelDirectives("-- incremental: region_code, indicator_code\n-- materialized: table\nselect 1\n-- materialized: view")).toEqual({
      incremental: "region_code, indicator_code", materialized: "table",
    });
  });
  it("ignores table names in comments and strings", () => {
    expect(referencedTables("select 'marts.x' as a, \"staging.y\" from marts.b -- raw.z")).toEqual(["marts.b"]);
  });
  it("narrows inputs that have the partition columns, inlining views", async () => {
    const dir = sqlTree({
      "staging/v.sql": "-- materialized: view\nselect * from staging.t where ok",
      "marts/m.sql": "-- incremental: region_code\nselect * from staging.v join ref.regions using (region_code) join ref.x using (k)",
    });
    const models = await discoverModels(dir);
    const m = models.find((x) => x.name === "marts.m")!;
    const columns = new Map([["staging.t", ["region_code", "ok"]], ["ref.regions", ["region_code", "name"]], ["ref.x", ["k"]]]);
    const sql = narrow(m.sql, m.incremental!, "_scope", new Map(models.map((x) => [x.name, x])), columns);
    expect(sql.replace(/\s+/g, " ").replace(/\( /g, "(").trim()).toBe(
      "select * from (select * from (select * from staging.t semi join _scope using (region_code)) where ok) join (select * from ref.regions semi join _scope using (region_code)) using (region_code) join ref.x using (k)",
    );
  });
});

describe("incremental builds", () => {
  /** Every staging and marts table, each sorted, as text. */
  const dump = async (warehouse: string) => {
    const tables = await queryWarehouse<{ t: string }>(warehouse,
      "select schema_name || '.' || table_name as t from duckdb_tables() where schema_name in ('staging', 'marts') order by 1");
    const out: Record<string, unknown> = {};
    for (const { t } of tables) out[t] = await queryWarehouse(warehouse, `select * from ${t} order by all`);
    return out;
  };

  it("refresh only the changed slices and end with exactly the tables a full rebuild makes", async () => {
    const dir = copyFixture("hangzhou-five-districts");
    try {
      const config = loadConfig(path.join(dir, "weici.config.json"));
      const logger = memoryLogger();
      await runPipeline(config, { logger, now: () => new Date("2026-07-15T02:00:00Z") });
      // A revised figure in the city file, a new district file (one key the city file also has, one new)
      // and a removed file: loads superseded, added and gone in one night.
      const city = path.join(dir, "history", "330100-杭州市.csv");
      writeFileSync(city, readFileSync(city, "utf8").replace("330102,上城区,高新技术企业数,家,2025,12,440", "330102,上城区,高新技术企业数,家,2025,12,445"));
      writeFileSync(path.join(dir, "history", "330108-滨江区.csv"),
        "地区代码,地区名称,指标名称,计量单位,年份,月份,数值\n330108,滨江区,高新技术企业数,家,2025,12,1100\n330108,滨江区,发明专利授权量,件,2025,12,77\n");
      rmSync(path.join(dir, "history", "330100-杭州市-2026.csv"));
      await runPipeline(config, { logger, now: () => new Date("2026-07-16T02:00:00Z") });
      const steps = await queryWarehouse<{ step: string; detail: string }>(config.warehouse,
        "select step, detail from analyst.run_steps where run_id = 2 and step like 'model:%'");
      const mode = (model: string) => steps.find((s) => s.step === `model:${model}`)?.detail.split(":")[0];
      expect([mode("staging.stg_submissions"), mode("marts.observations"), mode("marts.growth"), mode("marts.rankings")]).toEqual(
        ["incremental", "incremental", "incremental", "incremental"]);
      expect(mode("staging.stg_targets")).toBe("skipped");
      const incremental = await dump(config.warehouse);
      await runPipeline(config, { logger, now: () => new Date("2026-07-17T02:00:00Z"), force: true });
      expect(incremental).toEqual(await dump(config.warehouse));

      // A build that stopped half-way (here: its marker left in place) makes the next one rebuild everything.
      const wh = await Warehouse.open(path.join(config.workDir, "warehouse.duckdb"));
      await wh.exec("insert or replace into meta.model_state values ('(build in progress)', '', now()::timestamp)");
      await wh.close();
      writeFileSync(city, readFileSync(city, "utf8").replace("330102,上城区,高新技术企业数,家,2025,12,445", "330102,上城区,高新技术企业数,家,2025,12,450"));
      await runPipeline(config, { logger, now: () => new Date("2026-07-18T02:00:00Z") });
      const after = await queryWarehouse<{ detail: string }>(config.warehouse,
        "select detail from analyst.run_steps where run_id = 4 and step in ('model:staging.stg_submissions', 'model:marts.rankings')");
      expect(after.map((r) => r.detail)).toEqual(["full", "full"]);
      expect(logger.lines).toContain("warning: the last model build did not finish: building every model from scratch");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
