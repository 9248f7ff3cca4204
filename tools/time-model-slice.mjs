// Times one model's SQL against a copy of a work warehouse (read-only), optionally narrowed to the
// regions whose code starts with a prefix, as an incremental refresh after one city's file narrows it.
// Usage: node tools/time-model-slice.mjs <warehouse.duckdb> <model.sql> [region prefix, e.g. 3301] [explain]
// Prints the median wall and CPU time of five builds into a temp table (2 threads, 1 GB), or DuckDB's
// EXPLAIN ANALYZE. On a shared machine the CPU time is the steadier figure.
import { readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";

const [db, sqlFile, prefix, mode] = process.argv.slice(2);
if (!db || !sqlFile) throw new Error("usage: node tools/time-model-slice.mjs <warehouse.duckdb> <model.sql> [region prefix] [explain]");
const inst = await DuckDBInstance.create(db, { access_mode: "READ_ONLY", threads: "2", memory_limit: "1GB" });
const c = await inst.connect();
let sql = readFileSync(sqlFile, "utf8").replace(/--.*$/gm, "");
if (prefix) sql = sql.replaceAll("staging.stg_observations", `(select * from staging.stg_observations where region_code::varchar like '${prefix}%')`);
if (mode === "explain") {
  const r = await c.runAndReadAll(`explain analyze create temp table t as ${sql}`);
  console.log(r.getRows().map((x) => x[1]).join("\n"));
} else {
  const times = [];
  const cpu = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await c.run(`create or replace temp table t as ${sql}`);
    const dc = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpu.push((dc.user + dc.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  const n = (await c.runAndReadAll("select count(*)::int from t")).getRows()[0][0];
  times.sort((a, b) => a - b);
  console.log(`${sqlFile}: median ${times[2].toFixed(0)} ms wall (min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)}), ${cpu[2].toFixed(0)} ms CPU, ${n} rows`);
}
