// The run lock: work_dir/run.lock names the process that is running (pid, its start tick, host, start
// time), so a second `weici run` stops with a clear message instead of failing on DuckDB's file lock.
// A lock whose process is gone (crash, kill -9, reboot, pid reused) is stale and is taken over, so a
// crash never blocks the next night's run.
import { promises as fs, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LockError } from "./errors.ts";
import { explainStorageError } from "./storage.ts";

export interface LockInfo {
  pid: number;
  host: string;
  started_at: string;
  /** The process's start tick from /proc (Linux): tells a live holder from a reused pid. */
  proc_start?: number;
  command: string;
}

export interface LockDeps {
  pid?: number;
  host?: string;
  now?: () => Date;
  command?: string;
  /** Whether the holder still runs (tests inject it); by default a signal-0 probe plus /proc start tick. */
  isRunning?: (holder: LockInfo) => boolean;
  /** Test hook at named points (WEICI_FAIL_AT): `lock:tmp-written`, before the lock is linked into place. */
  crashAt?: (point: string) => void;
}

export interface RunLock {
  file: string;
  info: LockInfo;
  /** The stale lock this run took over, if any. */
  tookOver?: LockInfo;
  release(): Promise<void>;
}

export const lockPath = (workDir: string) => path.join(workDir, "run.lock");

/** Start tick of a process (field 22 of /proc/<pid>/stat), undefined where /proc is unavailable. */
export function processStartTick(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses: count fields after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const tick = Number(fields[19]);
    return Number.isFinite(tick) ? tick : undefined;
  } catch {
    return undefined;
  }
}

export function holderIsRunning(holder: LockInfo): boolean {
  // Another machine sharing the folder cannot be probed: never steal its lock.
  if (holder.host !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const tick = processStartTick(holder.pid);
  return !(tick !== undefined && holder.proc_start !== undefined && tick !== holder.proc_start);
}

function parse(text: string): LockInfo | undefined {
  try {
    const v = JSON.parse(text) as LockInfo;
    return typeof v.pid === "number" && typeof v.started_at === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The current lock and whether its process still runs (for `weici status`). */
export async function readLock(workDir: string, isRunning = holderIsRunning): Promise<(LockInfo & { running: boolean }) | undefined> {
  const text = await fs.readFile(lockPath(workDir), "utf8").catch(() => undefined);
  const info = text === undefined ? undefined : parse(text);
  return info && { ...info, running: isRunning(info) };
}

export async function acquireRunLock(workDir: string, deps: LockDeps = {}): Promise<RunLock> {
  try {
    return await acquire(workDir, deps);
  } catch (e) {
    // An unwritable or full work dir: say which folder and what to do, not a bare EACCES.
    throw explainStorageError(e);
  }
}

async function acquire(workDir: string, deps: LockDeps): Promise<RunLock> {
  const file = lockPath(workDir);
  const pid = deps.pid ?? process.pid;
  const info: LockInfo = {
    pid, host: deps.host ?? os.hostname(), started_at: (deps.now?.() ?? new Date()).toISOString(),
    proc_start: processStartTick(pid), command: deps.command ?? "weici run",
  };
  const isRunning = deps.isRunning ?? holderIsRunning;
  await fs.mkdir(workDir, { recursive: true });
  // Written whole, then linked into place: the lock file is never seen half-written.
  const tmp = `${file}.${pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(info)).catch(async (e: unknown) => {
    // A full disk may leave it empty: never leave it behind.
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw explainStorageError(e, tmp);
  });
  deps.crashAt?.("lock:tmp-written");
  let tookOver: LockInfo | undefined;
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await fs.link(tmp, file);
        await removeDeadTemps(workDir, pid, isRunning, info.host);
        return { file, info, tookOver, release: () => release(file, info) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
      const text = await fs.readFile(file, "utf8").catch(() => undefined);
      if (text === undefined) continue;
      const holder = parse(text);
      if (holder && isRunning(holder)) {
        throw new LockError(
          `another weici run holds the lock ${file} (pid ${holder.pid} on ${holder.host}, started ${holder.started_at}); ` +
            `this run stops. Wait for it to finish (weici status shows it); if no such process is running, delete ${file}.`,
        );
      }
      // Stale: remove it only if it is still the file we judged (another starter may have replaced it).
      if ((await fs.readFile(file, "utf8").catch(() => undefined)) === text) await fs.rm(file, { force: true });
      tookOver = holder;
    }
    throw new LockError(`could not take the lock ${file}: it keeps changing; is another weici starting right now?`);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/** Lock temp files (`run.lock.<pid>.<ms>.tmp`) of starters killed before they linked them; live ones are left. */
async function removeDeadTemps(workDir: string, self: number, isRunning: (h: LockInfo) => boolean, host: string): Promise<void> {
  const names = await fs.readdir(workDir).catch(() => [] as string[]);
  for (const name of names) {
    const m = /^run\.lock\.(\d+)\.\d+\.tmp$/.exec(name);
    if (!m || Number(m[1]) === self) continue;
    const p = path.join(workDir, name);
    const holder = parse(await fs.readFile(p, "utf8").catch(() => ""));
    // An unreadable one may be a live starter's, caught mid-write: only an old one is garbage.
    const old = (await fs.stat(p).catch(() => undefined))?.mtimeMs ?? Date.now();
    if (holder ? holder.host === host && !isRunning(holder) : Date.now() - old > 60_000) await fs.rm(p, { force: true });
  }
}

async function release(file: string, info: LockInfo): Promise<void> {
  const text = await fs.readFile(file, "utf8").catch(() => undefined);
  const holder = text === undefined ? undefined : parse(text);
  // Never delete a lock another process took over (e.g. after ours was judged stale by mistake).
  if (holder && holder.pid === info.pid && holder.started_at === info.started_at) await fs.rm(file, { force: true });
}
