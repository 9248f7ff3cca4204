// Loads one planned CSV into a raw table with DuckDB's read_csv (bulk, parallel), keeping each row's
// line number; lines the reader rejects (too many columns, broken quotes) go to raw.source_quarantine.
import type { CsvPlan } from "../sources/csv.ts";
import { ident, literal, type Warehouse } from "./warehouse.ts";

export interface CsvLoadTarget<F extends string> {
  table: string;
  fields: readonly F[];
  load: { loadId: number; sourceId: string; file: string; regionScope: string | null };
  /** Values for fields the file has no column for, e.g. a unit written only in the header. */
  defaults?: Partial<Record<F, string>>;
}

export async function loadCsv<F extends string>(wh: Warehouse, utf8Path: string, plan: CsvPlan<F>, t: CsvLoadTarget<F>): Promise<{ rows: number; rejected: number }> {
  const n = plan.headers.length;
  const cols = Array.from({ length: n }, (_, i) => `'c${i}': 'VARCHAR'`).join(", ");
  await wh.exec("drop table if exists _rej; drop table if exists _rejscan;");
  await wh.exec(`
    create or replace temp table _csv as
    select row_number() over () as k, * from read_csv(${literal(utf8Path)}, header = false, skip = 1, auto_detect = false,
      delim = ${literal(plan.delimiter)}, quote = '"', escape = '"', columns = {${cols}}, null_padding = true,
      store_rejects = true, rejects_table = '_rej', rejects_scan = '_rejscan', max_line_size = 1048576)`);
  const rej = await wh.one<{ n: number }>("select count(*)::integer as n from _rej");
  const rejected = rej?.n ?? 0;
  // Rejected lines are missing from _csv, so a row's line is the k-th line after the header that was not rejected.
  const lines = rejected
    ? `(select l, row_number() over (order by l) as k from range(2, (select count(*) from _csv) + ${rejected} + 2) t(l)
         where l not in (select line from _rej)) lines`
    : `(select k + 1 as l, k from _csv) lines`;
  const { loadId, sourceId, file, regionScope } = t.load;
  const select = t.fields.map((f) => {
    const i = plan.match.columns[f];
    const d = t.defaults?.[f];
    const col = i === undefined ? "null" : `nullif(trim(c${i}), '')`;
    return d === undefined ? col : `coalesce(${col}, ${literal(d)})`;
  });
  const rawText = `concat_ws(${literal(plan.delimiter)}, ${Array.from({ length: n }, (_, i) => `coalesce(c${i}, '')`).join(", ")})`;
  await wh.exec(
    `insert into raw.${ident(t.table)} (load_id, source_id, file, sheet, row_number, region_scope, ${t.fields.map(ident).join(", ")}, raw)
     select ?, ?, ?, null, lines.l, ?, ${select.join(", ")}, ${rawText}
     from _csv join ${lines} using (k) order by lines.l`,
    [loadId, sourceId, file, regionScope],
  );
  if (rejected) {
    const nameOf = new Map(Object.entries(plan.match.columns).map(([f, i]) => [`c${i}`, f]));
    const rows = await wh.all<{ line: number; column_name: string | null; error_type: string; error_message: string; csv_line: string }>(
      "select line::integer as line, column_name, error_type, error_message, csv_line from _rej order by line",
    );
    await wh.append(
      "raw",
      "source_quarantine",
      rows.map((r) => [loadId, sourceId, file, null, r.line, (r.column_name && nameOf.get(r.column_name)) ?? "row",
        `malformed CSV line (${r.error_type.toLowerCase()}): ${r.error_message}; fix the line in the file`, r.csv_line]),
    );
  }
  const total = await wh.one<{ n: number }>("select count(*)::integer as n from _csv");
  await wh.exec("drop table if exists _csv; drop table if exists _rej; drop table if exists _rejscan;");
  return { rows: total?.n ?? 0, rejected };
}
