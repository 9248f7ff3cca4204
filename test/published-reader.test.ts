// The published warehouse with real processes around it: an analyst holding it open read-only while
// runs replace it (never blocked, keeps its snapshot), and a second CLI run refused by the run lock.
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { lockPath, processStartTick } from "../pipelines/run-lock.ts";
import { runPipeline } from "../pipelines/run.ts";
import { queryWarehouse } from "./helpers/fixture.ts";
import { T1, T2, T3, runDeps, setupNightly, writeBinjiang } from "./helpers/nightly.ts";

const BIN = fileURLToPath(new URL("../bin/weici.js", import.meta.url));
const HOLDER = fileURLToPath(new URL("./helpers/hold-warehouse.mjs", import.meta.url));
const VALUE = "select value from analyst.observations where indicator_code = 'tech_contract_value'";

const weici = (dir: string) => spawnSync(process.execPath, [BIN, "run", "--no-site"], { cwd: dir, encoding: "utf8" });

/** A child process holding the file open read-only; ask() sends one query and waits for its rows. */
async function holdOpen(file: string) {
  const child = spawn(process.execPath, [HOLDER, file]);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => (await lines.next()).value as string;
  expect(await next()).toBe("ready");
  return {
    child,
    ask: async (sql: string) => {
      child.stdin.write(`${sql}\n`);
      return JSON.parse(await next()) as unknown;
    },
  };
}

let holder: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  holder?.stdin.end();
  holder = undefined;
});

describe("an analyst holding the published warehouse open", () => {
  it("keeps seeing the old data and never blocks a run; new opens see the new data", async () => {
    const { dir, config } = setupNightly();
    writeBinjiang(dir, 10);
    await runPipeline(config, runDeps(T1));
    const analyst = await holdOpen(config.warehouse);
    holder = analyst.child;
    writeBinjiang(dir, 10.5);
    const changed = await runPipeline(config, runDeps(T2));
    const unchanged = await runPipeline(config, runDeps(T3));
    expect([changed.build, unchanged.build]).toEqual(["built", "unchanged"]);
    expect(await analyst.ask(VALUE)).toEqual([{ value: 10 }]);
    expect(await queryWarehouse(config.warehouse, VALUE)).toEqual([{ value: 10.5 }]);
    expect(await queryWarehouse(config.warehouse, "select count(*)::int as n from analyst.runs")).toEqual([{ n: 3 }]);
  });
});

describe("two runs at once from the command line", () => {
  it("the second exits 1 with a message naming the running one", () => {
    const { config } = setupNightly();
    const me = { pid: process.pid, host: os.hostname(), started_at: "2026-07-15T18:30:00.000Z", proc_start: processStartTick(process.pid), command: "weici run" };
    mkdirSync(config.workDir, { recursive: true });
    writeFileSync(lockPath(config.workDir), JSON.stringify(me));
    const r = weici(path.dirname(config.file));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`error: another weici run holds the lock .*\\(pid ${process.pid} on .*started 2026-07-15T18:30:00.000Z\\)`));
    expect(existsSync(config.warehouse)).toBe(false);
  });
});
