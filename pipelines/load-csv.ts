// Loads one planned CSV into a raw table with DuckDB's read_csv (bulk, parallel), keeping each row's
// line number; lines the reader rejects (too many columns, broken quotes) go to raw.source_quarantine.
// Row numbers count as Excel shows the file: blank lines count, a quoted cell's line breaks do not.
import { promises as fs } from "node:fs";
import { parseLines } from "../sources/csv-lines.ts";
import type { CsvPlan } from "../sources/csv.ts";
import { SourceError } from "./errors.ts";
import { ident, literal, type Warehouse } from "./warehouse.ts";

export interface CsvLoadTarget<F extends string> {
  table: string;
  fields: readonly F[];
  load: { loadId: number; sourceId: string; file: string; regionScope: string | null };
  /** Values for fields the file has no column for, e.g. a unit written only in the header. */
  defaults?: Partial<Record<F, string>>;
}

/** The SQL pieces a load of files of one layout needs (columns c0..cN as read_csv names them). */
function layout<F extends string>(plan: CsvPlan<F>, t: Pick<CsvLoadTarget<F>, "fields" | "defaults">) {
  const n = plan.headers.length;
  const cols = Array.from({ length: n }, (_, i) => `'c${i}': 'VARCHAR'`).join(", ");
  const options = `header = false, skip = ${plan.headerRow}, auto_detect = false,
      delim = ${literal(plan.delimiter)}, quote = '"', escape = '"', columns = {${cols}}, null_padding = true,
      store_rejects = true, rejects_table = '_rej', rejects_scan = '_rejscan', max_line_size = 1048576`;
  const select = t.fields.map((f) => {
    const i = plan.match.columns[f];
    const d = t.defaults?.[f];
    const col = i === undefined ? "null" : `nullif(trim(c${i}), '')`;
    return d === undefined ? col : `coalesce(${col}, ${literal(d)})`;
  }).join(", ");
  // A line of only delimiters, spaces or tabs (Excel exports empty formatted rows as ",,,,,,") is blank, not a row.
  const blankTrim = (c: string) => `trim(${c}, ' ' || chr(9) || chr(13) || chr(12288))`;
  const notBlank = `(c0 is not null and ${blankTrim("c0")} <> '')${n > 1 ? ` or coalesce(${Array.from({ length: n - 1 }, (_, i) => `nullif(${blankTrim(`c${i + 1}`)}, '')`).join(", ")}) is not null` : ""}`;
  const rawText = `concat_ws(${literal(plan.delimiter)}, ${Array.from({ length: n }, (_, i) => `coalesce(c${i}, '')`).join(", ")})`;
  return { options, select, notBlank, rawText, key: `${options}\n${select}` };
}

/** Files with the same layout (delimiter, header row, columns) can load in one read_csv: see loadCsvBatch. */
export function layoutKey<F extends string>(plan: CsvPlan<F>, t: Pick<CsvLoadTarget<F>, "fields" | "defaults">): string {
  return layout(plan, t).key;
}

export interface BatchFile {
  utf8Path: string;
  loadId: number;
  file: string;
}

/**
 * Loads files of one layout, none with blank lines, with one read_csv over all of them: statements
 * per file spent most of their time starting up (national data: 341 files, 51 s against 19 s). A
 * row's line is its position in its file, counted from the global row number (read_csv keeps files
 * and lines in order). Returns the rows per load and the files with lines read_csv rejected: their
 * rows are taken out again, for the caller to load one by one (loadCsv numbers around rejected lines).
 */
export async function loadCsvBatch<F extends string>(
  wh: Warehouse, files: readonly BatchFile[], plan: CsvPlan<F>,
  t: Omit<CsvLoadTarget<F>, "load"> & { sourceId: string; regionScope: string | null },
): Promise<{ rows: Map<number, number>; rejectedFiles: BatchFile[] }> {
  const l = layout(plan, t);
  await wh.exec("drop table if exists _rej; drop table if exists _rejscan;");
  await wh.exec(`create or replace temp table _batch as select * from (values ${files.map((f) => `(${literal(f.utf8Path)}, ${f.loadId}::bigint, ${literal(f.file)})`).join(", ")}) t(path, load_id, file)`);
  try {
    await wh.exec(`insert into raw.${ident(t.table)} (load_id, source_id, file, sheet, row_number, region_scope, ${t.fields.map(ident).join(", ")}, raw)
      select b.load_id, ${literal(t.sourceId)}, b.file, null, k - min(k) over (partition by r.filename) + ${plan.headerRow + 1}, ${t.regionScope === null ? "null" : literal(t.regionScope)}, ${l.select}, ${l.rawText}
      from (select row_number() over () as k, * from read_csv([${files.map((f) => literal(f.utf8Path)).join(", ")}], ${l.options}, filename = true)) r
      join _batch b on b.path = r.filename
      where ${l.notBlank}`);
  } catch (e) {
    throw new SourceError(t.sourceId, `a batch of ${files.length} files could not be read together (${((e as Error).message ?? "").split("\n")[0]}); loading them one by one`, { cause: e });
  }
  const bad = new Set((await wh.all<{ path: string }>("select distinct s.file_path as path from _rej j join _rejscan s using (scan_id, file_id)")).map((r) => r.path));
  const rejectedFiles = files.filter((f) => bad.has(f.utf8Path));
  if (rejectedFiles.length) await wh.exec(`delete from raw.${ident(t.table)} where load_id in (${rejectedFiles.map((f) => f.loadId).join(", ")})`);
  const counts = await wh.all<{ load_id: number; n: number }>(
    `select load_id::bigint as load_id, count(*)::bigint as n from raw.${ident(t.table)} where load_id in (${files.map((f) => f.loadId).join(", ")}) group by 1`,
  );
  await wh.exec("drop table if exists _batch; drop table if exists _rej; drop table if exists _rejscan;");
  return { rows: new Map(counts.map((c) => [Number(c.load_id), Number(c.n)])), rejectedFiles };
}

/** Files the tolerant reader takes in memory; a larger file keeps what read_csv made of it. */
const MAX_TOLERANT_BYTES = 64 * 1024 * 1024;

/**
 * Loads a file read_csv cannot read line by line (see sources/csv-lines.ts) with the tolerant reader:
 * each line that cannot be read is quarantined alone, every other row lands as read_csv would land it.
 */
export async function loadCsvLines<F extends string>(wh: Warehouse, filePath: string, plan: CsvPlan<F>, t: CsvLoadTarget<F>): Promise<{ rows: number; rejected: number }> {
  const { loadId, sourceId, file, regionScope } = t.load;
  const size = (await fs.stat(filePath)).size;
  if (size > MAX_TOLERANT_BYTES) {
    throw new SourceError(sourceId, `${plan.tolerant?.why === "lone-cr" ? "has a lone CR line ending" : "mixes encodings"} and is ${Math.round(size / 1e6)} MB, too large to read line by line; save it again as CSV UTF-8`, { file });
  }
  const parsed = parseLines(await fs.readFile(filePath), {
    encoding: plan.tolerant?.encoding ?? "utf-8", delimiter: plan.delimiter, headerRow: plan.headerRow, columns: plan.headers.length,
  });
  const cols = await wh.all<{ n: number }>(`select count(*)::integer as n from information_schema.columns where table_schema = 'raw' and table_name = ${literal(t.table)}`);
  const extra = Number(cols[0]?.n ?? 0) - (6 + t.fields.length + 1);
  const cell = (v: string | undefined) => {
    const x = v?.replace(/^ +| +$/g, "");
    return x ? x : null;
  };
  const rows = parsed.records.map((r) => [
    loadId, sourceId, file, null, r.row, regionScope,
    ...t.fields.map((f) => {
      const i = plan.match.columns[f];
      return (i === undefined ? null : cell(r.fields[i])) ?? t.defaults?.[f] ?? null;
    }),
    r.raw, ...Array<null>(Math.max(0, extra)).fill(null),
  ]);
  await wh.append("raw", t.table, rows);
  await wh.append("raw", "source_quarantine", parsed.rejected.map((r) => [loadId, sourceId, file, null, r.row, r.field, r.reason, r.raw]));
  return { rows: rows.length, rejected: parsed.rejected.length };
}

export async function loadCsv<F extends string>(wh: Warehouse, utf8Path: string, plan: CsvPlan<F>, t: CsvLoadTarget<F>): Promise<{ rows: number; rejected: number }> {
  if (plan.tolerant) return loadCsvLines(wh, utf8Path, plan, t);
  const l = layout(plan, t);
  const { loadId, sourceId, file, regionScope } = t.load;
  const readCsv = (parallel: boolean) => `read_csv(${literal(utf8Path)}, ${l.options}${parallel ? "" : ", parallel = false"})`;
  /** Runs a statement reading the file, retrying without the parallel reader when only that one refuses it. */
  const reading = async <T>(run: (parallel: boolean) => Promise<T>): Promise<T> => {
    await wh.exec("drop table if exists _rej; drop table if exists _rejscan;");
    try {
      return await run(true);
    } catch (e) {
      // The parallel reader refuses short rows (null_padding) together with line breaks inside quotes.
      if (!/parallel=false/.test((e as Error).message)) throw unreadable(e, t.load);
      await wh.exec("drop table if exists _rej; drop table if exists _rejscan;");
      return run(false).catch((e2: unknown) => {
        throw unreadable(e2, t.load);
      });
    }
  };
  const insert = (lineOf: string, from: string) =>
    `insert into raw.${ident(t.table)} (load_id, source_id, file, sheet, row_number, region_scope, ${t.fields.map(ident).join(", ")}, raw)
     select ?, ?, ?, null, ${lineOf}, ?, ${l.select}, ${l.rawText}
     from ${from}
     where ${l.notBlank}`;
  const params = [loadId, sourceId, file, regionScope];
  const countRejected = async () => (await wh.one<{ n: number }>("select count(distinct line)::integer as n from _rej"))?.n ?? 0;

  // Fast path, nearly every file: no blank lines inside the data, so the k-th row read is line
  // headerRow + k. Straight from the reader into the table: one pass, no temp copy, no sort.
  if (plan.blankRows.length === 0) {
    const rows = await reading((parallel) =>
      wh.change(insert(`k + ${plan.headerRow}`, `(select row_number() over () as k, * from ${readCsv(parallel)})`), params));
    if ((await countRejected()) === 0) {
      await wh.exec("drop table if exists _rej; drop table if exists _rejscan;");
      return { rows, rejected: 0 };
    }
    // Lines were rejected, so later rows are numbered wrongly: take them out and number them below.
    await wh.exec(`delete from raw.${ident(t.table)} where load_id = ?`, [loadId]);
  }

  await reading((parallel) => wh.exec(`create or replace temp table _csv as select row_number() over () as k, * from ${readCsv(parallel)}`));
  const rejected = await countRejected();
  // A quote never closed makes read_csv swallow the lines after it into one rejected row: read the file
  // with the tolerant reader instead, so that the bad line costs only itself.
  const swallowed = rejected > 0 && (await wh.one<{ n: number }>("select count(*)::integer as n from _rej where csv_line like '%' || chr(10) || '%' and error_type ilike '%quote%'"))!.n > 0;
  if (swallowed && (await fs.stat(utf8Path)).size <= MAX_TOLERANT_BYTES) {
    await wh.exec("drop table if exists _csv; drop table if exists _rej; drop table if exists _rejscan;");
    return loadCsvLines(wh, utf8Path, plan, t);
  }
  const blanks = plan.blankRows;
  if (blanks.length) {
    await wh.exec("create or replace temp table _blank (l bigint)");
    for (let i = 0; i < blanks.length; i += 10_000) await wh.exec(`insert into _blank select unnest([${blanks.slice(i, i + 10_000).join(",")}])`);
  }
  // read_csv leaves out rejected and blank lines, so a row's line is the k-th line after the header that is neither.
  const first = plan.headerRow + 1;
  const lines = rejected || blanks.length
    ? `(select l, row_number() over (order by l) as k from range(${first}, ${first} + (select count(*) from _csv) + ${rejected + blanks.length}) t(l)
         where l not in (select line from _rej)${blanks.length ? " and l not in (select l from _blank)" : ""}) lines`
    : `(select k + ${plan.headerRow} as l, k from _csv) lines`;
  await wh.exec(`${insert("lines.l", `_csv join ${lines} using (k)`)}\n     order by lines.l`, params);
  if (rejected) {
    const nameOf = new Map(Object.entries(plan.match.columns).map(([f, i]) => [`c${i}`, f]));
    const rows = await wh.all<{ line: number; column_name: string | null; error_type: string; error_message: string; csv_line: string }>(
      "select line::integer as line, column_name, error_type, error_message, csv_line from _rej order by line, error_type",
    );
    // One quarantined row per line, however many problems the reader found on it.
    const byLine = new Map<number, typeof rows>();
    for (const r of rows) byLine.set(r.line, [...(byLine.get(r.line) ?? []), r]);
    await wh.append(
      "raw",
      "source_quarantine",
      [...byLine.values()].map((rs) => {
        const r = rs[0]!;
        const field = rs.length === 1 && r.column_name ? (nameOf.get(r.column_name) ?? "row") : "row";
        return [loadId, sourceId, file, null, r.line, field, `malformed CSV line: ${rs.map(problem).join("; ")}; fix the line in the file`, r.csv_line];
      }),
    );
  }
  const total = await wh.one<{ n: number }>(`select count(*)::integer as n from _csv where ${l.notBlank}`);
  await wh.exec("drop table if exists _csv; drop table if exists _rej; drop table if exists _rejscan; drop table if exists _blank;");
  return { rows: total?.n ?? 0, rejected };
}

/** A reader error in words a submitter can act on. */
function problem(r: { error_type: string; error_message: string; csv_line: string }): string {
  const type = r.error_type.toLowerCase();
  if (type === "invalid encoding") return "bytes that are not valid UTF-8 (a character cut off or damaged, e.g. by a truncated transfer)";
  if (type === "too many columns" && /\d,\d{3}(\D|$)/.test(r.csv_line)) {
    return `${type} (${r.error_message}); a number with a thousands separator such as 1,096 must be quoted ("1,096") or written 1096`;
  }
  return `${type} (${r.error_message.replace(/[.\s]+$/, "")})`;
}

/** read_csv failing on the whole file: the file fails alone, with what the reader said. */
function unreadable(e: unknown, load: { sourceId: string; file: string }): SourceError {
  const first = ((e as Error).message ?? String(e)).split("\n")[0]!;
  return new SourceError(load.sourceId, `cannot be read as CSV (${first}); open it in Excel and save it again as CSV UTF-8`, { file: load.file, cause: e });
}
