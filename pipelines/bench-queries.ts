// The README's example queries timed two ways on one published warehouse: through the analyst views
// (plain VARCHAR codes, what analysts query) and through the same views' SQL over the marts' ENUM
// columns (what the views cost before issue 15). Median of `repeats` runs each, one connection.
import { promises as fs } from "node:fs";
import path from "node:path";
import { projectPath } from "./paths.ts";
import type { Warehouse } from "./warehouse.ts";

export interface QueryTiming { name: string; rows: number; varcharMs: number; enumMs: number }

/** Queries the README does not list but analysts write: a group by the code over the biggest view. */
const EXTRA = { "group-by-region": "select region_code, count(*) as n, avg(rank) as mean_rank from analyst.rankings group by region_code" };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** Temp views enum_<name> holding each analyst view's own SQL (ENUM codes), analyst.x rewritten to enum_x. */
async function createEnumViews(wh: Warehouse): Promise<void> {
  const dir = projectPath("sql", "analyst");
  const pending = new Map<string, string>();
  for (const f of (await fs.readdir(dir)).filter((f) => f.endsWith(".sql"))) {
    pending.set(path.basename(f, ".sql"), (await fs.readFile(path.join(dir, f), "utf8")).replace(/\banalyst\.(\w+)/g, "enum_$1"));
  }
  // Views reading other analyst views are created after them: retry until no view can be added.
  while (pending.size) {
    let added = 0;
    for (const [name, sql] of pending) {
      try {
        await wh.exec(`create or replace temp view enum_${name} as\n${sql}`);
        pending.delete(name);
        added++;
      } catch {
        // depends on a view not created yet
      }
    }
    if (!added) throw new Error(`bench: cannot create ENUM twins of ${[...pending.keys()].join(", ")}`);
  }
}

export async function timeQueries(wh: Warehouse, repeats = 5): Promise<QueryTiming[]> {
  await createEnumViews(wh);
  const dir = projectPath("sql", "examples");
  const queries: [string, string][] = [];
  for (const f of (await fs.readdir(dir)).filter((f) => f.endsWith(".sql")).sort()) {
    const sql = await fs.readFile(path.join(dir, f), "utf8");
    if (/\banalyst\.(runs|run_steps|loads)\b/.test(sql)) continue; // the run log: no ENUM columns
    queries.push([path.basename(f, ".sql"), sql]);
  }
  queries.push(...Object.entries(EXTRA));
  const out: QueryTiming[] = [];
  for (const [name, sql] of queries) {
    const run = async (text: string) => {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < repeats; i++) {
        const t0 = performance.now();
        rows = (await wh.all(text)).length;
        times.push(performance.now() - t0);
      }
      return { ms: median(times), rows };
    };
    const plain = await run(sql);
    const enums = await run(sql.replace(/\banalyst\.(\w+)/g, "enum_$1"));
    out.push({ name, rows: plain.rows, varcharMs: plain.ms, enumMs: enums.ms });
  }
  return out;
}
