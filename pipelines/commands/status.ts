// `weici status`: the last runs from the published warehouse (opened read-only, so it never blocks a
// run), a newer run that failed and published nothing (work_dir/last-run.json), a run in progress
// (the run lock) and when the schedule runs next.
import { promises as fs } from "node:fs";
import path from "node:path";
import cron from "node-cron";
import type { ResolvedConfig } from "../config.ts";
import { holderIsRunning, readLock } from "../run-lock.ts";
import { readLastRun } from "../run-log.ts";
import { literal, Warehouse } from "../warehouse.ts";
import { readSchedulerState } from "../scheduler-state.ts";

interface RunRow {
  run_id: number;
  started_at: Date | null;
  finished_at: Date | null;
  outcome: string;
  rows_loaded: number | null;
  rows_quarantined: number | null;
  build?: string | null;
  message: string | null;
}

export interface StatusDeps {
  stdout: (s: string) => void;
  now?: () => Date;
  isRunning?: typeof holderIsRunning;
  limit?: number;
}

export async function statusCommand(config: ResolvedConfig, deps: StatusDeps): Promise<number> {
  const tz = config.schedule.timezone;
  const fmt = (d: Date | string | null | undefined) =>
    d ? new Intl.DateTimeFormat("sv-SE", { timeZone: tz, dateStyle: "short", timeStyle: "medium" }).format(new Date(d)) : "—";
  const out: string[] = [];
  const rel = (p: string) => path.relative(process.cwd(), p) || p;

  const runs = await publishedRuns(config.warehouse, path.join(config.parquetDir, "runs.parquet"), deps.limit ?? 10);
  if (!runs) out.push(`no published warehouse at ${rel(config.warehouse)} yet; run \`weici run\``);
  else {
    out.push(`published warehouse ${rel(config.warehouse)} (times in ${tz})`);
    out.push(row(["run", "started", "finished", "outcome", "rows", "quarantined", "duration", "build"]));
    for (const r of runs) {
      const secs = r.started_at && r.finished_at ? `${((+r.finished_at - +r.started_at) / 1000).toFixed(1)} s` : "—";
      out.push(row([String(r.run_id), fmt(r.started_at), fmt(r.finished_at), r.outcome, num(r.rows_loaded), num(r.rows_quarantined), secs, r.build ?? "—"]));
    }
  }
  // A partial night must be impossible to miss: since when, and which files.
  const latest = runs?.[0];
  if (latest?.outcome === "partial") {
    const since = runs!.find((r, i) => r.outcome === "partial" && runs![i + 1]?.outcome !== "partial") ?? latest;
    const failing = await failingFiles(config.warehouse);
    out.push(`PARTIAL since run ${since.run_id} (${fmt(since.started_at)}): the latest run published without ${failing.length || "some"} file(s):`);
    for (const f of failing) out.push(`  ${f.source_id} ${f.file}: ${f.problem} since ${fmt(f.failing_since)}: ${(f.error ?? "").split("\n")[0]}`);
    if (!failing.length && latest.message) for (const m of latest.message.split("\n")) out.push(`  ${m}`);
  }
  const last = await readLastRun(config.workDir);
  const newest = runs?.[0]?.run_id ?? 0;
  if (last && last.run_id > newest) {
    out.push(`latest run ${last.run_id} (${fmt(last.finished_at)}): ${last.outcome}${last.published ? "" : ", nothing published"}` +
      (last.message ? `\n  ${last.message.split("\n")[0]}` : ""));
  }
  const lock = await readLock(config.workDir, deps.isRunning);
  if (lock?.running) out.push(`a run is in progress: pid ${lock.pid} on ${lock.host}, started ${fmt(lock.started_at)}`);
  else if (lock) out.push(`stale lock from pid ${lock.pid} (no longer running); the next run takes it over`);

  const probe = cron.createTask(config.schedule.cron, () => {}, { timezone: tz });
  const next = probe.getNextRuns(1)[0];
  await probe.destroy();
  const sched = await readSchedulerState(config.workDir);
  const alive = sched && (deps.isRunning ?? holderIsRunning)({ pid: sched.pid, host: sched.host, started_at: sched.started_at, command: "weici schedule" });
  out.push(`next scheduled run ${fmt(next)} (${config.schedule.cron}, ${tz}); ` +
    (alive ? `scheduler running as pid ${sched.pid}` : "no scheduler running (start one with `weici schedule`)"));
  deps.stdout(`${out.join("\n")}\n`);
  return 0;
}

const num = (n: number | null) => (n === null ? "—" : n.toLocaleString("en-US"));
const WIDTHS = [5, 20, 20, 12, 10, 12, 10, 10];
const row = (cells: string[]) => cells.map((c, i) => c.padEnd(WIDTHS[i] ?? 0)).join(" ").trimEnd();

interface FailingFile {
  source_id: string;
  file: string;
  problem: string;
  failing_since: Date | null;
  error: string | null;
}

/** sql/analyst/failing_files.sql in the published warehouse (none in one published before it existed). */
async function failingFiles(file: string): Promise<FailingFile[]> {
  const wh = await Warehouse.open(file, { readOnly: true });
  try {
    return await wh.all<FailingFile>("select * from analyst.failing_files order by failing_since, source_id, file").catch(() => []);
  } finally {
    await wh.close();
  }
}

async function publishedRuns(file: string, runLog: string, limit: number): Promise<RunRow[] | undefined> {
  if (!(await fs.stat(file).then(() => true, () => false))) return undefined;
  const wh = await Warehouse.open(file, { readOnly: true });
  try {
    // meta.runs, not analyst.runs: a warehouse published by an older version may lack the newer columns.
    // A night that changed no input leaves the published file as it was: its row is in the run-log
    // Parquet file written after every run (and in the next publish).
    const cols = "run_id, started_at, finished_at, outcome, rows_loaded, rows_quarantined, build, message";
    const later = (await fs.stat(runLog).then(() => true, () => false))
      ? `union all by name select ${cols} from read_parquet(${literal(runLog)}) where run_id > (select coalesce(max(run_id), 0) from meta.runs)`
      : "";
    return await wh.all<RunRow>(`select * from (select ${cols} from meta.runs ${later}) order by run_id desc limit ${Math.max(1, Math.floor(limit))}`);
  } finally {
    await wh.close();
  }
}
