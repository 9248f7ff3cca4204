// 追赶分析 on the five Hangzhou districts, worked by hand from test/fixtures/hangzhou-five-districts:
// 技术合同成交额 1-6月 2026: 西湖区 12.5亿 (the row without a code, resolved by name), 上城区 12亿,
// 滨江区 3亿 → ranks 1, 2, 3. 上城区's target is 20亿: 8亿 still needed over 6 months = 1.3333亿 a month;
// 西湖区's target is 300000万 = 30亿: 17.5亿 over 6 months. 高新技术企业数 2025年末: 滨江区 1100,
// 西湖区 880, 拱墅区 520, 上城区 and 萧山区 440 (tied 4th).
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../pipelines/config.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { runPipeline } from "../pipelines/run.ts";
import { copyFixture, queryWarehouse } from "./helpers/fixture.ts";

interface Gap {
  region_code: string;
  rank: number;
  above_rank: number | null;
  above_value: number | null;
  gap_to_above: number | null;
  gap_to_first: number | null;
  target_remaining: number | null;
  months_left: number | null;
  monthly_needed: number | null;
}

let dir: string;
let wh: string;
beforeAll(async () => {
  dir = copyFixture("hangzhou-five-districts");
  const config = loadConfig(path.join(dir, "weici.config.json"));
  await runPipeline(config, { logger: memoryLogger(), now: () => new Date("2026-07-15T02:00:00Z") });
  wh = config.warehouse;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gaps = (indicator: string, year: number, month: number) =>
  queryWarehouse<Gap>(wh, `select region_code::varchar as region_code, rank, above_rank, above_value, gap_to_above, gap_to_first,
      target_remaining, months_left, monthly_needed
    from analyst.gaps where peer_group_id = 'city:330100' and indicator_code = '${indicator}' and year = ${year} and month = ${month}
    order by rank, region_code`);

describe("analyst.gaps", () => {
  it("gives the gap to the district just above and to first place", async () => {
    const rows = await gaps("tech_contract_value", 2026, 6);
    expect(rows.map((r) => [r.region_code, r.rank, r.above_rank])).toEqual([["330106", 1, null], ["330102", 2, 1], ["330108", 3, 2]]);
    const [first, second, third] = rows;
    expect(first!.gap_to_above).toBeNull();
    expect(first!.gap_to_first).toBeNull();
    expect(second!.gap_to_above).toBeCloseTo(0.5, 9);
    expect(second!.gap_to_first).toBeCloseTo(0.5, 9);
    expect(third!.above_value).toBeCloseTo(12, 9);
    expect(third!.gap_to_above).toBeCloseTo(9, 9);
    expect(third!.gap_to_first).toBeCloseTo(9.5, 9);
  });

  it("says what a year-to-date level target still needs, in total and per remaining month", async () => {
    const rows = await gaps("tech_contract_value", 2026, 6);
    const by = new Map(rows.map((r) => [r.region_code, r]));
    expect(by.get("330102")!.target_remaining).toBeCloseTo(8, 9);
    expect(by.get("330102")!.months_left).toBe(6);
    expect(by.get("330102")!.monthly_needed).toBeCloseTo(8 / 6, 9);
    // 300000万元 is 30亿元.
    expect(by.get("330106")!.monthly_needed).toBeCloseTo(17.5 / 6, 9);
    // 滨江区's target is a growth target (翻番): no amount to reach.
    expect(by.get("330108")!.target_remaining).toBeNull();
  });

  it("measures a tied district against the nearest better rank, and gives stocks no monthly amount", async () => {
    const rows = await gaps("hte_count", 2025, 12);
    expect(rows.map((r) => [r.region_code, r.rank, r.above_rank, r.gap_to_above, r.gap_to_first])).toEqual([
      ["330108", 1, null, null, null],
      ["330106", 2, 1, 220, 220],
      ["330105", 3, 2, 360, 580],
      ["330102", 4, 3, 80, 660],
      ["330109", 4, 3, 80, 660],
    ]);
    // 上城区 has a level target of 430 for 2025, but 高企 is a stock: no monthly amount.
    expect(rows.every((r) => r.monthly_needed == null)).toBe(true);
  });
});
