// A partial night (some files failed, everything else published) must be impossible to miss for a
// scheduler or systemd unit watching the exit code, for `weici status` and on the quality page.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { QUALITY_PAGE_PATH } from "../reports/paths.ts";
import { copyFixture, queryWarehouse } from "./helpers/fixture.ts";

const BIN = fileURLToPath(new URL("../bin/weici.js", import.meta.url));
const weici = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8" });

describe("a partial run", () => {
  it("exits 3, not 0 or 1, publishes the good files and says which file failed; status and the quality page show it and since when", async () => {
    const dir = copyFixture("hangzhou-five-districts");
    writeFileSync(path.join(dir, "history", "broken.csv"), "这不是表头\n1,2\n");
    const r = weici(["run"], dir);
    expect(r.stderr).not.toMatch(/unexpected error/);
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/weici run 1: partial/);
    expect(r.stdout).toMatch(/PARTIAL: published without these.*\n\s+source history \(broken\.csv\): header row/);
    // Everything else was published: the same 20 observations as a night without the broken file.
    const [n] = await queryWarehouse<{ n: number }>(path.join(dir, "target", "warehouse.duckdb"), "select count(*)::int as n from analyst.observations");
    expect(n?.n).toBe(20);

    // A second partial night: status says since the first one, naming the file and its first failure.
    expect(weici(["run"], dir).status).toBe(3);
    const s = weici(["status"], dir);
    expect(s.status).toBe(0);
    expect(s.stdout).toMatch(/PARTIAL since run 1 \(\d{4}-\d\d-\d\d [\d:]+\): the latest run published without 1 file\(s\):\n\s+history broken\.csv: file failed since \d{4}-\d\d-\d\d [\d:]+: source history \(broken\.csv\): header row/);
    const [first] = await queryWarehouse<{ since: string; loads: number }>(path.join(dir, "target", "warehouse.duckdb"),
      "select strftime(failing_since, '%Y-%m-%d %H:%M:%S') as since, failed_loads::int as loads from analyst.failing_files");
    const [run1] = await queryWarehouse<{ started: string }>(path.join(dir, "target", "warehouse.duckdb"), "select strftime(started_at, '%Y-%m-%d %H:%M') as started from analyst.runs where run_id = 1");
    expect(first?.since.slice(0, 16)).toBe(run1?.started);
    // The second night changed no input, so it left the published file as run 1 wrote it (no copy on a
    // no-change night); weici status above reads the work warehouse and saw both failures.
    expect(first?.loads).toBe(1);

    const page = readFileSync(path.join(dir, "target", "site", QUALITY_PAGE_PATH), "utf8");
    expect(page).toMatch(/<section class="alert" role="alert"><h2>部分成功：1个文件未能完整载入<\/h2>/);
    expect(page).toMatch(/<td class="text">broken\.csv<\/td><td class="text">文件无法读取<\/td>/);

    // Fixed: the next run is ok, exits 0, and status no longer says partial.
    writeFileSync(path.join(dir, "history", "broken.csv"), "地区代码,地区名称,指标名称,计量单位,年份,月份,数值\n");
    expect(weici(["run"], dir).status).toBe(0);
    expect(weici(["status"], dir).stdout).not.toMatch(/PARTIAL/);
  }, 120_000);
});
