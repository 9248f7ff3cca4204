// Runs with a failing source, a lock held by another run or left by a dead one, a shutdown request
// mid-run, and the Parquet export after the publish. HTTP goes to a local server; backoff waits return at once.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { InterruptedError, LockError } from "../pipelines/errors.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { lockPath } from "../pipelines/run-lock.ts";
import { runPipeline } from "../pipelines/run.ts";
import { renderSite } from "../reports/site.ts";
import { queryWarehouse } from "./helpers/fixture.ts";
import { type TestServer, pageOf, sendJson, startServer } from "./helpers/http-server.ts";
import { T1, T2, runDeps, setupNightly } from "./helpers/nightly.ts";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("HTTP sources in a run", () => {
  it("loads a good source like a file, skips a failing one and reports the run as partial", async () => {
    server = await startServer((req, res) => {
      if (req.url?.startsWith("/down")) return sendJson(res, { error: "maintenance" }, 503);
      const rows = pageOf(req) === 1
        ? [{ region_code: "330106", region_name: "西湖区", indicator: "技术合同成交额", unit: "亿元", year: 2026, month: 6, value: 12.5 },
           { region_code: "330102", indicator: "技术合同成交额", unit: "亿元", year: 2026, month: 6, value: [1] }]
        : [];
      sendJson(res, { rows });
    });
    const { config } = setupNightly([
      { id: "platform", kind: "http-json", url: `${server.url}/figures`, region_scope: "330000", retries: 1 },
      { id: "flaky", kind: "http-json", url: `${server.url}/down`, retries: 2 },
    ]);
    const s = await runPipeline(config, runDeps(T1, { http: { sleep: async () => {} } }));
    expect(s.outcome).toBe("partial");
    expect(s.ingest.failures).toEqual([expect.objectContaining({ sourceId: "flaky", message: expect.stringContaining(`GET ${server.url}/down?page=1 failed after 3 attempt(s): HTTP 503`) })]);
    expect(await queryWarehouse(config.warehouse, "select region_code, value, source_id, file, row_number from analyst.observations where source_id = 'platform'"))
      .toEqual([{ region_code: "330106", value: 12.5, source_id: "platform", file: `${server.url}/figures`, row_number: 1 }]);
    const q = await queryWarehouse<{ source_id: string; row_number: number | null; field: string; reason: string }>(
      config.warehouse, "select source_id, row_number, field, reason from analyst.quarantine where source_id in ('platform', 'flaky') order by source_id");
    expect(q).toEqual([
      { source_id: "flaky", row_number: null, field: "file", reason: expect.stringContaining("/down?page=1 failed") },
      { source_id: "platform", row_number: 2, field: "value", reason: expect.stringContaining("does not match") },
    ]);
    expect(await queryWarehouse(config.warehouse, "select outcome, files_failed from analyst.runs")).toEqual([{ outcome: "partial", files_failed: 1 }]);
    // Same rows the next night: the platform's data is unchanged, so nothing is rebuilt.
    const again = await runPipeline(config, runDeps(T2, { http: { sleep: async () => {} } }));
    expect(again).toMatchObject({ outcome: "partial", build: "unchanged" });
  });
});

describe("the run lock", () => {
  it("refuses a second run while one is going, naming the holder", async () => {
    const { config } = setupNightly();
    let second: unknown;
    await runPipeline(config, runDeps(T1, {
      renderSite: async () => {
        second = await runPipeline(config, runDeps(T1)).catch((e: unknown) => e);
        return { pages: 0 };
      },
    }));
    expect(second).toBeInstanceOf(LockError);
    expect((second as Error).message).toMatch(new RegExp(`another weici run holds the lock .*run\\.lock \\(pid ${process.pid} `));
    expect(existsSync(lockPath(config.workDir))).toBe(false);
  });

  it("takes over a lock left by a process that is gone", async () => {
    const { config } = setupNightly();
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    mkdirSync(config.workDir, { recursive: true });
    writeFileSync(lockPath(config.workDir), JSON.stringify({ pid: dead, host: os.hostname(), started_at: "2026-07-09T18:30:00.000Z", command: "weici run" }));
    const logger = memoryLogger();
    const s = await runPipeline(config, { logger, now: () => T1 });
    expect(s.outcome).toBe("ok");
    expect(logger.lines).toContain(`warning: took over the lock of pid ${dead} (started 2026-07-09T18:30:00.000Z): that process is gone`);
    expect(existsSync(lockPath(config.workDir))).toBe(false);
  });
});

describe("a shutdown request", () => {
  it("lets the current step finish, stops before the next and publishes nothing", async () => {
    const { config } = setupNightly();
    const stop = new AbortController();
    // SIGTERM arrives while the files are being read.
    const progress = { update: () => stop.abort(new Error("SIGTERM received")), end: () => {} };
    const err = await runPipeline(config, runDeps(T1, { signal: stop.signal, progress })).then(() => expect.unreachable("the run should stop"), (e: unknown) => e as Error);
    expect(err).toBeInstanceOf(InterruptedError);
    expect(err.message).toBe("run 1 stopped (SIGTERM received) before step plan; nothing new was published and the next run picks up from here");
    expect(existsSync(config.warehouse)).toBe(false);
    expect(existsSync(lockPath(config.workDir))).toBe(false);
    const next = await runPipeline(config, runDeps(T2));
    expect(next.ingest).toMatchObject({ filesLoaded: 0, filesUnchanged: 2 });
    expect(await queryWarehouse(config.warehouse, "select run_id, outcome from analyst.runs order by run_id")).toEqual([
      { run_id: 1, outcome: "interrupted" }, { run_id: 2, outcome: "ok" },
    ]);
  });
});

describe("pages and DuckDB memory", () => {
  it("renders the pages again with the build's memory when the smaller site limit is not enough", async () => {
    // Enough to set, too little for the site's queries (DuckDB: "failed to allocate data of size 2.0 MiB").
    const LIMIT = "16MB";
    const { config } = setupNightly();
    const logger = memoryLogger();
    // The limit each rendering attempt runs under, read on the run's own connection.
    const limits: number[] = [];
    const bytes = (s: string) => Number.parseFloat(s) * 1024 ** "KMGT".indexOf(/([KMGT])iB/.exec(s)![1]!) * 1024;
    const site: typeof renderSite = async (o) => {
      limits.push(bytes((await o.query<{ l: string }>("select current_setting('memory_limit') as l"))[0]!.l));
      return renderSite(o);
    };
    const s = await runPipeline(config, { ...runDeps(T1), logger, renderSite: site, siteMemoryLimit: LIMIT });
    expect(logger.lines).toContain(`warning: pages could not be rendered within ${LIMIT} of DuckDB memory; rendering them again with ${config.memoryLimit}`);
    expect(limits).toHaveLength(2);
    expect(limits[0]).toBeLessThanOrEqual(16e6);
    // The build's limit again (900MB by default: DuckDB shows it as 858.3 MiB).
    const [, n, unit] = /^(\d+(?:\.\d+)?)\s*(MB|GB)$/.exec(config.memoryLimit)!;
    expect(limits[1]! / (Number(n) * (unit === "GB" ? 1e9 : 1e6))).toBeCloseTo(1, 2);
    expect(s.outcome).toBe("ok");
    expect(s.pagesWritten).toBeGreaterThan(10);
    expect(existsSync(path.join(config.siteDir, "index.html"))).toBe(true);
  });
});

describe("Parquet export", () => {
  it("writes every analyst view after the publish, readable with the same rows", async () => {
    const { config } = setupNightly();
    const s = await runPipeline(config, runDeps(T1));
    const file = path.join(config.parquetDir, "observations.parquet");
    expect(s.parquetFiles).toBeGreaterThan(10);
    expect(existsSync(path.join(config.parquetDir, "observations_history.parquet"))).toBe(true);
    const [a] = await queryWarehouse(config.warehouse, `select count(*)::int as n, sum(value) as s from read_parquet('${file}')`);
    const [b] = await queryWarehouse(config.warehouse, "select count(*)::int as n, sum(value) as s from analyst.observations");
    expect(a).toEqual(b);
  });

  it("is skipped when the configuration says parquet: false, and the run log says so", async () => {
    const { config } = setupNightly();
    const s = await runPipeline({ ...config, parquet: false }, runDeps(T1));
    expect(s.parquetFiles).toBe(0);
    expect(existsSync(config.parquetDir)).toBe(false);
    // The export comes after the publish: its step is in the work warehouse's run log (and the next published one).
    expect(await queryWarehouse(path.join(config.workDir, "warehouse.duckdb"), "select detail from meta.run_steps where step = 'parquet'"))
      .toEqual([{ detail: "skipped: off in the configuration (parquet: false)" }]);
  });
});
