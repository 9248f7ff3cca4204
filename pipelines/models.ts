// Discovers the SQL models (one select per file, file name = table name), orders them by the tables
// their SQL reads, and builds them: sql/staging and sql/marts as tables, sql/analyst as views.
import { promises as fs } from "node:fs";
import path from "node:path";
import { ModelError } from "./errors.ts";
import type { Logger } from "./logger.ts";
import { ident, type Warehouse } from "./warehouse.ts";

export interface Model {
  /** schema.name, e.g. marts.rankings */
  name: string;
  schema: string;
  table: string;
  file: string;
  sql: string;
  materialized: "table" | "view";
  dependsOn: string[];
}

const LAYERS = [
  { dir: "staging", materialized: "table" },
  { dir: "marts", materialized: "table" },
  { dir: "analyst", materialized: "view" },
] as const;

/** The schema-qualified tables a query reads, e.g. ["staging.stg_targets"]. */
export function referencedTables(sqlText: string): string[] {
  const noComments = sqlText.replace(/--[^\n]*/g, "").replace(/'(?:[^']|'')*'/g, "''");
  const out = new Set<string>();
  for (const m of noComments.matchAll(/\b(raw|ref|meta|staging|marts|analyst)\s*\.\s*([a-z_][a-z0-9_]*)\b/gi)) {
    out.add(`${m[1]!.toLowerCase()}.${m[2]!.toLowerCase()}`);
  }
  return [...out];
}

export async function discoverModels(sqlDir: string): Promise<Model[]> {
  const models: Model[] = [];
  for (const layer of LAYERS) {
    const dir = path.join(sqlDir, layer.dir);
    const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".sql")).sort();
    for (const f of files) {
      const sqlText = (await fs.readFile(path.join(dir, f), "utf8")).trim().replace(/;\s*$/, "");
      const table = f.slice(0, -4);
      models.push({ name: `${layer.dir}.${table}`, schema: layer.dir, table, file: path.join(layer.dir, f), sql: sqlText, materialized: layer.materialized, dependsOn: [] });
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

export async function buildModels(
  wh: Warehouse, models: readonly Model[], logger: Logger, onBuilt?: (done: number, total: number, model: string) => void,
): Promise<{ built: number; timings: { model: string; ms: number }[] }> {
  const timings: { model: string; ms: number }[] = [];
  for (const m of models) {
    const t0 = performance.now();
    const target = `${ident(m.schema)}.${ident(m.table)}`;
    try {
      await wh.exec(`create or replace ${m.materialized} ${target} as\n${m.sql}`);
    } catch (e) {
      throw new ModelError(m.name, `${(e as Error).message.split("\n")[0]}\n  in sql/${m.file}; fix the query and run again`, { cause: e });
    }
    const ms = performance.now() - t0;
    timings.push({ model: m.name, ms });
    logger.debug(`built ${m.name} in ${ms.toFixed(0)} ms`);
    onBuilt?.(timings.length, models.length, m.name);
  }
  return { built: models.length, timings };
}
