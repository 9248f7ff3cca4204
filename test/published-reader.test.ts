// The published warehouse with real processes around it: an analyst holding it open read-only while
// runs replace it (never blocked, keeps its snapshot); one holding it read-write by mistake (the run
// says exactly which process blocks the publish, and publishes once it is gone); a session killed
// with its log left beside the file; and a second CLI run refused by the run lock.
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { memoryLogger } from "../pipelines/logger.ts";
import { prevPath, PublishBlockedError } from "../pipelines/publish.ts";
import { lockPath, processStartTick } from "../pipelines/run-lock.ts";
import { readLastRun } from "../pipelines/run-log.ts";
import { runPipeline } from "../pipelines/run.ts";
import { queryWarehouse } from "./helpers/fixture.ts";
import { removeWhenDone } from "./helpers/faults.ts";
import { T1, T2, T3, runDeps, setupNightly, writeBinjiang } from "./helpers/nightly.ts";

const BIN = fileURLToPath(new URL("../bin/weici.js", import.meta.url));
const HOLDER = fileURLToPath(new URL("./helpers/hold-warehouse.mjs", import.meta.url));
const VALUE = "select value from analyst.observations where indicator_code = 'tech_contract_value'";

const weici = (dir: string) => spawnSync(process.execPath, [BIN, "run", "--no-site"], { cwd: dir, encoding: "utf8" });

/** A child process holding the file open (read-only unless told); ask() sends one query and waits for its rows. */
async function holdOpen(file: string, mode: "read-only" | "read-write" = "read-only") {
  const child = spawn(process.execPath, [HOLDER, file, mode]);
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
    removeWhenDone(dir);
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
    // The night without new data left the published file alone: it lists the two runs that published.
    expect(await queryWarehouse(config.warehouse, "select count(*)::int as n from analyst.runs")).toEqual([{ n: 2 }]);
  });
});

describe("an analyst holding the published warehouse open read-write (by mistake)", () => {
  it("blocks the publish with a message naming the process and what to do; the run after it closes publishes", async () => {
    const { dir, config } = setupNightly();
    removeWhenDone(dir);
    writeBinjiang(dir, 10);
    await runPipeline(config, runDeps(T1));
    const analyst = await holdOpen(config.warehouse, "read-write");
    holder = analyst.child;
    // Their own table: DuckDB keeps it in warehouse.duckdb.wal, by name, beside the published file.
    await analyst.ask("create table main.scratch as select 42 as x");
    writeBinjiang(dir, 10.5);
    const err = await runPipeline(config, runDeps(T2)).then(() => expect.unreachable("the publish is blocked"), (e: Error) => e);
    expect(err).toBeInstanceOf(PublishBlockedError);
    expect(err.message).toContain(`cannot publish: ${config.warehouse} is open read-write by ${process.execPath} (pid ${analyst.child.pid}).`);
    expect(err.message).toContain("Close that connection and run again; analysts should open the warehouse read-only (duckdb -readonly warehouse.duckdb");
    expect(err.message).toContain("The previous warehouse stays in place");
    expect(await readLastRun(config.workDir)).toMatchObject({ outcome: "failed", published: false, message: err.message });
    expect(await analyst.ask(VALUE)).toEqual([{ value: 10 }]);
    expect(existsSync(`${config.warehouse}.tmp-${process.pid}`)).toBe(false);

    // Closed (their table is now checkpointed into the file they had open): the next run publishes,
    // and the new file holds our data only.
    analyst.child.stdin.end();
    await once(analyst.child, "exit");
    holder = undefined;
    expect((await runPipeline(config, runDeps(T3))).outcome).toBe("ok");
    expect(await queryWarehouse(config.warehouse, VALUE)).toEqual([{ value: 10.5 }]);
    expect(await queryWarehouse(config.warehouse, "select count(*)::int as n from duckdb_tables() where table_name = 'scratch'")).toEqual([{ n: 0 }]);
    expect(await queryWarehouse(prevPath(config.warehouse), "select x from main.scratch")).toEqual([{ x: 42 }]);
  });

  it("a log left by a read-write session that was killed goes with the old file to .prev; new readers see only our data", async () => {
    const { dir, config } = setupNightly();
    removeWhenDone(dir);
    writeBinjiang(dir, 10);
    await runPipeline(config, runDeps(T1));
    const analyst = await holdOpen(config.warehouse, "read-write");
    await analyst.ask("create table main.scratch as select 42 as x");
    analyst.child.kill("SIGKILL");
    await once(analyst.child, "exit");
    expect(existsSync(`${config.warehouse}.wal`)).toBe(true);
    // A night with no new data leaves the published file alone: not with another session's log beside it.
    const logger = memoryLogger();
    expect(await runPipeline(config, runDeps(T2, { logger }))).toMatchObject({ outcome: "ok", build: "unchanged" });
    expect(logger.lines).toContainEqual(expect.stringContaining("publishing a full copy although no input changed: warehouse.duckdb.wal was left beside it by another session"));
    expect(existsSync(`${config.warehouse}.wal`)).toBe(false);
    expect(await queryWarehouse(config.warehouse, "select count(*)::int as n from duckdb_tables() where table_name = 'scratch'")).toEqual([{ n: 0 }]);
    expect(await queryWarehouse(config.warehouse, "select count(*)::int as n from analyst.runs")).toEqual([{ n: 2 }]);
    // Their work is not lost: it is in the previous file, with its log.
    expect(existsSync(`${prevPath(config.warehouse)}.wal`)).toBe(true);
    expect(await queryWarehouse(prevPath(config.warehouse), "select x from main.scratch")).toEqual([{ x: 42 }]);
  });
});

describe("two runs at once from the command line", () => {
  it("the second exits 1 with a message naming the running one", () => {
    const { config } = setupNightly();
    removeWhenDone(path.dirname(config.file));
    const me = { pid: process.pid, host: os.hostname(), started_at: "2026-07-15T18:30:00.000Z", proc_start: processStartTick(process.pid), command: "weici run" };
    mkdirSync(config.workDir, { recursive: true });
    writeFileSync(lockPath(config.workDir), JSON.stringify(me));
    const r = weici(path.dirname(config.file));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`error: another weici run holds the lock .*\\(pid ${process.pid} on .*started 2026-07-15T18:30:00.000Z\\)`));
    expect(existsSync(config.warehouse)).toBe(false);
  });
});
