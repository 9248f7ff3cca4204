// Work the benchmark times in a separate process so its peak RSS is measured on its own:
// `bare` does the nightly build's work with bare DuckDB (read_csv + the same model SQL, no hashing,
// lineage bookkeeping, checks or publish); `pages` renders the whole site from a published warehouse;
// `queries` times the README's queries on the analyst views against their ENUM twins (bench-queries.ts).
import { promises as fs } from "node:fs";
import path from "node:path";
import { loadCatalog } from "../sources/catalog.ts";
import { loadRegions } from "../sources/regions.ts";
import { loadCompositeIndex } from "./composite-index.ts";
import { DDL } from "./ddl.ts";
import { createModelTypes } from "./model-types.ts";
import { discoverModels } from "./models.ts";
import { loadReference } from "./reference.ts";
import { SITE_MEMORY_LIMIT, SQL_DIR } from "./run.ts";
import { literal, Warehouse } from "./warehouse.ts";

const COLUMNS = `{'region_code': 'VARCHAR', 'region_name': 'VARCHAR', 'indicator_name': 'VARCHAR', 'unit': 'VARCHAR',
  'year': 'VARCHAR', 'month': 'VARCHAR', 'value': 'VARCHAR'}`;

const v = (names: string[]) => `{${names.map((n) => `'${n}': 'VARCHAR'`).join(", ")}}`;

async function bare(dbFile: string, dataDir: string, memoryLimit: string): Promise<void> {
  const utf8Glob = path.join(dataDir, "utf8", "*.csv");
  const wh = await Warehouse.open(dbFile, { memoryLimit });
  try {
    await wh.exec(DDL);
    const catalog = loadCatalog();
    await loadReference(wh, { regions: loadRegions(), catalog, runDate: new Date() });
    await loadCompositeIndex(wh, catalog);
    await wh.exec("insert into meta.loads values (1, 1, 'history', 'all', '', now()::timestamp, 0, 'loaded', null)");
    await wh.exec(`insert into raw.submission_rows (load_id, source_id, file, sheet, row_number, region_scope, region_code, region_name,
        indicator_name, unit, year, month, value, raw)
      select 1, 'history', filename, null, row_number() over (), null, region_code, region_name, indicator_name, unit, year, month, value, null
      from read_csv(${literal(utf8Glob)}, header = true, auto_detect = false, delim = ',', quote = '"', columns = ${COLUMNS}, filename = true)`);
    await wh.exec(`insert into raw.target_rows (load_id, source_id, file, row_number, region_code, region_name, year, indicator_name,
        target_kind, target_value, unit)
      select 1, 'targets', filename, row_number() over (), * exclude (filename)
      from read_csv(${literal(path.join(dataDir, "targets", "*.csv"))}, header = true, auto_detect = false, delim = ',', quote = '"', filename = true,
        columns = ${v(["region_code", "region_name", "year", "indicator_name", "target_kind", "target_value", "unit"])})`);
    await wh.exec(`insert into raw.peer_group_rows (load_id, source_id, file, row_number, group_name, region_code, region_name)
      select 1, 'peer-groups', filename, row_number() over (), * exclude (filename)
      from read_csv(${literal(path.join(dataDir, "peer-groups.csv"))}, header = true, auto_detect = false, delim = ',', quote = '"', filename = true,
        columns = ${v(["group_name", "region_code", "region_name"])})`);
    await createModelTypes(wh);
    for (const m of await discoverModels(SQL_DIR)) {
      const t0 = performance.now();
      await wh.exec(`create or replace ${m.materialized} ${m.schema}.${m.table} as\n${m.sql}`);
      if (process.env.WEICI_BENCH_VERBOSE) process.stderr.write(`bare: ${m.name} ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
    }
  } finally {
    await wh.close();
  }
}

async function pages(dbFile: string, outDir: string): Promise<void> {
  const { renderSite } = await import("../reports/site.ts");
  const wh = await Warehouse.open(dbFile, { readOnly: true, memoryLimit: SITE_MEMORY_LIMIT });
  const t0 = performance.now();
  try {
    const write = async (p: string, content: string) => {
      await fs.mkdir(path.dirname(p), { recursive: true });
      await fs.writeFile(p, content);
    };
    const r = await renderSite({ query: (q, p) => wh.all(q, p as never), outDir, writeFile: write, now: new Date() });
    process.stdout.write(`${JSON.stringify({ pages: r.pages, seconds: (performance.now() - t0) / 1000 })}\n`);
  } finally {
    await wh.close();
  }
}

async function queries(dbFile: string): Promise<void> {
  const { timeQueries } = await import("./bench-queries.ts");
  const wh = await Warehouse.open(dbFile, { readOnly: true });
  try {
    process.stdout.write(`${JSON.stringify(await timeQueries(wh))}\n`);
  } finally {
    await wh.close();
  }
}

const [mode, a, b, c] = process.argv.slice(2);
if (mode === "bare") await bare(a!, b!, c ?? "900MB");
else if (mode === "pages") await pages(a!, b!);
else if (mode === "queries") await queries(a!);
else throw new Error("usage: bench-child.ts bare <db> <utf8-csv-glob> [memory_limit] | pages <db> <out-dir> | queries <db>");
