// A night where no source changed does almost nothing: no load, no model build, no checks, no pages,
// and the published warehouse left as it is (no copy); the night's run log is in the run-log Parquet
// files; a changed model or page is still picked up. Clocks are injected.
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { readFile as readFileAsync } from "node:fs/promises";
import { Warehouse } from "../pipelines/warehouse.ts";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type RunDeps, SQL_DIR, runPipeline } from "../pipelines/run.ts";
import { queryWarehouse } from "./helpers/fixture.ts";
import { PROJECT_ROOT as PROJECT } from "../pipelines/paths.ts";

const FIXTURES = path.join(PROJECT, "test", "fixtures");
import { T1, T2, T3, runDeps, setupNightly, writeBinjiang } from "./helpers/nightly.ts";

describe("a night where no source changed", () => {
  it("loads nothing, skips the model build, checks, pages and the publish; the run log still records the night", async () => {
    const { dir, config } = setupNightly();
    const pages: string[] = [];
    const renderSite: RunDeps["renderSite"] = async (o) => {
      await o.writeFile(path.join(o.outDir, "index.html"), "<p>same</p>");
      pages.push("rendered");
      return { pages: 1 };
    };
    const first = await runPipeline(config, runDeps(T1, { renderSite }));
    const published = statSync(config.warehouse, { bigint: true });
    const second = await runPipeline(config, runDeps(T2, { renderSite }));
    expect(first).toMatchObject({ build: "built", pagesWritten: 1 });
    expect(second).toMatchObject({ build: "unchanged", modelsBuilt: 0, pagesWritten: 0, rowsLoaded: first.rowsLoaded });
    expect(second.ingest).toMatchObject({ filesLoaded: 0, filesUnchanged: 2 });
    expect(pages).toEqual(["rendered"]);
    expect(Object.fromEntries(second.steps.map((s) => [s.step, s.detail]))).toMatchObject({
      reference: "unchanged", models: "skipped: no input changed", checks: "skipped: no input changed",
      site: "skipped: no input changed", publish: "skipped: unchanged: the published warehouse holds this data",
    });
    // The same file, not a copy: a national warehouse is 890 MB.
    const after = statSync(config.warehouse, { bigint: true });
    expect([after.ino, after.mtimeNs]).toEqual([published.ino, published.mtimeNs]);
    // The published warehouse lists the run that published it; the run-log Parquet file every night.
    expect(await queryWarehouse(config.warehouse, "select run_id from analyst.runs order by run_id")).toEqual([{ run_id: 1 }]);
    const db = await Warehouse.open(":memory:");
    try {
      const runs = await db.all(`select run_id, outcome, build, files_loaded from read_parquet('${path.join(config.parquetDir, "runs.parquet")}') order by run_id`);
      expect(runs).toEqual([
        { run_id: 1, outcome: "ok", build: "built", files_loaded: 2 },
        { run_id: 2, outcome: "ok", build: "unchanged", files_loaded: 0 },
      ]);
    } finally {
      await db.close();
    }
    // The next night that changes data publishes, and its warehouse lists every run.
    writeBinjiang(dir, 11);
    expect((await runPipeline(config, runDeps(T3, { renderSite }))).build).toBe("built");
    expect(await queryWarehouse(config.warehouse, "select run_id, build from analyst.runs order by run_id")).toEqual([
      { run_id: 1, build: "built" }, { run_id: 2, build: "unchanged" }, { run_id: 3, build: "built" },
    ]);
  });

  it("does not read a file whose size and modification time are as last read; a touched file is read once, --force reads all", async () => {
    const { dir, config } = setupNightly();
    await runPipeline(config, runDeps(T1));
    const city = path.join(dir, "history", "330100-杭州市.csv");
    const text = readFileSync(city, "utf8");
    const [, line, value] = /\n(330102,上城区,高新技术企业数,家,2025,12,)(\d{3})\r?\n/.exec(text)!;
    // Touched: same bytes, new time. Read and hashed once (unchanged), then known by its new stamp.
    const later = new Date("2026-07-11T00:00:00Z");
    utimesSync(city, later, later);
    const touched = await runPipeline(config, runDeps(T2));
    expect(touched).toMatchObject({ build: "unchanged", ingest: { filesLoaded: 0, filesUnchanged: 2 } });
    // Same size and time but other bytes (only a tool that restores times does this): taken as unchanged...
    const { mtime } = statSync(city);
    writeFileSync(city, text.replace(line! + value!, line! + String(Number(value) + 1)));
    utimesSync(city, mtime, mtime);
    expect(await runPipeline(config, runDeps(T3))).toMatchObject({ build: "unchanged", ingest: { filesLoaded: 0 } });
    // ...until a forced run reads every file again.
    const forced = await runPipeline(config, runDeps(new Date("2026-07-13T18:30:00Z"), { force: true }));
    expect(forced.ingest.filesLoaded).toBe(1);
    expect(await queryWarehouse(config.warehouse, "select value from analyst.observations where region_code = '330102' and indicator_code = 'hte_count' and year = 2025 and month = 12"))
      .toEqual([{ value: Number(value) + 1 }]);
  });

  it("does not read a workbook or a report again while its stamp is as last read; a changed sidecar makes the report read again", async () => {
    const { dir, config } = setupNightly([
      { id: "monthly", kind: "xlsx", dir: "monthly", pattern: "*.xlsx" },
      { id: "reports", kind: "report-text", dir: "reports", pattern: "*.txt" },
    ]);
    mkdirSync(path.join(dir, "monthly"));
    cpSync(path.join(FIXTURES, "bureau-tables", "all-shapes", "330102-上城区-月报.xlsx"), path.join(dir, "monthly", "330102-上城区-月报.xlsx"));
    const report = "330110-余杭区-2025年工作总结";
    mkdirSync(path.join(dir, "reports"));
    for (const ext of [".txt", ".json"]) cpSync(path.join(PROJECT, "samples", "reports", report + ext), path.join(dir, "reports", report + ext));
    const reads: string[] = [];
    const readFile = (p: string) => {
      reads.push(path.basename(p));
      return readFileAsync(p);
    };
    const first = await runPipeline(config, runDeps(T1, { readFile }));
    expect(first.ingest.failures).toEqual([]);
    expect(reads).toEqual(expect.arrayContaining(["330102-上城区-月报.xlsx", `${report}.txt`]));
    reads.length = 0;
    const second = await runPipeline(config, runDeps(T2, { readFile }));
    expect(second).toMatchObject({ build: "unchanged", ingest: { filesLoaded: 0 } });
    expect(reads).toEqual([]);
    // The sidecar says which district and year the report speaks for: changing it changes the report's meaning.
    const sidecar = path.join(dir, "reports", `${report}.json`);
    writeFileSync(sidecar, readFileSync(sidecar, "utf8").replace(/"publisher": "[^"]*"/, '"publisher": "余杭区科技局"'));
    const third = await runPipeline(config, runDeps(T3, { readFile }));
    expect(third.ingest.filesLoaded).toBe(1);
    expect(reads).toContain(`${report}.txt`);
    expect(reads).not.toContain("330102-上城区-月报.xlsx");
  });

  it("rebuilds when a model's SQL changes although no file did", async () => {
    const { dir, config } = setupNightly();
    await runPipeline(config, runDeps(T1));
    const sqlDir = path.join(dir, "sql");
    cpSync(SQL_DIR, sqlDir, { recursive: true });
    writeFileSync(path.join(sqlDir, "analyst", "regions.sql"), "select region_code, name, level, city_code, province_code from ref.regions\n");
    const s = await runPipeline(config, runDeps(T2, { sqlDir }));
    expect(s.build).toBe("built");
    expect(s.ingest.filesLoaded).toBe(0);
  });

  it("rebuilds after a run whose checks failed, even when the data is back to what was last published", async () => {
    const { dir, config } = setupNightly();
    const sqlDir = path.join(dir, "sql");
    cpSync(SQL_DIR, sqlDir, { recursive: true });
    writeFileSync(path.join(sqlDir, "checks", "no_huge_counts.sql"), "select * from marts.observations where value > 5000\n");
    await runPipeline(config, runDeps(T1, { sqlDir }));
    const bad = path.join(dir, "history", "bad.csv");
    writeFileSync(bad, "地区代码,地区名称,指标名称,计量单位,年份,月份,数值\n330102,上城区,高新技术企业数,家,2023,12,9999\n");
    await expect(runPipeline(config, runDeps(T2, { sqlDir }))).rejects.toThrow(/no_huge_counts/);
    rmSync(bad);
    // The files now hash as in run 1, but the working tables hold the failed build: they must be rebuilt.
    const s = await runPipeline(config, runDeps(T3, { sqlDir }));
    expect(s.build).toBe("built");
    expect(await queryWarehouse(config.warehouse, "select count(*)::int as n from analyst.observations where value > 5000")).toEqual([{ n: 0 }]);
  });

  it("rewrites only pages whose content changed", async () => {
    const { config } = setupNightly();
    let version = 1;
    const renderSite: RunDeps["renderSite"] = async (o) => {
      await o.writeFile(path.join(o.outDir, "index.html"), "<p>index</p>");
      await o.writeFile(path.join(o.outDir, "district.html"), `<p>v${version}</p>`);
      return { pages: 2 };
    };
    await runPipeline(config, runDeps(T1, { renderSite }));
    const index = path.join(config.siteDir, "index.html");
    const before = statSync(index).mtimeMs;
    version = 2;
    const s = await runPipeline(config, runDeps(T2, { renderSite, force: true }));
    expect([s.pagesWritten, s.pagesUnchanged]).toEqual([1, 1]);
    expect(statSync(index).mtimeMs).toBe(before);
    expect(readFileSync(path.join(config.siteDir, "district.html"), "utf8")).toBe("<p>v2</p>");
  });
});

