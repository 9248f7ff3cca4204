// The run lock on its own: a live holder is refused with a message naming it, a dead one (or a reused
// pid) is taken over, and a run releases only its own lock. Liveness is injected except where the
// real probe is the point.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LockError } from "../pipelines/errors.ts";
import { type LockInfo, acquireRunLock, holderIsRunning, lockPath, processStartTick, readLock } from "../pipelines/run-lock.ts";

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
});
