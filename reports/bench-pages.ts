// Page generation benchmark on a published warehouse (default target/warehouse.duckdb, built by
// `npm start`): loads the data once, then writes the whole site into a fresh temporary folder (cold:
// every page rendered and written), writes it again (warm: nothing changed, so nothing rendered or
// written) and, for comparison, renders every page in this thread alone. Prints pages per second.
//   npm run bench:pages [-- path/to/warehouse.duckdb]
import { promises as fs, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Warehouse } from "../pipelines/warehouse.ts";
import type { PageJob } from "./page-jobs.ts";
import { renderPage } from "./render-page.ts";
import { poolSize } from "./render-pool.ts";
import { loadSite, planSite, writeJobs } from "./site.ts";
import { readSiteConfig } from "./site-config.ts";

const file = process.argv[2] ?? "target/warehouse.duckdb";
const scope = process.argv[3] ?? "330000";

const write = async (p: string, content: string) => {
  await fs.mkdir(path.dirname(p), { recursive: true });
  await fs.writeFile(p, content);
};

function line(label: string, files: number, ms: number, extra = ""): void {
  console.log(`${label.padEnd(34)} ${String(files).padStart(6)} files  ${(ms / 1000).toFixed(2).padStart(6)} s  ${Math.round(files / (ms / 1000)).toString().padStart(6)} files/s${extra}`);
}

const wh = await Warehouse.open(file, { readOnly: true });
const settings = readSiteConfig();
let t = performance.now();
const loaded = await loadSite((q, p) => wh.all(q, p as never), { scopeProvince: scope, settings });
const loadMs = performance.now() - t;
await wh.close();
t = performance.now();
const jobs: PageJob[] = planSite(loaded.data, { generatedAt: new Date(), claims: loaded.claims, extras: loaded.extras, settings });
const planMs = performance.now() - t;
const html = jobs.filter((j) => j.path.endsWith(".html")).length;
console.log(`warehouse ${file}: ${html} HTML pages + ${jobs.length - html} CSV files; load ${(loadMs / 1000).toFixed(2)} s, plan ${(planMs / 1000).toFixed(2)} s; ${poolSize()} core(s)`);

const dir = mkdtempSync(path.join(os.tmpdir(), "weici-bench-"));
try {
  t = performance.now();
  const cold = await writeJobs(jobs, { outDir: dir, writeFile: write });
  const coldMs = performance.now() - t;
  line("cold (render + write everything)", cold.written, coldMs, `  (${Math.round(html / (coldMs / 1000))} HTML pages/s)`);

  t = performance.now();
  const warm = await writeJobs(jobs, { outDir: dir, writeFile: write });
  line("warm (nothing changed)", warm.pages, performance.now() - t, `  (${warm.written} written)`);

  t = performance.now();
  for (const job of jobs) renderPage(job);
  line("render only, one thread", jobs.length, performance.now() - t);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
