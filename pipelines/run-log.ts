// The run log: one meta.runs row per run, plus work_dir/last-run.json so `weici status` can tell about
// a run that failed and therefore published nothing (the published warehouse only knows published runs).
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Logger } from "./logger.ts";
import { explainStorageError } from "./storage.ts";
import type { Warehouse } from "./warehouse.ts";

export type Outcome = "running" | "ok" | "partial" | "failed" | "interrupted";

export interface LastRun {
  run_id: number;
  started_at: string;
  finished_at: string;
  outcome: Outcome;
  published: boolean;
  message: string | null;
}

const ts = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

export const lastRunPath = (workDir: string) => path.join(workDir, "last-run.json");

/**
 * Marks runs a crash cut short: still 'running', or finished but never published (killed while
 * publishing; `publishedRun` is undefined for warehouses from before it was recorded). Only safe
 * under the run lock, when no other run can be going.
 */
export async function recoverInterrupted(wh: Warehouse, publishedRun: number | undefined, logger: Logger): Promise<number> {
  const rows = await wh.all<{ run_id: number }>(
    "select run_id from meta.runs where outcome = 'running' or (outcome in ('ok', 'partial') and run_id > ?) order by run_id",
    [publishedRun ?? Number.MAX_SAFE_INTEGER],
  );
  if (rows.length === 0) return 0;
  await wh.exec(
    `update meta.runs set outcome = 'interrupted', message = concat_ws(chr(10), message,
      'the process stopped (killed or crashed) before the run was recorded as published; the next run recovered') where run_id in (${rows.map((r) => r.run_id).join(", ")})`,
  );
  logger.warn(`run${rows.length > 1 ? "s" : ""} ${rows.map((r) => r.run_id).join(", ")} did not finish (killed or crashed); marked interrupted`);
  return rows.length;
}

export async function startRun(wh: Warehouse, started: Date): Promise<number> {
  const runId = (await wh.one<{ id: number }>("select nextval('meta.run_id_seq')::bigint as id"))!.id;
  await wh.exec("insert into meta.runs (run_id, started_at, outcome) values (?, ?::timestamp, 'running')", [runId, ts(started)]);
  return runId;
}

export interface RunRecord {
  finished: Date;
  outcome: Outcome;
  rowsLoaded: number;
  rowsQuarantined: number;
  modelsBuilt: number;
  checksPassed: number;
  pagesWritten: number;
  filesLoaded: number;
  filesUnchanged: number;
  filesFailed: number;
  build: "built" | "unchanged";
  inputsHash: string;
  message: string | null;
}

export async function finishRun(wh: Warehouse, runId: number, r: RunRecord): Promise<void> {
  await wh.exec(
    `update meta.runs set finished_at = ?::timestamp, outcome = ?, rows_loaded = ?, rows_quarantined = ?, models_built = ?,
      checks_passed = ?, pages_written = ?, files_loaded = ?, files_unchanged = ?, files_failed = ?, build = ?, inputs_hash = ?,
      message = ? where run_id = ?`,
    [ts(r.finished), r.outcome, r.rowsLoaded, r.rowsQuarantined, r.modelsBuilt, r.checksPassed, r.pagesWritten,
      r.filesLoaded, r.filesUnchanged, r.filesFailed, r.build, r.inputsHash, r.message, runId],
  );
}

export async function failRun(wh: Warehouse, runId: number, finished: Date, outcome: Outcome, message: string): Promise<void> {
  await wh.exec("update meta.runs set finished_at = ?::timestamp, outcome = ?, message = ? where run_id = ?", [ts(finished), outcome, message, runId]);
}

/** Written whole and renamed into place, so status never reads half a file. */
export async function writeLastRun(workDir: string, run: LastRun, crashAt?: (point: string) => void): Promise<void> {
  const file = lastRunPath(workDir);
  await fs.writeFile(`${file}.tmp`, `${JSON.stringify(run, null, 2)}\n`).catch((e: unknown) => {
    throw explainStorageError(e, `${file}.tmp`);
  });
  crashAt?.("last-run:tmp-written");
  await fs.rename(`${file}.tmp`, file);
}

export async function readLastRun(workDir: string): Promise<LastRun | undefined> {
  const text = await fs.readFile(lastRunPath(workDir), "utf8").catch(() => undefined);
  try {
    return text === undefined ? undefined : (JSON.parse(text) as LastRun);
  } catch {
    return undefined;
  }
}
