// Decides, model by model, how much of the warehouse a build has to redo, and does it. A model is
// rebuilt whole when its definition changed (its SQL, the DDL macros, a reference table it reads, or
// the definition of a model it reads), skipped when none of its inputs changed, and refreshed slice
// by slice when it declares `-- incremental: <columns>` and its inputs changed only in some slices.
//
// What changed flows down as "deltas": for raw.submission_rows the loads (files) whose rows differ from
// staging; for an incremental model the (region_code, indicator_code) pairs whose rows differ after its
// refresh (old rows EXCEPT new rows, both ways), so a reloaded city file whose figures are all the same
// but one changes one pair's growth and one indicator's rankings, not the country's. Other raw tables
// count as changed when the loads they hold changed; meta.* tables are lookups keyed by load and
// never trigger anything; ref.* tables are part of the definition.
//
// A refresh of model M over a scope S of partition values runs M's own SQL with every input that has
// the partition columns narrowed to S (views are inlined and narrowed the same way), then replaces M's
// rows in S. The SQL is the one a full build runs: an incremental model only promises that rows of one
// partition depend on input rows of that partition alone.
//
// Each model commits on its own: a model reading tables written earlier in the same transaction reads
// them on one thread, which made a one-transaction national build twice as slow. Deltas live only as
// long as the build, so a build that stops half-way (an error, a kill) leaves a marker, and the next
// build redoes every model from scratch.
import { createHash } from "node:crypto";
import { DDL } from "./ddl.ts";
import { ModelError } from "./errors.ts";
import type { Logger } from "./logger.ts";
import { createModelTypes } from "./model-types.ts";
import type { Model } from "./models.ts";
import { replaceTables, stripComments, tableRefs } from "./sql-text.ts";
import { ident, type Warehouse } from "./warehouse.ts";

/** none: unchanged; all: anything may have changed; loads/pairs: only these, listed in a temp table. */
export type Delta =
  | { kind: "none" }
  | { kind: "all" }
  | { kind: "loads"; table: string }
  | { kind: "pairs"; table: string; columns: string[] };

export interface ModelBuild {
  model: string;
  ms: number;
  /** full, incremental, skipped or view */
  mode: string;
  detail: string | null;
}

/** The columns deltas are kept in: what a partition of an incremental model may be made of. */
const SLICE_COLUMNS = ["region_code", "indicator_code"];
const STATE_TABLE = "meta.model_state";
/** The state row present while a build runs: found at the start of a build, the last one did not finish. */
const IN_PROGRESS = "(build in progress)";

const sha = (parts: readonly string[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\0");
  return h.digest("hex");
};

export async function buildIncrementally(
  wh: Warehouse, models: readonly Model[], logger: Logger,
  opts: { full?: boolean; onBuilt?: (done: number, total: number, model: string) => void } = {},
): Promise<ModelBuild[]> {
  await wh.exec(`create table if not exists ${STATE_TABLE} (name varchar primary key, fingerprint varchar, updated_at timestamp)`);
  const stored = new Map((await wh.all<{ name: string; fingerprint: string }>(`select name, fingerprint from ${STATE_TABLE}`)).map((r) => [r.name, r.fingerprint]));
  const full = opts.full === true || stored.has(IN_PROGRESS);
  if (stored.has(IN_PROGRESS) && !opts.full) logger.warn("the last model build did not finish: building every model from scratch");
  await wh.exec(`insert or replace into ${STATE_TABLE} values (?, '', now()::timestamp)`, [IN_PROGRESS]);
  const byName = new Map(models.map((m) => [m.name, m]));
  const columns = await tableColumns(wh);
  const refHashes = await refTableHashes(wh);
  const typesHash = await createModelTypes(wh);
  const rawNow = await rawFingerprints(wh);

  const definitions = new Map<string, string>();
  const deltas = new Map<string, Delta>();
  const builds: ModelBuild[] = [];
  const temps: string[] = [];
  const temp = (what: string) => {
    temps.push(`_${what}_${temps.length + 1}`);
    return temps[temps.length - 1]!;
  };

  const definition = (m: Model): string => {
    const refs = tableRefs(m.sql);
    return sha([DDL, typesHash, m.schema === "analyst" ? PLAIN_CONTRACT : "", m.materialized, m.incremental?.join(",") ?? "", m.sql,
      ...refs.filter((t) => t.startsWith("ref.")).map((t) => `${t}=${refHashes.get(t) ?? ""}`),
      ...m.dependsOn.map((d) => `${d}=${definitions.get(d)}`)]);
  };

  /** The delta of one input of `m`, seen from `m`. */
  const inputDelta = async (m: Model, input: string): Promise<Delta> => {
    if (byName.has(input)) return deltas.get(input) ?? { kind: "all" };
    if (input.startsWith("ref.") || input.startsWith("meta.")) return { kind: "none" };
    if (input.startsWith("raw.")) {
      if (stored.get(input) === rawNow.get(input)) return { kind: "none" };
      if (input === "raw.submission_rows" && m.incremental?.join(",") === "load_id") return changedLoads(wh, m, temp("loads"));
      return { kind: "all" };
    }
    return { kind: "all" };
  };

  for (const m of models) {
    const t0 = performance.now();
    const target = `${ident(m.schema)}.${ident(m.table)}`;
    const def = definition(m);
    definitions.set(m.name, def);
    let mode = "full";
    let detail: string | null = null;
    try {
      const exists = columns.has(m.name);
      if (full || stored.get(m.name) !== def || !exists) {
        await fullBuild(wh, m, target);
        deltas.set(m.name, { kind: "all" });
        mode = m.materialized === "view" ? "view" : "full";
      } else {
        const inputs = await Promise.all(tableRefs(m.sql).filter((t) => t !== m.name).map(async (t) => [t, await inputDelta(m, t)] as const));
        const changed = inputs.filter(([, d]) => d.kind !== "none");
        if (changed.length === 0) {
          deltas.set(m.name, { kind: "none" });
          mode = "skipped";
        } else if (m.materialized === "view") {
          // A view holds no rows: what changed under it is what changed in it.
          deltas.set(m.name, combine(changed.map(([, d]) => d)));
          mode = "view";
        } else {
          const scope = await scopeOf(wh, m, changed.map(([, d]) => d), temp("scope"));
          if (scope === undefined) {
            await fullBuild(wh, m, target);
            deltas.set(m.name, { kind: "all" });
            detail = `inputs changed: ${changed.map(([t]) => t).join(", ")}`;
          } else {
            const r = await refresh(wh, m, target, scope, byName, columns, temp);
            deltas.set(m.name, r.delta);
            mode = "incremental";
            detail = `${r.slices} slice(s) of ${m.incremental!.join(", ")}, ${r.rows} row(s) replaced, ${r.changedPairs ?? "?"} changed`;
          }
        }
      }
    } catch (e) {
      if (e instanceof ModelError) throw e;
      throw new ModelError(m.name, `${(e as Error).message.split("\n")[0]}\n  in sql/${m.file}; fix the query and run again`, { cause: e });
    }
    const ms = performance.now() - t0;
    builds.push({ model: m.name, ms, mode, detail });
    logger.debug(`${mode === "skipped" ? "skipped" : "built"} ${m.name} (${mode}${detail ? `: ${detail}` : ""}) in ${ms.toFixed(0)} ms`);
    opts.onBuilt?.(builds.length, models.length, m.name);
  }

  // Remember what the tables are now built from (and that the build finished).
  const now = new Date().toISOString().replace("T", " ").replace("Z", "");
  const rows = [...definitions, ...rawNow].map(([name, fp]) => [name, fp, now] as const);
  await wh.transaction(async () => {
    await wh.exec(`delete from ${STATE_TABLE}`);
    await wh.append("meta", "model_state", rows);
  });
  for (const t of temps) await wh.exec(`drop table if exists ${t}`);
  return builds;
}

async function fullBuild(wh: Warehouse, m: Model, target: string): Promise<void> {
  await dropOtherKind(wh, m);
  await wh.exec(`create or replace ${m.materialized} ${target} as\n${m.sql}`);
  if (m.schema === "analyst") await plainContract(wh, m, target);
}

/** Changes when the way analyst views are wrapped changes, so existing warehouses get the new views. */
const PLAIN_CONTRACT = "analyst views expose plain types v1";

/**
 * The ENUM types of model-types.ts stay inside the build: an analyst view that would expose one is
 * made again with those columns cast to VARCHAR (same names, same order). A copy of a view is then
 * a table a user can add new codes to, and pandas or R see plain strings, not categoricals.
 */
async function plainContract(wh: Warehouse, m: Model, target: string): Promise<void> {
  const enums = await wh.all<{ name: string }>(
    `select column_name as name from duckdb_columns()
     where database_name = current_database() and schema_name = ? and table_name = ? and data_type like 'ENUM(%'
     order by column_index`,
    [m.schema, m.table],
  );
  if (enums.length === 0) return;
  const casts = enums.map((c) => `${ident(c.name)}::varchar as ${ident(c.name)}`).join(", ");
  await wh.exec(`create or replace ${m.materialized} ${target} as\nselect * replace (${casts}) from (\n${m.sql}\n)`);
}

/** A model that turned from a table into a view (or back) must drop the old object: CREATE OR REPLACE cannot change its kind. */
async function dropOtherKind(wh: Warehouse, m: Model): Promise<void> {
  const found = await wh.one<{ kind: string }>(
    `select 'table' as kind from duckdb_tables() where database_name = current_database() and schema_name = ? and table_name = ?
     union all
     select 'view' from duckdb_views() where database_name = current_database() and schema_name = ? and view_name = ?`,
    [m.schema, m.table, m.schema, m.table],
  );
  if (found && found.kind !== m.materialized) await wh.exec(`drop ${found.kind} ${ident(m.schema)}.${ident(m.table)}`);
}

function combine(ds: Delta[]): Delta {
  if (ds.some((d) => d.kind === "all" || d.kind === "loads")) return { kind: "all" };
  const pairs = ds.filter((d): d is Extract<Delta, { kind: "pairs" }> => d.kind === "pairs");
  if (pairs.length === 1) return pairs[0]!;
  const cols = SLICE_COLUMNS.filter((c) => pairs.every((p) => p.columns.includes(c)));
  if (cols.length === 0) return { kind: "all" };
  return { kind: "pairs", table: `(${pairs.map((p) => `select distinct ${cols.join(", ")} from ${p.table}`).join(" union ")})`, columns: cols };
}

/** The partition values to refresh, in a temp table; undefined when the inputs changed in a way the partition cannot follow. */
async function scopeOf(wh: Warehouse, m: Model, changed: Delta[], table: string): Promise<{ table: string; columns: string[] } | undefined> {
  const cols = m.incremental;
  if (!cols || changed.some((d) => d.kind === "all")) return undefined;
  if (cols.join(",") === "load_id") {
    if (!changed.every((d) => d.kind === "loads")) return undefined;
    await wh.exec(`create or replace temp table ${table} as ${changed.map((d) => `select load_id from ${(d as { table: string }).table}`).join(" union ")}`);
    return { table, columns: cols };
  }
  if (!changed.every((d) => d.kind === "pairs" && cols.every((c) => d.columns.includes(c)))) return undefined;
  await wh.exec(`create or replace temp table ${table} as
    ${changed.map((d) => `select ${cols.join(", ")} from ${(d as { table: string }).table}`).join(" union ")}`);
  return { table, columns: cols };
}

/** Loads whose rows (or superseded state) differ between raw.submission_rows and the model built from it. */
async function changedLoads(wh: Warehouse, m: Model, table: string): Promise<Delta> {
  const target = `${ident(m.schema)}.${ident(m.table)}`;
  const state = (t: string) => `select distinct load_id, superseded_at from ${t}`;
  await wh.exec(`create or replace temp table ${table} as
    select distinct load_id from (
      (${state("raw.submission_rows")} except ${state(target)})
      union all
      (${state(target)} except ${state("raw.submission_rows")}))`);
  return { kind: "loads", table };
}

async function refresh(
  wh: Warehouse, m: Model, target: string, scope: { table: string; columns: string[] }, byName: ReadonlyMap<string, Model>,
  columns: ReadonlyMap<string, string[]>, temp: (what: string) => string,
): Promise<{ delta: Delta; slices: number; rows: number; changedPairs?: number }> {
  const slices = (await wh.one<{ n: number }>(`select count(*)::integer as n from ${scope.table}`))!.n;
  if (slices === 0) return { delta: { kind: "none" }, slices, rows: 0 };
  const cols = scope.columns;
  const narrowed = narrow(m.sql, cols, scope.table, byName, columns);
  const fresh = temp("new");
  const old = temp("old");
  await wh.exec(`create or replace temp table ${fresh} as\n${narrowed}`);
  await wh.exec(`create or replace temp table ${old} as select * from ${target} semi join ${scope.table} using (${cols.join(", ")})`);
  const rows = await wh.transaction(async () => {
    await wh.exec(`delete from ${target} using ${scope.table} s where ${cols.map((c) => `${target}.${ident(c)} = s.${ident(c)}`).join(" and ")}`);
    return wh.change(`insert into ${target} select * from ${fresh}`);
  });
  const own = columns.get(m.name) ?? [];
  const dcols = SLICE_COLUMNS.filter((c) => own.includes(c));
  if (dcols.length === 0) return { delta: { kind: "all" }, slices, rows };
  const delta = temp("delta");
  await wh.exec(`create or replace temp table ${delta} as
    select distinct ${dcols.join(", ")} from (
      (select * from ${old} except all select * from ${fresh})
      union all
      (select * from ${fresh} except all select * from ${old}))`);
  const changedPairs = (await wh.one<{ n: number }>(`select count(*)::integer as n from ${delta}`))!.n;
  await wh.exec(`drop table ${fresh}; drop table ${old};`);
  return { delta: changedPairs ? { kind: "pairs", table: delta, columns: dcols } : { kind: "none" }, slices, rows, changedPairs };
}

/**
 * The model's SQL with every input that has all partition columns narrowed to the scope, views
 * inlined (and their inputs narrowed) so the narrowing reaches the tables under them.
 */
export function narrow(sql: string, cols: readonly string[], scope: string, byName: ReadonlyMap<string, Model>, columns: ReadonlyMap<string, string[]>): string {
  return replaceTables(stripComments(sql), (t) => {
    const model = byName.get(t);
    if (model?.materialized === "view") return `(${narrow(model.sql, cols, scope, byName, columns)})`;
    const has = columns.get(t);
    if (!has || !cols.every((c) => has.includes(c))) return undefined;
    return `(select * from ${t} semi join ${scope} using (${cols.join(", ")}))`;
  });
}

/** Columns of every table and view, by schema.name. */
async function tableColumns(wh: Warehouse): Promise<Map<string, string[]>> {
  const rows = await wh.all<{ t: string; c: string }>(
    `select schema_name || '.' || table_name as t, column_name as c from duckdb_columns() where database_name = current_database() order by column_index`,
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.t, [...(out.get(r.t) ?? []), r.c]);
  return out;
}

/** A hash of each ref table's content: a model reading one that changed is rebuilt whole. */
async function refTableHashes(wh: Warehouse): Promise<Map<string, string>> {
  const tables = await wh.all<{ name: string }>("select table_name as name from duckdb_tables() where database_name = current_database() and schema_name = 'ref'");
  const out = new Map<string, string>();
  for (const { name } of tables) {
    const row = await wh.one<{ h: string }>(`select md5(coalesce(string_agg(t::varchar, chr(10) order by t::varchar), '')) as h from ref.${ident(name)} t`);
    out.set(`ref.${name}`, row?.h ?? "");
  }
  return out;
}

/**
 * What each raw table holds, summarised by the loads in it (rows of a load never change, only their
 * superseded state): cheap to compute on millions of rows, and equal exactly when the content is.
 */
async function rawFingerprints(wh: Warehouse): Promise<Map<string, string>> {
  const tables = await wh.all<{ name: string; superseded: boolean }>(
    `select t.table_name as name, bool_or(c.column_name = 'superseded_at') as superseded
     from duckdb_tables() t join duckdb_columns() c using (database_name, schema_name, table_name)
     where t.database_name = current_database() and t.schema_name = 'raw' and c.column_name in ('load_id', 'superseded_at')
     group by all having bool_or(c.column_name = 'load_id')`,
  );
  const out = new Map<string, string>();
  for (const { name, superseded } of tables) {
    const row = await wh.one<{ h: string }>(
      `select md5(coalesce(string_agg(concat_ws(':', load_id, superseded_at, n), ',' order by load_id, superseded_at), '')) as h from (
         select load_id, ${superseded ? "superseded_at" : "null::timestamp as superseded_at"}, count(*) as n from raw.${ident(name)} group by all)`,
    );
    out.set(`raw.${name}`, row?.h ?? "");
  }
  return out;
}
