// `weici status`: the last runs from the published warehouse, a newer failed run that published
// nothing, a run in progress and the next scheduled run, in the schedule's time zone.
import { cpSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { statusCommand } from "../pipelines/commands/status.ts";
import { acquireRunLock } from "../pipelines/run-lock.ts";
import { SQL_DIR, runPipeline } from "../pipelines/run.ts";
import { T1, T2, T3, runDeps, setupNightly } from "./helpers/nightly.ts";

async function status(config: Parameters<typeof statusCommand>[0]) {
  let out = "";
  const code = await statusCommand(config, { stdout: (s) => void (out += s), isRunning: (h) => h.pid === 4242 });
  return { code, out };
}

describe("weici status", () => {
  it("says there is nothing published yet, and when the schedule runs", async () => {
    const { config } = setupNightly();
    const { code, out } = await status(config);
    expect(code).toBe(0);
    expect(out).toMatch(/no published warehouse at .*warehouse\.duckdb yet; run `weici run`/);
    expect(out).toMatch(/next scheduled run \d{4}-\d\d-\d\d 02:30:00 \(30 2 \* \* \*, Asia\/Shanghai\); no scheduler running/);
  });

  it("lists the published runs newest first, then a later failed run and a run in progress", async () => {
    const { dir, config } = setupNightly();
    await runPipeline(config, runDeps(T1));
    await runPipeline(config, runDeps(T2));
    const sqlDir = path.join(dir, "sql");
    cpSync(SQL_DIR, sqlDir, { recursive: true });
    writeFileSync(path.join(sqlDir, "checks", "always_fails.sql"), "select 1 as x\n");
    await expect(runPipeline(config, runDeps(T3, { sqlDir }))).rejects.toThrow(/check always_fails failed/);
    await acquireRunLock(config.workDir, { pid: 4242, now: () => T3 });

    const { out } = await status(config);
    const lines = out.split("\n");
    expect(lines[1]).toMatch(/^run\s+started\s+finished\s+outcome\s+rows\s+quarantined\s+duration\s+build$/);
    // 2026-07-11 18:30 UTC is 02:30 the next morning in Shanghai.
    expect(lines[2]).toMatch(/^2\s+2026-07-12 02:30:00\s+2026-07-12 02:30:00\s+ok\s+7\s+0\s+0\.0 s\s+unchanged$/);
    expect(lines[3]).toMatch(/^1\s+2026-07-11 02:30:00\s+2026-07-11 02:30:00\s+ok\s+7\s+0\s+0\.0 s\s+built$/);
    expect(out).toMatch(/latest run 3 \(2026-07-13 02:30:00\): failed, nothing published\n {2}1 data check\(s\) failed/);
    expect(out).toMatch(/a run is in progress: pid 4242 on .*, started 2026-07-13 02:30:00/);
  });
});
