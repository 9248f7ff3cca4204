// A run killed mid-way, as a real process: WEICI_FAIL_AT makes the CLI kill itself with SIGKILL at a
// named point (no timing involved). The published file must stay intact and openable, and the next
// run must recover without manual steps.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { memoryLogger } from "../pipelines/logger.ts";
import { lockPath } from "../pipelines/run-lock.ts";
import { runPipeline } from "../pipelines/run.ts";
import { removeWhenDone } from "./helpers/faults.ts";
import { queryWarehouse } from "./helpers/fixture.ts";
import { T1, T3, runDeps, setupNightly, writeBinjiang } from "./helpers/nightly.ts";

const BIN = fileURLToPath(new URL("../bin/weici.js", import.meta.url));
const VALUE = "select value from analyst.observations where indicator_code = 'tech_contract_value'";

const weici = (dir: string, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, "run", "--no-site"], { cwd: dir, encoding: "utf8", env: { ...process.env, ...env } });

describe("a run killed mid-way", () => {
  it("killed while publishing leaves the published file intact and openable; the next run recovers by itself", async () => {
    const { dir, config } = setupNightly();
    removeWhenDone(dir);
    writeBinjiang(dir, 10);
    await runPipeline(config, runDeps(T1));
    writeBinjiang(dir, 10.5);
    const killed = weici(dir, { WEICI_FAIL_AT: "publish:rename" });
    expect(killed.signal).toBe("SIGKILL");
    // The complete copy was never renamed into place; the lock names the dead process.
    const pid = JSON.parse(readFileSync(lockPath(config.workDir), "utf8")).pid as number;
    expect(readdirSync(path.dirname(config.warehouse))).toContain(`warehouse.duckdb.tmp-${pid}`);
    expect(await queryWarehouse(config.warehouse, VALUE)).toEqual([{ value: 10 }]);
    expect(await queryWarehouse(config.warehouse, "select run_id, outcome from analyst.runs")).toEqual([{ run_id: 1, outcome: "ok" }]);

    const logger = memoryLogger();
    const next = await runPipeline(config, runDeps(T3, { logger }));
    expect(next.outcome).toBe("ok");
    expect(logger.lines).toContainEqual(expect.stringContaining(`took over the lock of pid ${pid}`));
    expect(logger.lines).toContainEqual(expect.stringContaining(`removed warehouse.duckdb.tmp-${pid}`));
    expect(await queryWarehouse(config.warehouse, VALUE)).toEqual([{ value: 10.5 }]);
    expect(await queryWarehouse(config.warehouse, "select run_id, outcome from analyst.runs order by run_id")).toEqual([
      { run_id: 1, outcome: "ok" }, { run_id: 2, outcome: "interrupted" }, { run_id: 3, outcome: "ok" },
    ]);
    expect(readdirSync(path.dirname(config.warehouse)).filter((f) => f.includes(".tmp"))).toEqual([]);
  });

  it("killed while building models: the next run rebuilds from the files the killed run loaded", async () => {
    const { dir, config } = setupNightly();
    removeWhenDone(dir);
    writeBinjiang(dir, 10.8);
    expect(weici(dir, { WEICI_FAIL_AT: "models" }).signal).toBe("SIGKILL");
    expect(existsSync(config.warehouse)).toBe(false);
    const next = await runPipeline(config, runDeps(T3));
    // The killed run already landed the changed file, so this run loads nothing yet must rebuild.
    expect(next).toMatchObject({ outcome: "ok", build: "built" });
    expect(next.ingest.filesLoaded).toBe(0);
    expect(await queryWarehouse(config.warehouse, VALUE)).toEqual([{ value: 10.8 }]);
  });
});

