// The composite index models (sql/marts/composite_index_scores.sql, composite_index.sql) on a
// hand-worked example, run against an in-memory DuckDB holding only the tables they read.
//
// Group G: A, B, C (and D, which has too little data). Indicators: x (%, weight 2, standard 4, no
// transform) and y (count, weight 1, standard 100, square root). Year-end values:
//   x  A 2→4   B 1→3   C 3→(missing: previous year 3)
//   y  A 16→64 B 4→9   C (missing: next year 36)→36   D 4→4 (D has no x: coverage 1/3 < 0.5)
// EIS: x min-max over all years 1..4; √y over all years 2..8.
//   A 2024 (2·⅓ + ⅓)/3 = 33.33, 2025 (2·1 + 1)/3 = 100;  B 0, (2·⅔ + ⅙)/3 = 50;  C (2·⅔ + ⅔)/3 = 66.67 both years
//   2025 mean 72.22 → A 138.5 % leader, C 92.3 % moderate, B 69.2 % emerging; ranks A1 C2 B3 (2024: C1 A2 B3)
// 监测: x 100·v/4 capped, y v/100·100:
//   A (2·50+16)/3 = 38.67, (2·100+64)/3 = 88;  B (2·25+4)/3 = 18, (2·75+9)/3 = 53;  C (2·75+36)/3 = 62 both years
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCompositeIndexConfig } from "../pipelines/composite-index.ts";
import { ConfigError } from "../pipelines/errors.ts";
import { Warehouse } from "../pipelines/warehouse.ts";
import { IndicatorCatalog, type Indicator } from "../sources/catalog.ts";

const sqlOf = (name: string) => readFileSync(new URL(`../sql/marts/${name}.sql`, import.meta.url), "utf8");

let wh: Warehouse;

beforeAll(async () => {
  wh = await Warehouse.open(":memory:");
  await wh.exec(`
    create schema ref; create schema staging; create schema marts;
    create table ref.indicators (indicator_code varchar, higher_is_better boolean);
    insert into ref.indicators values ('x', true), ('y', true);
    create table ref.composite_index_indicators (indicator_code varchar, weight double, standard_value double, transform varchar);
    insert into ref.composite_index_indicators values ('x', 2, 4, 'none'), ('y', 1, 100, 'sqrt');
    create table ref.composite_index_settings (name varchar, min_coverage double);
    insert into ref.composite_index_settings values ('区域科技创新指数', 0.5);
    create table staging.stg_peer_group_members (peer_group_id varchar, peer_group_name varchar, region_code varchar, reason varchar);
    insert into staging.stg_peer_group_members values ('custom:G', 'G', 'A', null), ('custom:G', 'G', 'B', null), ('custom:G', 'G', 'C', null), ('custom:G', 'G', 'D', null);
    create table marts.peer_groups as select 'custom:G' as peer_group_id, 'G' as peer_group_name;
    create table marts.observations (region_code varchar, indicator_code varchar, year integer, month integer, value double);
    insert into marts.observations values
      ('A', 'x', 2024, 12, 2), ('A', 'x', 2025, 12, 4), ('B', 'x', 2024, 12, 1), ('B', 'x', 2025, 12, 3), ('C', 'x', 2024, 12, 3),
      ('A', 'y', 2024, 12, 16), ('A', 'y', 2025, 12, 64), ('B', 'y', 2024, 12, 4), ('B', 'y', 2025, 12, 9), ('C', 'y', 2025, 12, 36),
      ('D', 'y', 2024, 12, 4), ('D', 'y', 2025, 12, 4),
      -- Mid-year figures never enter the index.
      ('B', 'x', 2025, 6, 99);
  `);
  await wh.exec(`create table marts.composite_index_scores as ${sqlOf("composite_index_scores")}`);
  await wh.exec(`create table marts.composite_index as ${sqlOf("composite_index")}`);
});
afterAll(() => wh.close());

type IndexRow = { region_code: string; year: number; score: number | null; relative_pct: number | null; tier: string | null; rank: number | null; rank_change: number | null; coverage: number };

async function index(method: string, year: number): Promise<Record<string, IndexRow>> {
  const rows = await wh.all<IndexRow>(
    "select region_code, year, score, relative_pct, tier, rank, rank_change, coverage from marts.composite_index where method = ? and year = ? order by region_code",
    [method, year],
  );
  return Object.fromEntries(rows.map((r) => [r.region_code, r]));
}

describe("composite index, European Innovation Scoreboard method", () => {
  it("min-max scales within the group over all years, with a square root for the skewed indicator", async () => {
    const rows = await wh.all<{ region_code: string; indicator_code: string; year: number; eis_score: number }>(
      "select region_code, indicator_code, year, eis_score from marts.composite_index_scores where region_code in ('A', 'B') order by all",
    );
    expect(rows.map((r) => [r.region_code, r.indicator_code, r.year, Number(r.eis_score.toFixed(4))])).toEqual([
      ["A", "x", 2024, 0.3333], ["A", "x", 2025, 1], ["A", "y", 2024, 0.3333], ["A", "y", 2025, 1],
      ["B", "x", 2024, 0], ["B", "x", 2025, 0.6667], ["B", "y", 2024, 0], ["B", "y", 2025, 0.1667],
    ]);
  });

  it("carries a missing year from the previous year, else from the next, and says which", async () => {
    const rows = await wh.all<{ indicator_code: string; year: number; value: number; imputation: string }>(
      "select indicator_code, year, value, imputation from marts.composite_index_scores where region_code = 'C' order by all",
    );
    expect(rows).toEqual([
      { indicator_code: "x", year: 2024, value: 3, imputation: "reported" },
      { indicator_code: "x", year: 2025, value: 3, imputation: "previous_year" },
      { indicator_code: "y", year: 2024, value: 36, imputation: "next_year" },
      { indicator_code: "y", year: 2025, value: 36, imputation: "reported" },
    ]);
  });

  it("weights the scores, ranks within the group and tiers against the group mean", async () => {
    const y2025 = await index("eis", 2025);
    expect(y2025.A).toMatchObject({ rank: 1, tier: "leader", rank_change: 1 });
    expect(y2025.C).toMatchObject({ rank: 2, tier: "moderate", rank_change: -1 });
    expect(y2025.B).toMatchObject({ rank: 3, tier: "emerging", rank_change: 0 });
    expect(y2025.A!.score).toBeCloseTo(100, 6);
    expect(y2025.B!.score).toBeCloseTo(50, 6);
    expect(y2025.C!.score).toBeCloseTo(66.6667, 3);
    expect(y2025.A!.relative_pct).toBeCloseTo(138.4615, 3);
    expect(y2025.B!.relative_pct).toBeCloseTo(69.2308, 3);
    const y2024 = await index("eis", 2024);
    expect(y2024.A!.score).toBeCloseTo(33.3333, 3);
    expect(y2024.A).toMatchObject({ rank: 2, tier: "strong" });
    expect(y2024.C).toMatchObject({ rank: 1, tier: "leader" });
  });

  it("leaves a district below the minimum coverage unscored and unranked", async () => {
    const d = (await index("eis", 2025)).D!;
    expect(d).toMatchObject({ score: null, rank: null, tier: null });
    expect(d.coverage).toBeCloseTo(1 / 3, 6);
  });
});

describe("composite index, 科技进步统计监测 method", () => {
  it("scores value ÷ standard × 100 capped at 100 and weights them", async () => {
    const y2025 = await index("monitor", 2025);
    expect(y2025.A!.score).toBeCloseTo(88, 6);
    expect(y2025.B!.score).toBeCloseTo(53, 6);
    expect(y2025.C!.score).toBeCloseTo(62, 6);
    expect([y2025.A!.rank, y2025.C!.rank, y2025.B!.rank]).toEqual([1, 2, 3]);
    expect(y2025.A!.tier).toBe("leader");
    expect(y2025.B!.tier).toBe("moderate");
    const y2024 = await index("monitor", 2024);
    expect(y2024.A!.score).toBeCloseTo(38.6667, 3);
    expect(y2024.B!.score).toBeCloseTo(18, 6);
    expect(y2024.D).toMatchObject({ score: null, rank: null });
  });
});

describe("composite index configuration", () => {
  const catalog = new IndicatorCatalog([
    { code: "rd_intensity", name_zh: "R&D经费投入强度", aliases: [], unit: "%", kind: "ratio", higher_is_better: true, frequency: "annual" } as Indicator,
  ]);
  it("accepts indicators of the catalog with positive weights and standards", () => {
    const cfg = parseCompositeIndexConfig({ name: "指数", min_coverage: 0.7, indicators: [{ code: "rd_intensity", weight: 1, standard: 2.5 }] }, "c.json", catalog);
    expect(cfg.indicators[0]).toEqual({ code: "rd_intensity", weight: 1, standard: 2.5 });
  });
  it("rejects an indicator that is not in the catalog, naming it", () => {
    expect(() => parseCompositeIndexConfig({ name: "指数", min_coverage: 0.7, indicators: [{ code: "gdp", weight: 1, standard: 1 }] }, "c.json", catalog)).toThrow(
      /c\.json: indicators: "gdp" is not in config\/indicators\.json/,
    );
  });
  it("rejects a zero weight and a coverage above 1 as configuration errors", () => {
    expect(() => parseCompositeIndexConfig({ name: "指数", min_coverage: 0.7, indicators: [{ code: "rd_intensity", weight: 0, standard: 1 }] }, "c.json", catalog)).toThrow(ConfigError);
    expect(() => parseCompositeIndexConfig({ name: "指数", min_coverage: 1.5, indicators: [{ code: "rd_intensity", weight: 1, standard: 1 }] }, "c.json", catalog)).toThrow(/min_coverage/);
  });
  it("validates the bundled configuration against the real catalog", async () => {
    const { loadCatalog } = await import("../sources/catalog.ts");
    const json = JSON.parse(readFileSync(new URL("../config/composite-index.json", import.meta.url), "utf8"));
    expect(parseCompositeIndexConfig(json, "composite-index.json", loadCatalog()).indicators.length).toBeGreaterThan(3);
  });
});
