// End-to-end runs on five Hangzhou districts whose growth, ranks and targets were worked out by hand
// (see test/fixtures/hangzhou-five-districts). The clock is fixed at 2026-07-15.
import { appendFileSync, cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../pipelines/config.ts";
import { CheckError } from "../pipelines/errors.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { SQL_DIR, runPipeline } from "../pipelines/run.ts";
import { copyFixture, queryWarehouse, writeMonthlyReport } from "./helpers/fixture.ts";

const now = () => new Date("2026-07-15T02:00:00Z");

const query = queryWarehouse;

async function setup() {
  const dir = copyFixture("hangzhou-five-districts");
  mkdirSync(path.join(dir, "monthly", "2026-07"), { recursive: true });
  await writeMonthlyReport(path.join(dir, "monthly", "2026-07", "330108-滨江区.xlsx"), {
    name: "滨江区", code: "330108", year: 2026, month: 7,
    rows: [["技术合同成交额(亿元)", null, 4.2, 3.5, 20], ["高新技术产业投资", "亿元", "XX", 2, null]],
  });
  const config = loadConfig(path.join(dir, "weici.config.json"));
  return { dir, config };
}

describe("pipeline on hand-worked districts", () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let wh: string;
  beforeAll(async () => {
    ctx = await setup();
    await runPipeline(ctx.config, { logger: memoryLogger(), now });
    wh = ctx.config.warehouse;
  });

  it("computes 同比 and the increment against the same month last year", async () => {
    const rows = await query<{ region_code: string; yoy_pct: number; increment: number }>(
      wh, "select region_code, yoy_pct, increment from analyst.growth where indicator_code = 'hte_count' and year = 2025 order by region_code");
    expect(rows).toEqual([
      { region_code: "330102", yoy_pct: 10, increment: 40 },
      { region_code: "330105", yoy_pct: 4, increment: 20 },
      { region_code: "330106", yoy_pct: 10, increment: 80 },
      { region_code: "330108", yoy_pct: 10, increment: 100 },
      { region_code: "330109", yoy_pct: 0, increment: 0 },
    ]);
  });

  it("gives ratios a 百分点 change and no % growth", async () => {
    const rows = await query(wh, "select region_code, yoy_pct, pp_change from analyst.growth where indicator_code = 'rd_intensity' and year = 2025 order by region_code");
    expect(rows).toEqual([
      { region_code: "330102", yoy_pct: null, pp_change: 0.36 },
      { region_code: "330106", yoy_pct: null, pp_change: -0.1 },
    ]);
  });

  it("converts 万元 to 亿元 before computing growth", async () => {
    const [r] = await query(wh, "select value, prev_value, yoy_pct from analyst.growth where region_code = '330102' and indicator_code = 'tech_contract_value' and year = 2026 and month = 6");
    expect(r).toEqual({ value: 12, prev_value: 8, yoy_pct: 50 });
  });

  it("ranks tied districts equally and skips the next rank", async () => {
    const rows = await query<{ region_code: string; rank: number; peer_count: number }>(wh, `select region_code, rank, peer_count from analyst.rankings
      where peer_group_id = 'city:330100' and indicator_code = 'hte_count' and year = 2025 and basis = 'value' order by rank, region_code`);
    expect(rows.map((r) => [r.region_code, r.rank])).toEqual([["330108", 1], ["330106", 2], ["330105", 3], ["330102", 4], ["330109", 4]]);
    expect(new Set(rows.map((r) => r.peer_count))).toEqual(new Set([5]));
  });

  it("ties growth rates that are equal although float division differs", async () => {
    const rows = await query<{ region_code: string; rank: number }>(wh, `select region_code, rank from analyst.rankings
      where peer_group_id = 'city:330100' and indicator_code = 'hte_count' and year = 2025 and basis = 'yoy' order by rank, region_code`);
    expect(rows.map((r) => [r.region_code, r.rank])).toEqual([["330102", 1], ["330106", 1], ["330108", 1], ["330105", 4], ["330109", 5]]);
  });

  it("reports last year's rank and the rank change (进位 positive)", async () => {
    const rows = await query(wh, `select region_code, prev_rank, rank_change from analyst.rankings
      where peer_group_id = 'city:330100' and indicator_code = 'hte_count' and year = 2025 and basis = 'value' and region_code in ('330102', '330109') order by region_code`);
    expect(rows).toEqual([{ region_code: "330102", prev_rank: 5, rank_change: 1 }, { region_code: "330109", prev_rank: 4, rank_change: 0 }]);
  });

  it("ranks within a custom peer group from the peer-group file", async () => {
    const rows = await query<{ region_code: string; rank: number }>(wh, `select region_code, rank from analyst.rankings
      where peer_group_id = 'custom:A类地区' and indicator_code = 'hte_count' and year = 2025 and basis = 'value' order by rank`);
    expect(rows).toEqual([{ region_code: "330108", rank: 1 }, { region_code: "330106", rank: 2 }, { region_code: "330102", rank: 3 }]);
  });

  it("ranks ratios by 百分点 change", async () => {
    const rows = await query(wh, `select region_code, rank from analyst.rankings where peer_group_id = 'province:330000' and indicator_code = 'rd_intensity' and year = 2025 and basis = 'pp_change' order by rank`);
    expect(rows).toEqual([{ region_code: "330102", rank: 1 }, { region_code: "330106", rank: 2 }]);
  });

  it("judges targets against time progress at month 6 and finally at month 12", async () => {
    const rows = await query(wh, `select region_code, indicator_code, year, month, target_kind, round(completion_pct, 1) as completion, time_progress_pct, status
      from analyst.targets where origin = 'file' order by year, region_code, indicator_code`);
    expect(rows).toEqual([
      // Stock targets: the net increase over last year end against the planned one (上城区 400 → 440 of 430: 40/30).
      { region_code: "330102", indicator_code: "hte_count", year: 2025, month: 12, target_kind: "level", completion: 133.3, time_progress_pct: 100, status: "met" },
      { region_code: "330102", indicator_code: "rd_intensity", year: 2025, month: 12, target_kind: "ratio", completion: 102.7, time_progress_pct: null, status: "met" },
      // Growth 4.0 % against 5 %: the level equivalent 520 ÷ (500 × 1.05), not 4 ÷ 5.
      { region_code: "330105", indicator_code: "hte_count", year: 2025, month: 12, target_kind: "growth", completion: 99, time_progress_pct: null, status: "missed" },
      { region_code: "330109", indicator_code: "hte_count", year: 2025, month: 12, target_kind: "level", completion: 0, time_progress_pct: 100, status: "missed" },
      { region_code: "330102", indicator_code: "tech_contract_value", year: 2026, month: 6, target_kind: "level", completion: 60, time_progress_pct: 50, status: "on_track" },
      { region_code: "330106", indicator_code: "tech_contract_value", year: 2026, month: 6, target_kind: "level", completion: 41.7, time_progress_pct: 50, status: "behind" },
    ]);
  });

  it("quarantines each kind of dirty row with its file, row, field and reason", async () => {
    const rows = await query<{ file: string; row_number: number; field: string; reason: string }>(
      wh, "select file, row_number, field, reason from analyst.quarantine order by file, row_number");
    const at = (file: string, row: number) => rows.find((r) => r.file === file && r.row_number === row);
    const csv = "330100-杭州市.csv";
    expect(at(csv, 18)).toMatchObject({ field: "indicator", reason: expect.stringContaining("unknown indicator \"科技人才总量\"") });
    expect(at(csv, 19)).toMatchObject({ field: "region_code", reason: expect.stringContaining("339999") });
    expect(at(csv, 20)).toMatchObject({ field: "unit", reason: expect.stringContaining("cannot be converted") });
    expect(at(csv, 21)).toMatchObject({ field: "value", reason: expect.stringContaining("masked") });
    expect(at(csv, 22)).toMatchObject({ field: "row", reason: expect.stringContaining("duplicate of row 9") });
    expect(at(csv, 23)).toMatchObject({ field: "value", reason: expect.stringContaining("negative") });
    expect(at("2026-07/330108-滨江区.xlsx", 5)).toMatchObject({ field: "value", reason: expect.stringContaining("masked") });
    expect(at("targets-2026.csv", 4)).toMatchObject({ field: "target_kind" });
    expect(at("peer-groups.csv", 5)).toMatchObject({ field: "region_code", reason: expect.stringContaining("不存在区") });
  });

  it("keeps the good rows of a file that also has bad rows, with their lineage", async () => {
    const [r] = await query(wh, `select value, source_id, file, row_number from analyst.observations
      where region_code = '330108' and indicator_code = 'hte_count' and year = 2025`);
    expect(r).toEqual({ value: 1100, source_id: "history", file: "330100-杭州市.csv", row_number: 10 });
    const [x] = await query(wh, `select value, file, sheet, row_number from analyst.observations where region_code = '330108' and indicator_code = 'tech_contract_value' and month = 7`);
    expect(x).toEqual({ value: 4.2, file: "2026-07/330108-滨江区.xlsx", sheet: "2026年1-7月", row_number: 4 });
  });

  it("resolves a GBK row that has only a region name", async () => {
    const [r] = await query(wh, `select value, file from analyst.observations where region_code = '330106' and indicator_code = 'tech_contract_value' and year = 2026`);
    expect(r).toEqual({ value: 12.5, file: "330100-杭州市-2026.csv" });
  });
});

describe("reloading", () => {
  it("adds nothing when the same files are loaded again", async () => {
    const { config } = await setup();
    const first = await runPipeline(config, { logger: memoryLogger(), now });
    const second = await runPipeline(config, { logger: memoryLogger(), now });
    expect(first.ingest.filesLoaded).toBe(9);
    expect(second.ingest).toMatchObject({ filesLoaded: 0, filesUnchanged: 9 });
    expect([second.rowsLoaded, second.rowsQuarantined]).toEqual([first.rowsLoaded, first.rowsQuarantined]);
  });

  it("replaces what a changed file loaded before", async () => {
    const { dir, config } = await setup();
    await runPipeline(config, { logger: memoryLogger(), now });
    const gbk = path.join(dir, "history", "330100-杭州市-2026.csv");
    // Rewrite the file as UTF-8 with a corrected figure and one row fewer.
    writeFileSync(gbk, "地区代码,地区名称,指标名称,计量单位,年份,月份,数值\n330102,上城区,技术合同成交额,亿元,2026,6,13\n");
    const s = await runPipeline(config, { logger: memoryLogger(), now });
    expect(s.ingest).toMatchObject({ filesLoaded: 1, filesUnchanged: 8 });
    const rows = await query(config.warehouse, "select region_code, value from analyst.observations where indicator_code = 'tech_contract_value' and year = 2026 and month = 6 order by 1");
    expect(rows).toEqual([{ region_code: "330102", value: 13 }]);
  });

  it("fails only the unreadable file and loads the others", async () => {
    const { dir, config } = await setup();
    writeFileSync(path.join(dir, "history", "broken.csv"), "这不是表头\n1,2\n");
    const s = await runPipeline(config, { logger: memoryLogger(), now });
    expect(s.outcome).toBe("partial");
    expect(s.ingest.failures).toEqual([expect.objectContaining({ file: "broken.csv", message: expect.stringMatching(/broken\.csv.*lacks column/) })]);
    expect(s.rowsLoaded).toBeGreaterThan(15);
  });
});

describe("data checks", () => {
  it("stop the publish with a message naming the check and sample rows", async () => {
    const { dir, config } = await setup();
    const first = await runPipeline(config, { logger: memoryLogger(), now });
    const sqlDir = path.join(dir, "sql");
    cpSync(SQL_DIR, sqlDir, { recursive: true });
    writeFileSync(path.join(sqlDir, "checks", "no_big_districts.sql"), "-- Fails on purpose.\nselect region_code, value from marts.observations where value > 1000\n");
    appendFileSync(path.join(dir, "history", "330100-杭州市.csv"), "330108,滨江区,高新技术企业数,家,2023,12,900\n");
    const err = await runPipeline(config, { logger: memoryLogger(), now, sqlDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckError);
    expect((err as Error).message).toMatch(/check no_big_districts failed on 1 row.*"region_code":"330108","value":1100/s);
    const runs = await query(config.warehouse, "select run_id, outcome from analyst.runs order by run_id");
    expect(runs).toEqual([{ run_id: first.runId, outcome: "ok" }]);
  });
});
