// Runs the data checks in sql/checks/: each is a query returning failing rows. A check guards against
// one of two things, said in its header:
//   `-- guards: model` (the default): a bug in the models. A failing row stops the publish.
//   `-- guards: source`: something a submitted file can do (give one key twice, …). Its rows carry their
//     lineage (load_id, sheet, row_number; file for the message); they are quarantined with the check's
//     name (meta.check_quarantine, read by sql/staging/stg_submissions.sql), the models are built again
//     without them and the run publishes as partial (run.ts).
// `-- severity: warn` reports the rows and allows them either way. Every failure names the files
// behind its rows.
import { promises as fs } from "node:fs";
import path from "node:path";
import { CheckError } from "./errors.ts";
import type { Logger } from "./logger.ts";
import type { Warehouse } from "./warehouse.ts";

export interface CheckResult {
  check: string;
  severity: "error" | "warn";
  guards: "model" | "source";
  count: number;
  sample: Record<string, unknown>[];
  /** Files behind the failing rows (from their file or load_id, or the observation of their key). */
  files: string[];
}

export interface ChecksOutcome {
  passed: number;
  warned: CheckResult[];
  /** Source checks that failed: their rows are to be quarantined (quarantineCheckRows) and the models built again. */
  sourceFailed: CheckResult[];
  results: CheckResult[];
}

/** Where the checks of a run put the rows of failing source checks. */
export const CHECK_QUARANTINE_DDL =
  "create table if not exists meta.check_quarantine (load_id bigint, sheet varchar, row_number integer, check_name varchar, reason varchar, column_letter varchar)";

const LINEAGE = ["load_id", "sheet", "row_number"];

export async function runChecks(wh: Warehouse, sqlDir: string, logger: Logger): Promise<ChecksOutcome> {
  const dir = path.join(sqlDir, "checks");
  const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".sql")).sort();
  const results: CheckResult[] = [];
  for (const f of files) {
    const text = (await fs.readFile(path.join(dir, f), "utf8")).trim().replace(/;\s*$/, "");
    const severity = /--\s*severity:\s*warn/i.test(text) ? "warn" : "error";
    const guards = /--\s*guards:\s*source/i.test(text) ? "source" : "model";
    const check = f.slice(0, -4);
    const count = (await wh.one<{ n: number }>(`select count(*)::bigint as n from (\n${text}\n)`))!.n;
    const sample = count ? await wh.all(`select * from (\n${text}\n) limit 5`) : [];
    results.push({ check, severity, guards, count, sample, files: count ? await filesBehind(wh, text) : [] });
  }
  const failing = results.filter((r) => r.count > 0 && r.severity === "error");
  const warned = results.filter((r) => r.count > 0 && r.severity === "warn");
  for (const w of warned) logger.warn(`check ${w.check} found ${w.count} row(s) in ${w.files.join(", ") || "no file"} (allowed: severity warn)`);
  // A source check without lineage cannot say which rows to leave out: it stops the publish like a model check.
  const sourceFailed = failing.filter((r) => r.guards === "source" && LINEAGE.every((c) => r.sample.every((s) => c in s)));
  const modelFailed = failing.filter((r) => !sourceFailed.includes(r));
  if (modelFailed.length) throw new CheckError(modelFailed);
  return { passed: results.length - warned.length - sourceFailed.length, warned, sourceFailed, results };
}

/** The files behind a check's rows: their own file column, their load, or the current observation of their key. */
async function filesBehind(wh: Warehouse, text: string): Promise<string[]> {
  const cols = new Set((await wh.all<{ column_name: string }>(`describe (\n${text}\n)`)).map((c) => c.column_name));
  const q = cols.has("file")
    ? `select distinct c.file from (\n${text}\n) c where c.file is not null`
    : cols.has("load_id")
      ? `select distinct l.file from (\n${text}\n) c join meta.loads l using (load_id)`
      : ["region_code", "indicator_code", "year", "month"].every((k) => cols.has(k))
        ? `select distinct o.file from (\n${text}\n) c join marts.observations o on o.region_code::varchar = c.region_code::varchar
             and o.indicator_code::varchar = c.indicator_code::varchar and o.year = c.year and o.month = c.month`
        : undefined;
  if (!q) return [];
  return (await wh.all<{ file: string }>(`${q} order by 1 limit 20`)).map((r) => r.file);
}

/** Records the rows of failing source checks for staging to leave out; returns how many. */
export async function quarantineCheckRows(wh: Warehouse, sqlDir: string, failed: readonly CheckResult[]): Promise<number> {
  await wh.exec(CHECK_QUARANTINE_DDL);
  let n = 0;
  for (const f of failed) {
    const text = (await fs.readFile(path.join(sqlDir, "checks", `${f.check}.sql`), "utf8")).trim().replace(/;\s*$/, "");
    const purpose = /^--\s*(.+)$/m.exec(text)?.[1]?.trim() ?? "";
    const cols = new Set((await wh.all<{ column_name: string }>(`describe (\n${text}\n)`)).map((c) => c.column_name));
    const reason = `${cols.has("reason") ? "c.reason || '; ' || " : ""}'failed data check ${f.check}${purpose ? ` (${purpose.replaceAll("'", "''")})` : ""}; the row was left out'`;
    const before = (await wh.one<{ n: number }>("select count(*)::bigint as n from meta.check_quarantine"))!.n;
    // A bureau table's row holds one figure per column: leave out only the failing cell when the check names it.
    const column = cols.has("column_letter") ? "c.column_letter" : "null";
    await wh.exec(`insert into meta.check_quarantine select distinct c.load_id, c.sheet, c.row_number, '${f.check}', ${reason}, ${column}
      from (\n${text}\n) c where c.load_id is not null and c.row_number is not null`);
    n += (await wh.one<{ n: number }>("select count(*)::bigint as n from meta.check_quarantine"))!.n - before;
  }
  return n;
}

/** Forgets the rows the last build quarantined by check; says whether there were any (then build everything). */
export async function clearCheckQuarantine(wh: Warehouse): Promise<boolean> {
  await wh.exec(CHECK_QUARANTINE_DDL);
  const n = (await wh.one<{ n: number }>("select count(*)::bigint as n from meta.check_quarantine"))!.n;
  if (n > 0) await wh.exec("delete from meta.check_quarantine");
  return n > 0;
}
