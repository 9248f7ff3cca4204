// The rules of numbers a leader can sign (issue 14, shared/domain.md), each on a hand-worked figure of
// six Hangzhou districts (fixture leader-numbers): display precision of small 万元 amounts, ranks at
// the published precision, the districts' own 同比 shown and ranked, growth, batch and stock targets,
// and the wording of 亮点 and 短板. The clock is fixed at 2026-06-15, so 2026 data runs to May.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../pipelines/config.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { runPipeline } from "../pipelines/run.ts";
import { renderSite } from "../reports/site.ts";
import { copyFixture, queryWarehouse } from "./helpers/fixture.ts";

const now = () => new Date("2026-06-15T02:00:00Z");
const CITY = "city:330100";
const [SC, GS, XH, BJ, XS, YH] = ["330102", "330105", "330106", "330108", "330109", "330110"];

type Statement = { region_code: string; year: number; month: number; kind: string; text: string; indicator_code: string; peer_group_id: string | null; basis: string; rank: number | null };
type Ranking = { region_code: string; indicator_code: string; basis: string; rank: number; comparable: boolean; peer_group_id: string; year: number; month: number };

let dir: string;
let warehouse: string;
let statements: Statement[];
let rankings: Ranking[];
let warnings: string[];

const says = (region: string, indicator: string, basis: string, group: string | null = CITY) =>
  statements.filter((s) => s.region_code === region && s.indicator_code === indicator && s.basis === basis && s.peer_group_id === group).map((s) => [s.kind, s.text]);
const rankOf = (region: string, indicator: string, basis: string) =>
  rankings.find((r) => r.region_code === region && r.indicator_code === indicator && r.basis === basis && r.peer_group_id === CITY && r.year === 2026 && r.month === 5);
/** A ranking page's CSV as rows of cells (quotes removed; no cell of these pages holds a comma inside quotes but numbers). */
function csv(indicator: string, period = "2026-5"): Record<string, string>[] {
  const text = readFileSync(path.join(dir, "target/site/rankings/city-330100", `${indicator}-${period}.csv`), "utf8").replace(/^\ufeff/, "");
  const parse = (line: string) => [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, "").replaceAll('""', '"')).slice(0, -1);
  const [head, ...rows] = text.trim().split(/\r?\n/).map(parse);
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ""])));
}

beforeAll(async () => {
  dir = copyFixture("leader-numbers");
  const config = loadConfig(path.join(dir, "weici.config.json"));
  warehouse = config.warehouse;
  const logger = memoryLogger();
  await runPipeline(config, { logger, now, renderSite });
  warnings = logger.lines.filter((l) => l.includes("check"));
  statements = await queryWarehouse<Statement>(warehouse, "select region_code, year, month, kind, text, indicator_code, peer_group_id, basis, rank from analyst.statements order by all");
  rankings = await queryWarehouse<Ranking>(warehouse, "select region_code, indicator_code, basis, rank, comparable, peer_group_id, year, month from analyst.rankings");
}, 120_000);

describe("small 万元 amounts and ties at display precision", () => {
  it("writes 0.47万元 (never 0万元) with its 同比 and its 倒数第三 place", () => {
    // 0.47 / 0.48 − 1 = −2.08 %; ranks by shown value: 1,234 ×2 (并列1), 12.6, 0.47, 0.45, 0.2 → 4th of 6.
    expect(says(SC, "innovation_vouchers", "value")).toEqual([["shortfall", "2026年1-5月科技创新券兑付额0.47万元，同比下降2.1%，居全市第四（倒数第三）"]]);
  });

  it("ranks 1,234.4 and 1,234.2万元 as 并列第一 because both read 1,234万元", () => {
    expect([rankOf(BJ, "innovation_vouchers", "value")?.rank, rankOf(XS, "innovation_vouchers", "value")?.rank]).toEqual([1, 1]);
    expect(says(BJ, "innovation_vouchers", "value")).toEqual([["highlight", "2026年1-5月科技创新券兑付额达1,234万元，同比增长23.4%，并列全市第一"]]);
  });

  it("ties two 同比 that both read 23.4% (23.44 and 23.42 unrounded)", () => {
    // 余杭 100.0 %, 西湖 26.0 %, then 滨江 and 萧山 23.4 % → both 3rd, the next is 5th.
    expect([BJ, XS, GS].map((r) => rankOf(r, "innovation_vouchers", "yoy")?.rank)).toEqual([3, 3, 5]);
  });

  it("shows each figure on the ranking page and CSV as it is ranked, with a non-zero 增量 beside a non-zero 同比", () => {
    const rows = csv("innovation_vouchers");
    const sc = rows.find((r) => r["地区"] === "上城区")!;
    expect([sc["位次"], sc["数值（万元）"], sc["同比"], sc["增量（万元）"]]).toEqual(["4", "0.47", "下降2.1%", "-0.01"]);
    expect(rows.filter((r) => r["数值（万元）"] === "1,234").map((r) => r["位次"])).toEqual(["并列1", "并列1"]);
    // The CSV keeps the unrounded figures too.
    expect(Number(rows.find((r) => r["地区"] === "滨江区")!["数值（全精度）"])).toBeCloseTo(1234.4, 6);
  });
});

describe("the districts' own 同比", () => {
  it("shows and ranks the reported 同比 and keeps ours beside it", async () => {
    const [g] = await queryWarehouse<{ yoy_pct: number; yoy_calc: number; yoy_origin: string }>(warehouse,
      `select yoy_pct, yoy_calc, yoy_origin from analyst.growth where region_code = '${SC}' and indicator_code = 'ht_investment' and year = 2026 and month = 5`);
    expect(g!.yoy_pct).toBeCloseTo(8.1, 9);
    expect(g!.yoy_calc).toBeCloseTo(100 * (10 / 9.5 - 1), 6); // 5.26 %
    expect(g!.yoy_origin).toBe("reported");
    // Reported: 8.1, 7.0, 6.0, 3.96, 2.0, −3.0 → 上城区 first (ours, 5.3 %, would be 4th).
    expect(rankOf(SC, "ht_investment", "yoy")?.rank).toBe(1);
    expect(says(SC, "ht_investment", "yoy")).toEqual([["highlight", "2026年1-5月高新技术产业投资同比增长8.1%，增速居全市第一"]]);
    const row = csv("ht_investment").find((r) => r["地区"] === "上城区")!;
    expect([row["同比"], row["重算同比"], row["增速位次"]]).toEqual(["增长8.1%", "增长5.3%", "1"]);
  });

  it("lists the rows where reported and recomputed 同比 differ by more than 0.5 个百分点, and only those", async () => {
    const listed = await queryWarehouse<{ region_code: string; diff_pp: number }>(warehouse,
      "select g.region_code, round(g.reported_yoy - g.yoy_calc, 2) as diff_pp from analyst.growth g where abs(g.reported_yoy - g.yoy_calc) > 0.5");
    expect(listed).toEqual([{ region_code: SC, diff_pp: 2.84 }]);
    expect(warnings.some((l) => l.includes("reported_yoy_differs_from_ours found 1 row"))).toBe(true);
    const quality = readFileSync(path.join(dir, "target/site/quality.html"), "utf8");
    expect(quality).toContain("reported_yoy_differs_from_ours：1行");
  });
});

describe("targets", () => {
  type Target = { region_code: string; indicator_code: string; month: number; target_kind: string; status: string; completion_pct: number | null; time_progress_pct: number | null; gap_pp: number | null; reached: boolean };
  let targets: Target[];
  const target = (region: string, indicator: string) => targets.find((t) => t.region_code === region && t.indicator_code === indicator && t.month === 5)!;
  beforeAll(async () => {
    targets = await queryWarehouse<Target>(warehouse, "select region_code, indicator_code, month, target_kind, status, completion_pct, time_progress_pct, gap_pp, reached from analyst.targets");
  });

  it("judges a negative growth against a growth target in 百分点, with the level-equivalent 完成率", () => {
    const t = target(XS, "ht_investment");
    expect(t.gap_pp).toBeCloseTo(-8, 9);
    expect(t.completion_pct).toBeCloseTo((100 * 9.7) / (10 * 1.05), 6); // 92.4 %, never −60 %
    expect([t.status, t.reached]).toEqual(["behind", false]);
    expect(says(XS, "ht_investment", "target", null)).toEqual([["shortfall", "2026年1-5月高新技术产业投资同比下降3.0%，低于年度目标（增长5.0%）8.0个百分点"]]);
    expect(says(SC, "ht_investment", "target", null)).toEqual([["shortfall", "2026年1-5月高新技术产业投资同比增长8.1%，低于年度目标（增长10.0%）1.9个百分点"]]);
  });

  it("agrees with its sentence at display precision and never says 达到 before the year is complete", () => {
    // 余杭区 reports 3.96 %: shown as 4.0 %, the target's rate.
    expect(target(YH, "ht_investment").status).toBe("on_track");
    expect(says(YH, "ht_investment", "target", null)).toEqual([["highlight", "2026年1-5月高新技术产业投资同比增长4.0%，与年度目标（增长4.0%）持平"]]);
    expect(statements.filter((s) => s.basis === "target" && s.month < 12 && /达到/.test(s.text))).toEqual([]);
  });

  it("judges a batch-certified indicator in May against last year's progress, not month ÷ 12", () => {
    // Last year 0 of 40 were certified by May: progress 0 %, not 41.7 %; 5 of 45 = 11.1 %.
    const t = target(SC, "hte_new");
    expect(t.time_progress_pct).toBeCloseTo(0, 9);
    expect(t.completion_pct).toBeCloseTo((100 * 5) / 45, 6);
    expect(t.status).toBe("on_track");
    expect(says(SC, "hte_new", "target", null)).toEqual([["highlight", "2026年1-5月新认定高新技术企业达5家，完成年度目标（45家）的11.1%，超去年同期进度11.1个百分点"]]);
  });

  it("judges a stock target on the net increase since last year end against the planned increase", () => {
    // 400 at the end of 2025, 420 in May, 500 wanted: 20 of 100 = 20.0 % against 5/12 = 41.7 %.
    const t = target(SC, "hte_count");
    expect(t.completion_pct).toBeCloseTo(20, 9);
    expect(t.status).toBe("behind");
    expect(says(SC, "hte_count", "target", null)).toEqual([
      ["shortfall", "2026年5月末高新技术企业数420家，比上年末净增20家，完成年度目标（500家）净增任务的20.0%，落后时序进度21.7个百分点"],
    ]);
  });
});

describe("wording", () => {
  it("says 提高幅度 only for a rise and 变动幅度, 下降 for a fall", () => {
    expect(says(SC, "ind_rd_ratio", "pp_change")).toEqual([["highlight", "2026年1-5月规上工业研发费用占营业收入比重2.50%，提高0.50个百分点，提高幅度居全市第一"]]);
    expect(says(YH, "ind_rd_ratio", "pp_change")).toEqual([["shortfall", "2026年1-5月规上工业研发费用占营业收入比重2.60%，下降0.40个百分点，变动幅度居全市第六（末位）"]]);
    expect(statements.filter((s) => s.text.includes("提高") && s.text.includes("下降") && s.basis === "pp_change")).toEqual([]);
  });

  it("writes a per-capita ratio at its date, with its change as an 增量 in 件/万人", () => {
    expect(says(SC, "invention_per_10k", "pp_change")).toEqual([["highlight", "2026年5月末每万人发明专利拥有量35.00件/万人，增加5.00件/万人，增量居全市第一"]]);
  });

  it("never calls a place tied with the bottom a 亮点, and says 末位 only in the bottom half", () => {
    // 50, 40, then four at 30: the four share 3rd place, which is also the last.
    expect(says(GS, "invention_grants", "value")).toEqual([["highlight", "2026年1-5月发明专利授权量达40件，同比增长100.0%，居全市第二"]]);
    for (const r of [XH, BJ, XS, YH]) expect(says(r, "invention_grants", "value")).toEqual([]);
    expect(statements.filter((s) => s.text.includes("末位") && s.rank! <= 3)).toEqual([]);
  });

  it("publishes no ranking where everyone ties or fewer than three districts report (暂无可比数据)", () => {
    expect(rankOf(SC, "iur_projects", "value")?.comparable).toBe(false);
    expect(rankOf(SC, "st_loans", "value")?.comparable).toBe(false);
    expect(statements.filter((s) => ["iur_projects", "st_loans"].includes(s.indicator_code))).toEqual([]);
    const page = readFileSync(path.join(dir, "target/site/rankings/city-330100/iur_projects-2026-5.html"), "utf8");
    expect(page).toContain("暂无可比数据");
    expect(csv("st_loans").map((r) => r["位次"])).toEqual(["—", "—"]);
  });

  it("says 与上年持平 with 较上年 at a year end, never 与上年同期持平", () => {
    // 西湖区 3.40 % both years, from 1st to 4th of 6.
    expect(says(XH, "rd_intensity", "value").filter(([, text]) => text!.startsWith("2025年"))).toEqual([["shortfall", "2025年R&D经费投入强度3.40%，与上年持平，居全市第四（倒数第三），较上年后退3位"]]);
    expect(statements.filter((s) => s.text.includes("与上年同期持平") && s.text.includes("较上年"))).toEqual([]);
  });

  it("names the period in every sentence and never writes 达 in a 短板", () => {
    expect(statements.length).toBeGreaterThan(10);
    expect(statements.filter((s) => !/^\d{4}年/.test(s.text))).toEqual([]);
    expect(statements.filter((s) => s.kind === "shortfall" && /达\d/.test(s.text))).toEqual([]);
  });
});
