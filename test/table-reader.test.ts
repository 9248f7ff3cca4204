// The table reader's cues one by one, on the bureau-table fixtures and on small tables built here:
// containers by content, periods in their many spellings, measures under an indicator, units by
// family, row roles, refusals that name the hint which settles them, and the hint itself.
import { readFileSync } from "node:fs";
import path from "node:path";
import * as XLSX from "@e965/xlsx";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../sources/catalog.ts";
import { sniffContainer } from "../sources/table/container.ts";
import { measureOf } from "../sources/table/measures.ts";
import { findPeriod, periodIn } from "../sources/table/period.ts";
import { TableReadError, readTableFile } from "../sources/table/read-table.ts";
import { DISTRICTS, ranks, yoy } from "./fixtures/bureau-tables/data.ts";

const FIX = path.join(import.meta.dirname, "fixtures", "bureau-tables");
const fixture = (dir: string, f: string) => readFileSync(path.join(FIX, dir, f));
const catalog = loadCatalog();
const xlsxOf = (rows: (string | number | null)[][], merges: string[] = [], name = "Sheet1") => {
  const wb = XLSX.utils.book_new();
  const ws = XLSX.utils.aoa_to_sheet(rows);
  ws["!merges"] = merges.map((m) => XLSX.utils.decode_range(m));
  XLSX.utils.book_append_sheet(wb, ws, name);
  return XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer;
};

describe("containers are told by content, not by name", () => {
  it("tells zip, OLE2 (BIFF8), HTML and text apart", () => {
    expect(sniffContainer(fixture("all-shapes", "杭州市主要科技指标完成情况表.xlsx"))).toBe("xlsx");
    expect(sniffContainer(fixture("all-shapes", "2026年科技投入情况.xls"))).toBe("xls");
    expect(sniffContainer(fixture("all-shapes", "高企及研发强度.xls"))).toBe("html");
    expect(sniffContainer(fixture("all-shapes", "各区县市科技指标-转置.csv"))).toBe("csv");
  });
  it("decodes a GBK HTML table by its declared charset and a GBK CSV by its bytes", () => {
    const html = readTableFile(fixture("all-shapes", "高企及研发强度.xls"), { file: "高企及研发强度.xls", catalog });
    expect([html.container, html.encoding]).toEqual(["html", "gb18030"]);
    expect(html.rows.find((r) => r.region_name === "西湖区" && r.indicator_name === "高新技术企业数")?.value).toBeTruthy();
    const csv = readTableFile(fixture("all-shapes", "各区县市科技指标-转置.csv"), { file: "x.csv", catalog });
    expect([csv.container, csv.encoding, csv.tables[0]!.layout]).toEqual(["csv", "gb18030", "transposed"]);
  });
});

describe("periods", () => {
  it.each([
    ["2026年1-11月各县（市、区）主要科技指标完成情况表", 2026, 11],
    ["2026年1—11月", 2026, 11],
    ["２０２６年１～８月", 2026, 8],
    ["二〇二五年全年科技统计", 2025, 12],
    ["2025年", 2025, 12],
    ["2026年前三季度", 2026, 9],
    ["2026年十一月", 2026, 11],
    ["2026-05", 2026, 5],
  ])("reads %s as %i-%i", (text, year, month) => {
    expect(findPeriod([{ from: "title", text }])).toMatchObject({ year, month });
  });
  it("takes a month-only sheet name's year from the file name and says so", () => {
    expect(findPeriod([{ from: "sheet name", text: "1-9月" }, { from: "file name", text: "2026年科技投入情况.xls" }]))
      .toEqual({ year: 2026, month: 9, from: "sheet name (year from file name)", text: "1-9月" });
  });
  it("finds no period in a district code", () => {
    expect(periodIn("330102-上城区.xlsx")).toBeNull();
  });
  it("refuses a table without a period, saying where it looked and which hint settles it", () => {
    const buf = xlsxOf([["各区科技指标"], ["地区", "技术合同成交额（亿元）"], ["上城区", 1.2], ["西湖区", 3.4]]);
    expect(() => readTableFile(buf, { file: "表.xlsx" })).toThrow(/no period found: looked in the title rows \("各区科技指标"\), the sheet name "Sheet1" and the file name "表.xlsx".*"period": "2026-11"/);
    const ok = readTableFile(buf, { file: "表.xlsx", hint: { period: "2026-11" } });
    expect(ok.tables[0]!.period).toMatchObject({ year: 2026, month: 11, from: "layout hint" });
  });
});

describe("measures under an indicator", () => {
  it.each([
    ["1-11月累计", "value"], ["本年累计", "value"], ["本期", "value"], ["去年同期", "prev"], ["上年同期", "prev"], ["同比增长(%)", "yoy"],
    ["增幅(%)", "yoy"], ["增减(百分点)", "pp_change"], ["比上年增减(百分点)", "pp_change"], ["占比(%)", "share"], ["位次", "rank"], ["本月", "month_only"],
  ])("%s is %s", (label, measure) => {
    expect(measureOf(label)?.measure).toBe(measure);
  });
  it("reads a rank's scope and basis from its words", () => {
    expect(measureOf("全省位次")).toEqual({ measure: "rank", rankScope: "province", rankBasis: "value" });
    expect(measureOf("增速全市排名")).toEqual({ measure: "rank", rankScope: "city", rankBasis: "yoy" });
  });
});

describe("the wide 完成情况表", () => {
  const r = readTableFile(fixture("all-shapes", "杭州市主要科技指标完成情况表.xlsx"), { file: "杭州市主要科技指标完成情况表.xlsx", catalog });
  const main = r.tables.find((t) => t.sheet === "完成情况")!;
  it("finds the two-level merged header under the title and unit rows", () => {
    expect(main.headerRows).toEqual([3, 4]);
    expect(main.columns.find((c) => c.letter === "E")).toMatchObject({ indicator: "规上工业企业研发费用", measure: "rank", rankScope: "city" });
    expect(main.columns.find((c) => c.letter === "L")).toMatchObject({ indicator: "研发费用占营业收入比重", measure: "pp_change" });
  });
  it("gives each indicator the unit of its family from 单位：亿元、家、%", () => {
    const units = Object.fromEntries(main.columns.filter((c) => c.measure === "value").map((c) => [c.indicator, c.unit]));
    expect(units).toEqual({ 规上工业企业研发费用: "亿元", 技术合同成交额: "亿元", 高新技术企业数: "家", 研发费用占营业收入比重: "%" });
  });
  it("says what each non-district row is: total, 其中, repeated title and header, note, sign-off", () => {
    const roles = main.rows.filter((x) => x.role !== "district").map((x) => [x.row, x.role]);
    expect(roles).toEqual([[5, "total"], [10, "sub"], [15, "caption"], [16, "header"], [17, "header"], [25, "note"], [26, "signoff"]]);
  });
  it("reads every district with its reported 同比 and rank, consistent with its figures", () => {
    const rd = r.rows.filter((x) => x.sheet === "完成情况" && x.indicator_name === "规上工业企业研发费用" && x.row_role === "district");
    expect(rd).toHaveLength(13);
    const byRank = ranks((d) => d.rd[0]);
    for (const d of DISTRICTS) {
      const row = rd.find((x) => x.region_name === d.name)!;
      expect([Number(row.value), Number(row.reported_prev), Number(row.reported_yoy), Number(row.reported_rank_city)]).toEqual([d.rd[0], d.rd[1], yoy(d.rd), byRank.get(d.name)]);
    }
  });
  it("skips the hidden sheet and reads the print copy as its own sheet", () => {
    expect(r.skipped).toEqual([{ sheet: "底稿", reason: "hidden sheet" }]);
    expect(r.tables.map((t) => t.sheet)).toEqual(["完成情况", "完成情况 (2)"]);
  });
});

describe("a table typed by hand at a bureau (not from our generator)", () => {
  // GBK CSV: 序号 column, spaced names (上 城 区), 单位 row shared by two indicators, an indicator over a
  // bare quantity word (技术合同成交额 over 金额 | 同比±% | 全市排名), 全市合计 first, a 制表 line.
  const r = readTableFile(fixture("hand-typed", "技术合同登记情况（1-10月）.csv"), { file: "技术合同登记情况（1-10月）.csv", catalog: loadCatalog() });
  it("takes 金额 as the figure of the indicator above it, in the unit row's 万元, with its 同比 and rank", () => {
    const tc = r.rows.filter((x) => x.indicator_name === "技术合同成交额" && x.row_role === "district");
    expect(tc.map((x) => [x.region_name?.replace(/\s/g, ""), Number(String(x.value).replace(/,/g, "")), x.unit, Number(x.reported_yoy), Number(x.reported_rank_city), x.year, x.month])).toEqual([
      ["上城区", 98520, "万元", 6.3, 5, "2026", "10"], ["拱墅区", 120310, "万元", 9.8, 4, "2026", "10"], ["西湖区", 302660, "万元", 25.7, 1, "2026", "10"],
      ["滨江区", 288100, "万元", 18.2, 2, "2026", "10"], ["萧山区", 160050, "万元", 11.0, 3, "2026", "10"],
    ]);
  });
  it("names the group 技术合同登记 over 项数 by both words: 技术合同登记项数, in 项", () => {
    const n = r.rows.filter((x) => x.row_role === "district" && catalog.resolve(x.indicator_name ?? "")?.code === "tech_contract_count");
    expect(n.map((x) => [x.region_name?.replace(/\s/g, ""), Number(x.value), x.unit, Number(x.reported_yoy)])).toEqual([
      ["上城区", 612, "项", 8.1], ["拱墅区", 540, "项", 4.2], ["西湖区", 1105, "项", 20.5], ["滨江区", 980, "项", 15.3], ["萧山区", 703, "项", 9.9],
    ]);
  });
});

describe("refusals and hints", () => {
  it("refuses two columns of district names, naming both and the region_column hint", () => {
    const buf = fixture("ambiguous", "山海协作.xlsx");
    expect(() => readTableFile(buf, { file: "山海协作.xlsx" })).toThrow(TableReadError);
    expect(() => readTableFile(buf, { file: "山海协作.xlsx" })).toThrow(/columns A and B both hold 6 district names; set "region_column"/);
    const ok = readTableFile(buf, { file: "山海协作.xlsx", hint: { region_column: "A" } });
    expect(ok.rows.map((x) => x.region_name)).toEqual(DISTRICTS.slice(0, 6).map((d) => d.name));
  });
  it("refuses two value columns for one indicator and keeps one with ignore_columns", () => {
    const rows = [["2026年1-11月技术合同"], ["地区", "技术合同成交额（亿元）", null], [null, "本期", "本期数"], ["上城区", 1, 2], ["西湖区", 3, 4]];
    const buf = xlsxOf(rows, ["A1:C1", "A2:A3", "B2:C2"]);
    expect(() => readTableFile(buf, { file: "t.xlsx" })).toThrow(/indicator "技术合同成交额" has 2 value columns \(B "技术合同成交额（亿元） \/ 本期", C .*\); set "ignore_columns": \["C"\]/);
    const ok = readTableFile(buf, { file: "t.xlsx", hint: { ignore_columns: ["C"] } });
    expect(ok.rows.map((x) => [x.region_name, x.value, x.unit])).toEqual([["上城区", "1", "亿元"], ["西湖区", "3", "亿元"]]);
  });
  it("refuses an ambiguous sheet alone: the workbook's other table loads and the refusal is a row naming the sheet", () => {
    const wb = XLSX.utils.book_new();
    const one = XLSX.utils.aoa_to_sheet([["2026年1-11月技术合同"], ["地区", "技术合同成交额（亿元）"], [null, "本年累计"], ["上城区", 1.5], ["西湖区", 3.25]]);
    one["!merges"] = [XLSX.utils.decode_range("A2:A3")];
    XLSX.utils.book_append_sheet(wb, one, "汇总");
    const two = XLSX.utils.aoa_to_sheet([["2026年1-11月技术合同"], ["地区", "技术合同成交额（亿元）", null], [null, "本期", "本期数"], ["上城区", 1, 2], ["西湖区", 3, 4]]);
    two["!merges"] = ["A1:C1", "A2:A3", "B2:C2"].map((m) => XLSX.utils.decode_range(m));
    XLSX.utils.book_append_sheet(wb, two, "草稿");
    const r = readTableFile(XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer, { file: "t.xlsx" });
    expect(r.rows.map((x) => [x.sheet, x.region_name, x.value])).toEqual([["汇总", "上城区", "1.5"], ["汇总", "西湖区", "3.25"]]);
    expect(r.rejected).toEqual([{ sheet: "草稿", row_number: null, field: "sheet", raw: null,
      reason: expect.stringMatching(/^sheet not read: sheet 草稿: indicator "技术合同成交额" has 2 value columns .*"ignore_columns": \["C"\]/) }]);
  });
  it("quarantines a figure whose header and indicator name give different units", () => {
    const buf = xlsxOf([["2026年1-11月"], ["地区", "技术合同成交额（亿元）"], [null, "本年累计(万元)"], ["上城区", 1], ["西湖区", 3]], ["A2:A3"]);
    const r = readTableFile(buf, { file: "t.xlsx" });
    expect(r.rows).toEqual([]);
    expect(r.rejected.map((q) => q.reason)).toEqual([
      'units disagree: 万元 in "本年累计(万元)", 亿元 in "技术合同成交额（亿元）" (column B); correct the header or the unit row',
      'units disagree: 万元 in "本年累计(万元)", 亿元 in "技术合同成交额（亿元）" (column B); correct the header or the unit row',
    ]);
  });
  it("reads an HTML table typed as UTF-8 with a full-width period and a 合计 row first", () => {
    const html = `<table><tr><td colspan=3>２０２５年全年</td></tr><tr><td>县市区</td><td>高新技术企业数(家)</td><td>位次</td></tr>
      <tr><td>合计</td><td>5</td><td></td></tr><tr><td>上城区</td><td>2</td><td>2</td></tr><tr><td>西湖区</td><td>3</td><td>1</td></tr></table>`;
    const r = readTableFile(iconv.encode(html, "utf8"), { file: "x.xls" });
    expect(r.rows.map((x) => [x.region_name, x.row_role, x.year, x.month, x.value, x.reported_rank_city])).toEqual([
      ["合计", "total", "2025", "12", "5", null], ["上城区", "district", "2025", "12", "2", "2"], ["西湖区", "district", "2025", "12", "3", "1"],
    ]);
  });
  it("takes a group heading (城区, （二）县（市）) for a caption and its 小计 for no district, and keeps a district that reported nothing", () => {
    const csv = ["2025年各县（市、区）高新技术企业情况", "县（市、区）,高新技术企业数(家),位次", "城区,,", "上城区,12,2", "西湖区,15,1", "城区小计,27,",
      "（二）县（市）,,", "桐庐县,4,3", "淳安县,,", "县（市）合计,4,"].join("\r\n");
    const r = readTableFile(iconv.encode(csv, "gbk"), { file: "x.csv", catalog });
    expect(r.rows.map((x) => [x.region_name, x.value])).toEqual([["上城区", "12"], ["西湖区", "15"], ["桐庐县", "4"], ["淳安县", null]]);
  });
});

describe("configuration and the inspect command", () => {
  it("lets a table source leave out its pattern, validates its layout hint, and still asks other kinds for one", async () => {
    const { parseConfig } = await import("../pipelines/config.ts");
    const c = parseConfig({ sources: [{ id: "tongji", kind: "table", dir: "in", region_scope: "330100", layout: { region_column: "A", period: "2026-11" } }] }, "/tmp/w/weici.config.json");
    expect(c.sources[0]).toMatchObject({ kind: "table", pattern: "**/*", layout: { region_column: "A", period: "2026-11" } });
    expect(() => parseConfig({ sources: [{ id: "t", kind: "table", dir: "in", layout: { region_column: "A1" } }] }, "/tmp/w/weici.config.json")).toThrow(/region_column/);
    expect(() => parseConfig({ sources: [{ id: "c", kind: "csv", dir: "in" }] }, "/tmp/w/weici.config.json")).toThrow(/sources\[c\]\.pattern is missing/);
  });
  it("`weici inspect` prints the layout, the column map, the period's origin and each row's fate", async () => {
    const { main } = await import("../pipelines/cli.ts");
    let out = "";
    const code = await main(["inspect", path.join(FIX, "all-shapes", "2026年科技投入情况.xls")], { stdout: (s) => void (out += s) });
    expect(code).toBe(0);
    expect(out).toContain("container  xls");
    expect(out).toContain("sheet 1-9月: wide table, header rows 2-4, districts in column A");
    expect(out).toContain('period     2026-09 (1-9月), from the sheet name (year from file name): "1-9月"');
    expect(out).toMatch(/C\s+"科技投入 \/ 规上工业企业研发费用（亿元） \/ 本年累计"\s+规上工业企业研发费用 → ind_rd_expense · value \(ours\) · 亿元/);
    expect(out).toMatch(/18 {2}合计\s+table total: 2 figures kept as the reported total/);
    expect(out).toContain("28 figures would load (2 of them table totals)");
  });
  it("`weici inspect --sheet` reads a hidden sheet on request, and says where it looked for a period it cannot find", async () => {
    const { main } = await import("../pipelines/cli.ts");
    const file = path.join(FIX, "all-shapes", "杭州市主要科技指标完成情况表.xlsx");
    await expect(main(["inspect", file, "--sheet", "底稿"], { stdout: () => {} }))
      .rejects.toThrow(/sheet 底稿: no period found: looked in the title rows \("底稿（勿报）"\), the sheet name "底稿" and the file name/);
    let out = "";
    await main(["inspect", file, "--sheet", "完成情况 (2)"], { stdout: (s) => void (out += s) });
    expect(out).toContain("sheet 完成情况 (2): wide table");
    expect(out).not.toContain("sheet 完成情况:");
  });
});
