// The run lock on its own: a live holder is refused with a message naming it, a dead one (or a reused
// pid) is taken over, and a run releases only its own lock. Liveness is injected except where the
// real probe is the point; at the end, two real `weici run` processes started at the same moment.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LockError } from "../pipelines/errors.ts";
import { type LockInfo, acquireRunLock, holderIsRunning, lockPath, processStartTick, readLock } from "../pipelines/run-lock.ts";
import { queryWarehouse } from "./helpers/fixture.ts";
import { weiciAsync, removeWhenDone } from "./helpers/faults.ts";
import { setupNightly, writeBinjiang } from "./helpers/nightly.ts";

const workDir = () => mkdtempSync(path.join(os.tmpdir(), "weici-lock-"));
const now = () => new Date("2026-07-15T18:30:00Z");

describe("run lock", () => {
  it("refuses a second holder while the first runs, naming its pid, start and the lock file", async () => {
    const dir = workDir();
    const first = await acquireRunLock(dir, { pid: 4242, now, isRunning: () => true });
    const err = await acquireRunLock(dir, { pid: 4343, now, isRunning: () => true }).then(() => expect.unreachable("the lock is held"), (e: unknown) => e as Error);
    expect(err).toBeInstanceOf(LockError);
    expect(err.message).toContain(`another weici run holds the lock ${lockPath(dir)} (pid 4242 on ${os.hostname()}, started 2026-07-15T18:30:00.000Z)`);
    expect(err.message).toContain(`delete ${lockPath(dir)}`);
    await first.release();
    const second = await acquireRunLock(dir, { pid: 4343, now, isRunning: () => true });
    expect(JSON.parse(readFileSync(lockPath(dir), "utf8")).pid).toBe(4343);
    await second.release();
  });

  it("takes over a lock whose process is gone and says whose it was", async () => {
    const dir = workDir();
    await acquireRunLock(dir, { pid: 4242, now });
    const lock = await acquireRunLock(dir, { pid: 4343, now, isRunning: (h) => h.pid !== 4242 });
    expect(lock.tookOver).toMatchObject({ pid: 4242 });
    expect(JSON.parse(readFileSync(lockPath(dir), "utf8")).pid).toBe(4343);
  });

  it("releases only its own lock, never one another run took over", async () => {
    const dir = workDir();
    const mine = await acquireRunLock(dir, { pid: 4242, now });
    writeFileSync(lockPath(dir), JSON.stringify({ pid: 4343, host: os.hostname(), started_at: "2026-07-16T00:00:00.000Z", command: "weici run" }));
    await mine.release();
    expect(JSON.parse(readFileSync(lockPath(dir), "utf8")).pid).toBe(4343);
  });

  it("tells a live holder from a dead pid and from a pid reused by a newer process", () => {
    const me: LockInfo = { pid: process.pid, host: os.hostname(), started_at: "x", command: "weici run", proc_start: processStartTick(process.pid) };
    expect(holderIsRunning(me)).toBe(true);
    expect(holderIsRunning({ ...me, pid: 2 ** 22 + 12345 })).toBe(false);
    if (me.proc_start !== undefined) expect(holderIsRunning({ ...me, proc_start: me.proc_start - 1 })).toBe(false);
    // Another machine's lock cannot be probed, so it is never taken over.
    expect(holderIsRunning({ ...me, pid: 2 ** 22 + 12345, host: "other-host" })).toBe(true);
  });

  it("reads the lock for status with whether its holder still runs", async () => {
    const dir = workDir();
    expect(await readLock(dir)).toBeUndefined();
    await acquireRunLock(dir, { pid: 4242, now });
    expect(await readLock(dir, () => false)).toMatchObject({ pid: 4242, running: false });
  });

  it("removes lock temp files of starters that were killed, never a live starter's", async () => {
    const dir = workDir();
    const dead = { pid: 2 ** 22 + 7, host: os.hostname(), started_at: "x", command: "weici run" };
    writeFileSync(path.join(dir, `run.lock.${dead.pid}.1.tmp`), JSON.stringify(dead));
    writeFileSync(path.join(dir, `run.lock.${process.pid}.2.tmp`), JSON.stringify({ ...dead, pid: process.pid }));
    const lock = await acquireRunLock(dir, { pid: 4242, now });
    expect(readdirSync(dir).sort()).toEqual([`run.lock`, `run.lock.${process.pid}.2.tmp`]);
    await lock.release();
  });
});

describe("two weici runs started at the same moment", () => {
  it("one runs, the other exits 1 naming it; the first then finishes and publishes", async () => {
    const { dir, config } = setupNightly();
    removeWhenDone(dir);
    writeBinjiang(dir, 10);
    // Whichever takes the lock first stops right after it until told to go on: a deterministic overlap.
    const resume = path.join(dir, "resume");
    const env = { WEICI_PAUSE_AT: "lock", WEICI_RESUME_FILE: resume };
    const runs = [weiciAsync(dir, env, ["run", "--no-site"]), weiciAsync(dir, env, ["run", "--no-site"])];
    const loser = await Promise.race(runs);
    expect(loser.code, loser.stderr).toBe(1);
    const named = /error: another weici run holds the lock \S+ \(pid (\d+) on [^,]+, started [^)]+\); this run stops\. Wait for it to finish/.exec(loser.stderr);
    expect(named, loser.stderr).not.toBeNull();
    writeFileSync(resume, "");
    const done = await Promise.all(runs);
    const winner = done.find((r) => r !== loser)!;
    expect(winner.code, winner.stderr).toBe(0);
    expect(winner.stderr).toContain(`paused at lock (pid ${named![1]})`);
    // Only the winner started a run; the loser touched nothing.
    expect(await queryWarehouse(config.warehouse, "select run_id, outcome from analyst.runs")).toEqual([{ run_id: 1, outcome: "ok" }]);
    expect(readdirSync(config.workDir).filter((f) => f.startsWith("run.lock"))).toEqual([]);
  });
});
