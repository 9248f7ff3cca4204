// Times twelve monthly resubmissions of the sample's 杭州 history file (one figure changed each time),
// so the cost of marts.observations_history can be compared between the first and the twelfth.
// Usage: npm run build && node tools/bench-resubmissions.mjs [runs=12] [--keep] [--snapshots]
// --snapshots copies the work warehouse after each run to <tmp>/after-<run>.duckdb (for tools/time-model-slice.mjs).
// Runs bin/weici.js (dist/) on a copy of data/sample in a temp project; prints, per run, the history
// model's ms, all models' ms (the `models` step) from the work warehouse's meta.run_steps, and wall time.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 12);
const tmp = mkdtempSync(path.join(os.tmpdir(), "weici-resub-"));
cpSync(path.join(ROOT, "data/sample"), path.join(tmp, "data/sample"), { recursive: true });
cpSync(path.join(ROOT, "samples/reports"), path.join(tmp, "samples/reports"), { recursive: true });
cpSync(path.join(ROOT, "weici.config.json"), path.join(tmp, "weici.config.json"));
const config = path.join(tmp, "weici.config.json");
const history = path.join(tmp, "data/sample/history");
const city = path.join(history, readdirSync(history).find((f) => f.startsWith("3301"))); // 杭州

function run() {
  const t0 = performance.now();
  execFileSync(process.execPath, ["--max-old-space-size=1024", path.join(ROOT, "bin/weici.js"), "run", "--no-site", "--config", config], { stdio: "ignore" });
  return performance.now() - t0;
}

async function steps() {
  const db = await DuckDBInstance.create(path.join(tmp, "target/work/warehouse.duckdb"), { access_mode: "READ_ONLY" });
  const c = await db.connect();
  const r = await c.runAndReadAll(`select
      (select ms from meta.run_steps where step = 'model:marts.observations_history' and run_id = m order by started_at desc limit 1) as history,
      (select ms from meta.run_steps where step = 'model:staging.stg_observations' and run_id = m order by started_at desc limit 1) as stg,
      (select ms from meta.run_steps where step = 'model:marts.observations' and run_id = m order by started_at desc limit 1) as obs,
      (select ms from meta.run_steps where step = 'models' and run_id = m order by started_at desc limit 1) as models,
      (select count(*) from marts.observations_history) as versions
    from (select max(run_id) as m from meta.run_steps)`);
  const row = r.getRowObjectsJS()[0];
  c.closeSync();
  db.closeSync();
  return row;
}

/** Rewrites one figure, as a corrected resubmission would (a different row each time). */
function changeOneFigure(i) {
  const lines = readFileSync(city, "utf8").split("\n");
  const k = 1 + ((i * 997) % (lines.length - 2));
  lines[k] = lines[k].replace(/,([\d.]+)(\r?)$/, (_m, v, cr) => `,${Number(v) + 1}${cr}`);
  writeFileSync(city, lines.join("\n"));
}

const fmt = (x) => (x == null ? "-" : Math.round(Number(x)).toString());
console.log("run\thistory_ms\tstg_obs_ms\tobservations_ms\tmodels_ms\twall_ms\tversions");
const wall0 = run();
let s = await steps();
console.log(`load\t${fmt(s.history)}\t${fmt(s.stg)}\t${fmt(s.obs)}\t${fmt(s.models)}\t${fmt(wall0)}\t${s.versions}`);
for (let i = 1; i <= runs; i++) {
  changeOneFigure(i);
  const wall = run();
  s = await steps();
  if (process.argv.includes("--snapshots")) cpSync(path.join(tmp, "target/work/warehouse.duckdb"), path.join(tmp, `after-${i}.duckdb`));
  console.log(`resub ${i}\t${fmt(s.history)}\t${fmt(s.stg)}\t${fmt(s.obs)}\t${fmt(s.models)}\t${fmt(wall)}\t${s.versions}`);
}
if (!process.argv.includes("--keep")) rmSync(tmp, { recursive: true, force: true });
else console.log(`kept ${tmp}`);
