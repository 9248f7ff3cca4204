// Bureau tables as delivered, loaded end to end with no hint: every shape × container of
// test/fixtures/bureau-tables (made by its make.ts from data.ts), through a `table` source and the
// existing `csv` and `xlsx` kinds. Figures are checked against data.ts, worked out by hand there.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as XLSX from "@e965/xlsx";
import os from "node:os";
import path from "node:path";
import { mkdtempSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../pipelines/config.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { runPipeline } from "../pipelines/run.ts";
import { DISTRICTS, ranks, yoy } from "./fixtures/bureau-tables/data.ts";
import { monthOf } from "./fixtures/bureau-tables/make.ts";
import { queryWarehouse as query } from "./helpers/fixture.ts";
import { loadReportedRanks } from "../reports/load-extras.ts";
import { renderQualityPage } from "../reports/pages/quality-page.ts";

const FIX = path.join(import.meta.dirname, "fixtures", "bureau-tables");
const now = () => new Date("2026-12-10T02:00:00Z");
const d = (name: string) => DISTRICTS.find((x) => x.name === name)!;

async function setup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "weici-bureau-"));
  const put = (sub: string, files: string[], from = "all-shapes") => {
    mkdirSync(path.join(dir, sub), { recursive: true });
    for (const f of files) cpSync(path.join(FIX, from, f), path.join(dir, sub, f));
  };
  put("tongji", ["杭州市主要科技指标完成情况表.xlsx", "2026年科技投入情况.xls", "高企及研发强度.xls", "330102-上城区-月报.xlsx"]);
  put("csv", ["各区县市科技指标-转置.csv", "科技指标-2026年5月.csv", "技术合同清单.tsv"]);
  put("xlsx", ["完成情况表-位次有误.xlsx"], "rank-disagrees");
  put("shanhai", ["山海协作.xlsx"], "ambiguous");
  put("shanhai-hinted", ["山海协作.xlsx"], "ambiguous");
  // A table whose 合计 is 10 亿元 more than its districts (a district left out of the sum, say).
  const apr = DISTRICTS.map((x) => monthOf(x, 4));
  const ws = XLSX.utils.aoa_to_sheet([["2026年1-4月技术合同成交额"], ["地区", "技术合同成交额（亿元）"],
    ...apr.map((x) => [x.name, x.tc[0]]), ["合计", Math.round(100 * (apr.reduce((a, x) => a + x.tc[0], 0) + 10)) / 100]]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, "Sheet1");
  writeFileSync(path.join(dir, "tongji", "合计不符.xlsx"), XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer);
  writeFileSync(path.join(dir, "weici.config.json"), JSON.stringify({
    warehouse: "target/wh.duckdb", work_dir: "target/work", site_dir: "target/site", parquet: false,
    sources: [
      { id: "tongji", kind: "table", dir: "tongji", region_scope: "330100" },
      { id: "district-csv", kind: "csv", dir: "csv", pattern: "*.csv", region_scope: "330100" },
      { id: "lists", kind: "csv", dir: "csv", pattern: "*.tsv", region_scope: "330100" },
      { id: "checked", kind: "xlsx", dir: "xlsx", pattern: "*.xlsx", region_scope: "330100" },
      { id: "shanhai", kind: "table", dir: "shanhai", region_scope: "330100" },
      { id: "shanhai-hinted", kind: "table", dir: "shanhai-hinted", region_scope: "330100", layout: { region_column: "A" } },
    ],
  }));
  const config = loadConfig(path.join(dir, "weici.config.json"));
  const summary = await runPipeline(config, { logger: memoryLogger(), now });
  return { config, summary, wh: config.warehouse };
}

describe("bureau tables as delivered", () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup();
  }, 120_000);

  it("loads every shape and container with no hint; only the ambiguous table is refused, and its hint loads it", async () => {
    expect(ctx.summary.ingest.failures.map((f) => [f.sourceId, f.file])).toEqual([["shanhai", "山海协作.xlsx"]]);
    expect(ctx.summary.ingest.failures[0]!.message).toMatch(/sheet 结对: columns A and B both hold 6 district names; set "region_column" to the one to read in the source's "layout" hint; run `weici inspect 山海协作.xlsx`/);
    const perFile = await query<{ file: string; n: number }>(ctx.wh,
      "select file, count(*)::integer as n from analyst.observations group by file order by file");
    expect(Object.fromEntries(perFile.map((r) => [r.file, r.n]))).toEqual({
      "2026年科技投入情况.xls": 13 * 2, // BIFF8, three-level header
      "高企及研发强度.xls": 13 * 2, // HTML table in GBK, rowspan/colspan
      "330102-上城区-月报.xlsx": 3, // per-district report headed 1-7月累计
      "各区县市科技指标-转置.csv": 13 * 3, // transposed, GBK CSV with captions and a note
      "科技指标-2026年5月.csv": 13 * 2, // one-level wide CSV, period in the file name
      "技术合同清单.tsv": 13, // long list in TSV under a caption line
      "合计不符.xlsx": 13,
      "山海协作.xlsx": 6, // through the layout hint: districts in column A
      // Wide xlsx, two-level merged header, 4 indicators. It repeats the November figures of
      // 杭州市主要科技指标完成情况表.xlsx (the same values twice are no conflict): the newer load is current.
      // 山海协作.xlsx, loaded after it, gives 6 of its 技术合同成交额 figures again and is current for them.
      "完成情况表-位次有误.xlsx": 13 * 4 - 6,
    } satisfies Record<string, number> as Record<string, number>);
  });

  it("keeps each figure's lineage down to the cell: file, sheet, row and column", async () => {
    const [r] = await query(ctx.wh, `select value, sheet, row_number, column_letter from analyst.observations
      where region_code = '330113' and indicator_code = 'ind_rd_expense' and year = 2026 and month = 11 and file = '完成情况表-位次有误.xlsx'`);
    // 临平区 is on the second printed page, under the repeated title and header (row 19).
    expect(r).toEqual({ value: d("临平区").rd[0], sheet: "完成情况", row_number: 19, column_letter: "B" });
  });

  it("reads periods from the title, the sheet name with the year from the file name, full-width digits and the file name", async () => {
    const periods = await query<{ file: string; p: string }>(ctx.wh,
      "select file, string_agg(distinct year || '-' || month, ',') as p from analyst.observations group by file order by file");
    expect(Object.fromEntries(periods.map((r) => [r.file, r.p]))).toMatchObject({
      "2026年科技投入情况.xls": "2026-9", "高企及研发强度.xls": "2026-8", "科技指标-2026年5月.csv": "2026-5", "各区县市科技指标-转置.csv": "2026-10",
    });
  });

  it("gives each indicator its unit from the unit row by family: 亿元 for money, 家 for counts, % for ratios", async () => {
    const rows = await query<{ indicator_code: string; value: number }>(ctx.wh, `select indicator_code, value from analyst.observations
      where region_code = '330106' and year = 2026 and month = 11 order by indicator_code`);
    expect(rows).toEqual([
      { indicator_code: "hte_count", value: d("西湖区").hte[0] },
      { indicator_code: "ind_rd_expense", value: d("西湖区").rd[0] },
      { indicator_code: "ind_rd_ratio", value: d("西湖区").ratio[0] },
      { indicator_code: "tech_contract_value", value: d("西湖区").tc[0] },
    ]);
  });

  it("quarantines no total, 其中, note, sign-off, repeated header row or print copy", async () => {
    const q = await query<{ file: string; sheet: string; reason: string }>(ctx.wh, "select file, sheet, reason from analyst.quarantine");
    // The print copy "完成情况 (2)" repeats the same figures: it counts once and costs no quarantine row.
    // Only the refused ambiguous file, as a whole, is quarantined.
    expect(q.map((r) => [r.file, r.sheet])).toEqual([["山海协作.xlsx", null]]);
  });

  it("keeps each table's total as its reported total, equal to the sum of the districts for flows and counts", async () => {
    const t = await query<{ file: string; indicator_code: string; value: number; label: string }>(ctx.wh,
      "select file, label, indicator_code, value from analyst.reported_totals where file = '2026年科技投入情况.xls' order by indicator_code");
    const sep = DISTRICTS.map((x) => monthOf(x, 9));
    const sum = (k: "rd" | "tc") => Math.round(100 * sep.reduce((s, x) => s + x[k][0], 0)) / 100;
    expect(t).toEqual([
      { file: "2026年科技投入情况.xls", label: "合计", indicator_code: "ind_rd_expense", value: sum("rd") },
      { file: "2026年科技投入情况.xls", label: "合计", indicator_code: "tech_contract_value", value: sum("tc") },
    ]);
    // The check (a warning) finds the one table whose 合计 is off, and no other.
    const off = await query<Record<string, unknown>>(ctx.wh, readFileSync(path.join(import.meta.dirname, "..", "sql", "checks", "reported_totals_match_districts.sql"), "utf8"));
    const apr = DISTRICTS.map((x) => monthOf(x, 4)).reduce((a, x) => a + x.tc[0], 0);
    expect(off.map((r) => [r.file, r.label, r.indicator_code, r.month, r.reported_total, r.district_sum, Number(r.districts)])).toEqual([
      ["合计不符.xlsx", "合计", "tech_contract_value", 4, Math.round(100 * (apr + 10)) / 100, Math.round(100 * apr) / 100, 13],
    ]);
  });

  it("keeps the reported 同比, 去年同期 and 百分点 beside our figures", async () => {
    const [r] = await query(ctx.wh, `select reported_yoy, reported_prev, reported_pp from staging.stg_submissions
      where region_code = '330108' and indicator_code = 'ind_rd_expense' and year = 2026 and month = 11 and sheet = '完成情况' limit 1`);
    expect(r).toMatchObject({ reported_yoy: yoy(d("滨江区").rd), reported_prev: d("滨江区").rd[1] });
    const [p] = await query(ctx.wh, `select reported_pp from staging.stg_submissions
      where region_code = '330108' and indicator_code = 'ind_rd_ratio' and year = 2026 and month = 11 and sheet = '完成情况' limit 1`);
    expect(p!.reported_pp).toBe(Math.round(100 * (d("滨江区").ratio[0] - d("滨江区").ratio[1])) / 100);
  });

  it("shows and ranks the table's own 增减(百分点) for a ratio, as it does its 同比", async () => {
    // The table gives this year's ratio and its change but no row for last year: the official change is
    // the table's; ours cannot be computed, and the pp ranking still has every district.
    const [g] = await query<{ pp_change: number; reported_pp: number; pp_calc: number | null }>(ctx.wh, `select pp_change, reported_pp, pp_calc from analyst.growth
      where region_code = '330108' and indicator_code = 'ind_rd_ratio' and year = 2026 and month = 11`);
    expect(g).toEqual({ pp_change: Math.round(100 * (d("滨江区").ratio[0] - d("滨江区").ratio[1])) / 100, reported_pp: g!.pp_change, pp_calc: null });
    const [n] = await query<{ n: number }>(ctx.wh, `select count(*)::integer as n from analyst.rankings
      where peer_group_id = 'city:330100' and indicator_code = 'ind_rd_ratio' and year = 2026 and month = 11 and basis = 'pp_change'`);
    expect(n!.n).toBe(13);
  });

  it("compares the table's 位次 with our rank: the swapped 富阳区 and 临安区 disagree, the others agree", async () => {
    const rows = await query<{ region_name: string; reported_rank: number; our_rank: number; agrees: boolean }>(ctx.wh, `
      select region_name, reported_rank, our_rank, agrees from analyst.reported_ranks
      where file = '完成情况表-位次有误.xlsx' and sheet = '完成情况' and indicator_code = 'tech_contract_value' order by region_name`);
    expect(rows).toHaveLength(13);
    const ours = ranks((x) => x.tc[0]);
    for (const r of rows) expect(r.our_rank).toBe(ours.get(r.region_name));
    expect(rows.filter((r) => !r.agrees).map((r) => r.region_name).sort()).toEqual(["临安区", "富阳区"]);
    const good = await query<{ n: number; ok: number }>(ctx.wh, `select count(*)::integer as n, count(*) filter (where agrees)::integer as ok
      from analyst.reported_ranks where file = '杭州市主要科技指标完成情况表.xlsx' and sheet = '完成情况'`);
    expect(good[0]).toEqual({ n: 13 + 13, ok: 13 + 13 });
    const html = await query(ctx.wh, `select count(*)::integer as n, count(*) filter (where agrees)::integer as ok
      from analyst.reported_ranks where file = '高企及研发强度.xls' and indicator_code = 'hte_count'`);
    expect(html).toEqual([{ n: 13, ok: 13 }]);
  });

  it("counts agreements and lists the disagreements on the quality page", async () => {
    const view = await loadReportedRanks((sql) => query(ctx.wh, sql));
    const n = (await query<{ n: number }>(ctx.wh, "select count(*)::integer as n from analyst.reported_ranks"))[0]!.n;
    // 2 districts; the print copy "完成情况 (2)" repeats them and counts once.
    expect(view.disagree).toBe(2);
    expect(view.agree + view.disagree + view.unchecked).toBe(n);
    const html = renderQualityPage({ generatedAt: now(), dataPeriod: "2026年1-11月", sources: [], runs: [], quarantineTotal: 0, quarantine: [], checks: [], reportedRanks: view, indexHref: "index.html" });
    expect(html).toContain(`与本系统计算一致${view.agree.toLocaleString("en-US")}个，不一致2个`);
    const tcRank = ranks((x) => x.tc[0]);
    // 富阳区's published rank is 临安区's and the other way round.
    expect(view.disagreements.filter((x) => x.sheet === "完成情况").map((x) => [x.region, x.indicator, x.reported, x.ours]).sort()).toEqual([
      ["临安区", "技术合同成交额", tcRank.get("富阳区"), tcRank.get("临安区")],
      ["富阳区", "技术合同成交额", tcRank.get("临安区"), tcRank.get("富阳区")],
    ]);
  });

  it("skips the hidden working sheet and says so in the load record", async () => {
    const notes = await query<{ note: string }>(ctx.wh, "select note from meta.load_notes n join meta.loads l using (load_id) where l.file = '杭州市主要科技指标完成情况表.xlsx'");
    expect(notes.map((n) => n.note)).toEqual(["sheet 底稿 skipped: hidden sheet"]);
    const [x] = await query<{ n: number }>(ctx.wh, `select count(*)::integer as n from analyst.observations where indicator_code = 'ind_rd_expense' and value = ${d("西湖区").rd[0] * 10}`);
    expect(x!.n).toBe(0);
  });
});
