// Discovers the SQL models (one select per file, file name = table name), orders them by the tables
// their SQL reads, and builds them: sql/staging and sql/marts as tables, sql/analyst as views.
// A model's first comment lines may say how it is kept:
//   -- materialized: view              a view even in staging/marts (readers each take their slice)
//   -- incremental: col1, col2         rows of one (col1, col2) value depend only on input rows with
//                                      that value: a build can replace just the changed ones (see
//                                      incremental.ts); a full build runs the same select on everything
import { promises as fs } from "node:fs";
import path from "node:path";
import { ModelError } from "./errors.ts";
import type { Logger } from "./logger.ts";
import { buildIncrementally, type ModelBuild } from "./incremental.ts";
import { tableRefs } from "./sql-text.ts";
import type { Warehouse } from "./warehouse.ts";

export interface Model {
  /** schema.name, e.g. marts.rankings */
  name: string;
  schema: string;
  table: string;
  file: string;
  sql: string;
  materialized: "table" | "view";
  /** Partition columns from `-- incremental:`; absent for models always rebuilt whole. */
  incremental?: string[];
  dependsOn: string[];
}

/** `-- key: value` lines among the comment lines a model file starts with. */
export function modelDirectives(sqlText: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of sqlText.split("\n")) {
    const t = line.trim();
    if (!t.startsWith("--")) break;
    const m = /^--\s*(materialized|incremental)\s*:\s*(.+?)\s*$/i.exec(t);
    if (m) out[m[1]!.toLowerCase()] = m[2]!;
  }
  return out;
}

const LAYERS = [
  { dir: "staging", materialized: "table" },
  { dir: "marts", materialized: "table" },
  { dir: "analyst", materialized: "view" },
] as const;

/** The schema-qualified tables a query reads, e.g. ["staging.stg_targets"]. */
export function referencedTables(sqlText: string): string[] {
  return tableRefs(sqlText);
}

export async function discoverModels(sqlDir: string): Promise<Model[]> {
  const models: Model[] = [];
  for (const layer of LAYERS) {
    const dir = path.join(sqlDir, layer.dir);
    const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".sql")).sort();
    for (const f of files) {
      const sqlText = (await fs.readFile(path.join(dir, f), "utf8")).trim().replace(/;\s*$/, "");
      const table = f.slice(0, -4);
      const file = path.join(layer.dir, f);
      const d = modelDirectives(sqlText);
      const materialized = d.materialized ?? layer.materialized;
      if (materialized !== "table" && materialized !== "view") throw new ModelError(`${layer.dir}.${table}`, `${file}: materialized must be table or view, not "${materialized}"`);
      const incremental = d.incremental?.split(",").map((c) => c.trim().toLowerCase()).filter(Boolean);
      if (incremental && (materialized !== "table" || incremental.some((c) => !/^[a-z_][a-z0-9_]*$/.test(c)))) {
        throw new ModelError(`${layer.dir}.${table}`, `${file}: incremental needs a table and column names, e.g. -- incremental: region_code, indicator_code`);
      }
      models.push({ name: `${layer.dir}.${table}`, schema: layer.dir, table, file, sql: sqlText, materialized, incremental, dependsOn: [] });
    }
  }
  const names = new Set(models.map((m) => m.name));
  for (const m of models) {
    m.dependsOn = referencedTables(m.sql).filter((t) => names.has(t) && t !== m.name);
    if (referencedTables(m.sql).includes(m.name)) throw new ModelError(m.name, `${m.file} reads its own table; a model cannot depend on itself`);
  }
  return orderModels(models);
}

/** Topological order (stable by name); a cycle is a ModelError naming the models in it. */
export function orderModels(models: Model[]): Model[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const state = new Map<string, "visiting" | "done">();
  const out: Model[] = [];
  const visit = (m: Model, trail: string[]) => {
    if (state.get(m.name) === "done") return;
    if (state.get(m.name) === "visiting") {
      throw new ModelError(m.name, `dependency cycle: ${[...trail.slice(trail.indexOf(m.name)), m.name].join(" → ")}`);
    }
    state.set(m.name, "visiting");
    for (const d of m.dependsOn) visit(byName.get(d)!, [...trail, m.name]);
    state.set(m.name, "done");
    out.push(m);
  };
  for (const m of [...models].sort((a, b) => a.name.localeCompare(b.name))) visit(m, []);
  return out;
}

/**
 * Builds the models in order. `full` rebuilds every model from scratch; otherwise each is rebuilt,
 * refreshed slice by slice or skipped as its inputs require, and a build that stopped half-way is
 * redone whole by the next one (incremental.ts).
 */
export async function buildModels(
  wh: Warehouse, models: readonly Model[], logger: Logger, onBuilt?: (done: number, total: number, model: string) => void,
  opts: { full?: boolean } = {},
): Promise<{ built: number; timings: ModelBuild[] }> {
  const timings = await buildIncrementally(wh, models, logger, { full: opts.full, onBuilt });
  return { built: timings.filter((t) => t.mode !== "skipped").length, timings };
}

/** Each model's time and how it was built (full, incremental, skipped, view) as `model:<name>` rows of the run log, after the models step. */
export async function recordModelSteps(wh: Warehouse, runId: number, started: Date, timings: readonly ModelBuild[]): Promise<void> {
  let at = started.getTime();
  const rows = timings.map((t) => {
    const row = [runId, `model:${t.model}`, new Date(at).toISOString().replace("T", " ").replace("Z", ""), t.ms, t.detail ? `${t.mode}: ${t.detail}` : t.mode, null] as const;
    at += t.ms;
    return row;
  });
  // The log is a convenience: failing to write it must not fail the run.
  await wh.append("meta", "run_steps", rows).catch(() => undefined);
}
