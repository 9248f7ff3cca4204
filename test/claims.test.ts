// Published reports as a source: rank claims checked against our rankings, report levels filling gaps
// and report targets, on the five hand-worked Hangzhou districts (fixture reports under reports/).
import path from "node:path";
import { writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../pipelines/config.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { runPipeline } from "../pipelines/run.ts";
import { copyFixture, queryWarehouse } from "./helpers/fixture.ts";

const now = () => new Date("2026-07-15T02:00:00Z");

const query = queryWarehouse;

describe("claims from published reports", () => {
  let wh: string;
  let claims: Record<string, unknown>[];
  beforeAll(async () => {
    const dir = copyFixture("hangzhou-five-districts");
    const config = loadConfig(path.join(dir, "weici.config.json"));
    await runPipeline(config, { logger: memoryLogger(), now });
    wh = config.warehouse;
    claims = await query(wh, `select "offset", indicator_code, peer_group_id, basis, claimed_rank, verdict, our_rank, reason
      from analyst.claims where region_code = '330102' order by "offset"`);
  });
  const claim = (offset: number) => claims.find((c) => c.offset === offset);

  it("confirms a growth rank claim against our 同比 ranking (tied first)", () => {
    expect(claim(64)).toMatchObject({ indicator_code: "hte_count", peer_group_id: "city:330100", basis: "yoy", claimed_rank: 1, verdict: "confirmed", our_rank: 1 });
  });
  it("contradicts a 百分点 rank claim in the province, giving our rank", () => {
    expect(claim(105)).toMatchObject({ indicator_code: "rd_intensity", peer_group_id: "province:330000", basis: "pp_change", claimed_rank: 2, verdict: "contradicted", our_rank: 1 });
  });
  it("contradicts a 总量 rank claim: we rank 上城区 fourth (tied)", () => {
    expect(claim(122)).toMatchObject({ basis: "value", claimed_rank: 3, verdict: "contradicted", our_rank: 4, reason: "our rank is 4 of 5" });
  });
  it("marks a claim unverifiable when the period is not loaded", () => {
    expect(claim(135)).toMatchObject({ verdict: "unverifiable", reason: expect.stringMatching(/^period not loaded/) });
  });
  it("marks a claim unverifiable when the indicator is not in the catalog", () => {
    expect(claim(149)).toMatchObject({ verdict: "unverifiable", reason: "indicator not in the catalog: 科技人才总量" });
  });
  it("marks a claim unverifiable when the peer group is unknown", () => {
    expect(claim(165)).toMatchObject({ verdict: "unverifiable", peer_group_id: null, reason: "peer group unknown: 长三角" });
  });
  it("splits a rank covering 总量 and 增速 into two claims, each checked on its own basis", async () => {
    const rows = await query(wh, `select basis, claimed_rank, verdict, our_rank from analyst.claims where region_code = '330105' order by basis`);
    expect(rows).toEqual([
      { basis: "value", claimed_rank: 3, verdict: "confirmed", our_rank: 3 },
      { basis: "yoy", claimed_rank: 3, verdict: "contradicted", our_rank: 4 },
    ]);
  });
  it("fills a gap with a report's level figure, keeping its text offset as lineage", async () => {
    const rows = await query(wh, "select region_code, indicator_code, year, month, value, origin, text_offset from analyst.observations where origin = 'report'");
    expect(rows).toEqual([{ region_code: "330108", indicator_code: "tech_contract_value", year: 2024, month: 12, value: 9.6, origin: "report", text_offset: 32 }]);
  });
  it("never lets a report figure replace a district's submission", async () => {
    const [r] = await query(wh, "select value, origin from analyst.observations where region_code = '330102' and indicator_code = 'hte_count' and year = 2025");
    expect(r).toEqual({ value: 440, origin: "submission" });
  });
  it("loads a report's target for its target year and judges it", async () => {
    const rows = await query(wh, "select region_code, indicator_code, year, target_kind, target_value, status from analyst.targets where origin = 'report'");
    expect(rows).toEqual([{ region_code: "330108", indicator_code: "hte_count", year: 2025, target_kind: "level", target_value: 1200, status: "missed" }]);
  });
});

describe("report sidecars", () => {
  it("fails a report without a sidecar with a message saying what to write", async () => {
    const dir = copyFixture("hangzhou-five-districts");
    writeFileSync(path.join(dir, "reports", "orphan.txt"), "全区高新技术企业达100家。");
    const s = await runPipeline(loadConfig(path.join(dir, "weici.config.json")), { logger: memoryLogger(), now });
    expect(s.outcome).toBe("partial");
    expect(s.ingest.failures).toEqual([expect.objectContaining({ file: "orphan.txt", message: expect.stringMatching(/no sidecar orphan\.json.*region_code/) })]);
  });
});

describe("claims naming another district", () => {
  it("attributes a claim to the district the sentence names, not the report's own, and judges it for that district", async () => {
    const dir = copyFixture("hangzhou-five-districts");
    // 萧山区's report praising 上城区, then speaking of itself again.
    writeFileSync(
      path.join(dir, "reports", "330109-2025-简报.txt"),
      "萧山区科技局2025年工作简报\n上城区高新技术企业总量居全市第三。全区高新技术企业增长8.0%,增速居全市第二。\n",
    );
    writeFileSync(path.join(dir, "reports", "330109-2025-简报.json"), JSON.stringify({ region_code: "330109", year: 2025 }));
    const config = loadConfig(path.join(dir, "weici.config.json"));
    await runPipeline(config, { logger: memoryLogger(), now });
    const rows = await query(config.warehouse, `select region_code, basis, claimed_rank, verdict, our_rank from analyst.claims
      where file like '%330109%' order by "offset"`);
    // 上城区 ranks fourth (tied) by 总量 among the five: the claim is contradicted for 上城区, as in its own report.
    expect(rows[0]).toEqual({ region_code: "330102", basis: "value", claimed_rank: 3, verdict: "contradicted", our_rank: 4 });
    expect(rows[1]).toMatchObject({ region_code: "330109", basis: "yoy", claimed_rank: 2 });
    expect(rows).toHaveLength(2);
  });
});
