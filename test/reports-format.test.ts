import { describe, expect, it } from "vitest";
import { textWidthPx, truncateToEm } from "../reports/charts/text-width.ts";
import {
  displayDecimals,
  displayNumberFormat,
  excelNumberFormat,
  formatStatementPeriod,
  roundTo,
  formatDateTime,
  formatGrowth,
  formatIncrement,
  formatNumber,
  formatPeriod,
  formatPpChange,
  formatRank,
  formatRankChange,
  formatRankProse,
  formatRatio,
  formatValue,
  formatValueWithUnit,
  rankOrdinalZh,
} from "../reports/format.ts";
import { indicatorFileStem, peerGroupSlug, rankingPagePath, safeFileName } from "../reports/paths.ts";

describe("numbers as bureaus write them", () => {
  it("writes counts as integers with thousand separators", () => {
    expect(formatValue(1096, "家")).toBe("1,096");
    expect(formatValue(1234567.4, "项")).toBe("1,234,567");
    expect(formatValueWithUnit(1096, "家")).toBe("1,096家");
  });

  it("writes 亿元 with two decimals", () => {
    expect(formatValue(1234.5, "亿元")).toBe("1,234.50");
    expect(formatValueWithUnit(12.3, "亿元")).toBe("12.30亿元");
  });

  it("writes ratios with two decimals", () => {
    expect(formatRatio(3.084)).toBe("3.08");
    expect(formatValueWithUnit(2.5, "%")).toBe("2.50%");
    expect(formatValue(31.456, "件/万人")).toBe("31.46");
  });

  it("says 无数据 for a missing value instead of 0 or NaN", () => {
    expect(formatValue(null, "家")).toBe("无数据");
    expect(formatValueWithUnit(undefined, "亿元")).toBe("无数据");
    expect(formatValue(Number.NaN, "家")).toBe("无数据");
  });

  it("never prints negative zero", () => {
    expect(formatNumber(-0.001, 2)).toBe("0.00");
    expect(formatNumber(-1234.5, 1)).toBe("-1,234.5");
  });
});

describe("growth and change", () => {
  it("writes 同比 with one decimal and a word for the sign", () => {
    expect(formatGrowth(12.34)).toBe("增长12.3%");
    expect(formatGrowth(-4)).toBe("下降4.0%");
    expect(formatGrowth(1234.56)).toBe("增长1,234.6%");
  });

  it("calls growth that rounds to zero 持平 and a missing base —", () => {
    expect(formatGrowth(0.04)).toBe("持平");
    expect(formatGrowth(-0.04)).toBe("持平");
    expect(formatGrowth(null)).toBe("—");
  });

  it("writes a ratio change in 百分点 with two decimals, never as % growth", () => {
    expect(formatPpChange(0.36)).toBe("提高0.36个百分点");
    expect(formatPpChange(-0.12)).toBe("下降0.12个百分点");
    expect(formatPpChange(0.001)).toBe("持平");
    expect(formatPpChange(0.36, "%", { withUnit: false })).toBe("提高0.36");
  });

  it("writes the change of a per-capita ratio in its own unit", () => {
    expect(formatPpChange(1.2, "件/万人")).toBe("增加1.20件/万人");
    expect(formatPpChange(-0.5, "件/万人")).toBe("减少0.50件/万人");
  });

  it("signs increments in the unit's precision", () => {
    expect(formatIncrement(96, "家")).toBe("+96");
    expect(formatIncrement(-80, "家")).toBe("-80");
    expect(formatIncrement(0, "家")).toBe("0");
    expect(formatIncrement(1.234, "亿元")).toBe("+1.23");
    expect(formatIncrement(null, "家")).toBe("—");
  });
});

describe("ranks", () => {
  it("uses Chinese numerals for ranks one to ten in prose and digits beyond", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(rankOrdinalZh)).toEqual([
      "第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九", "第十",
    ]);
    expect(rankOrdinalZh(11)).toBe("第11");
    expect(rankOrdinalZh(14)).toBe("第14");
  });

  it("says 并列 for ties in prose and in tables", () => {
    expect(formatRankProse(2, true)).toBe("并列第二");
    expect(formatRankProse(1)).toBe("第一");
    expect(formatRank(2, true)).toBe("并列2");
    expect(formatRank(4)).toBe("4");
    expect(formatRank(null)).toBe("—");
  });

  it("writes rank change as 进位N, 退位N or 持平", () => {
    expect(formatRankChange(2)).toBe("进位2");
    expect(formatRankChange(-1)).toBe("退位1");
    expect(formatRankChange(0)).toBe("持平");
    expect(formatRankChange(null)).toBe("—");
  });
});

describe("periods and time", () => {
  it("writes year-to-date windows as 1-N月 and annual indicators as the year", () => {
    expect(formatPeriod({ year: 2026, month: 10, annual: false })).toBe("2026年1-10月");
    expect(formatPeriod({ year: 2026, month: 1, annual: false })).toBe("2026年1月");
    expect(formatPeriod({ year: 2025, month: 12, annual: true })).toBe("2025年");
  });

  it("stamps generation time in Beijing time whatever the server's zone", () => {
    expect(formatDateTime(new Date("2026-11-20T01:30:00Z"))).toBe("2026年11月20日 09:30");
    expect(formatDateTime(new Date("2026-11-19T20:05:00Z"))).toBe("2026年11月20日 04:05");
  });
});

describe("text width for chart margins", () => {
  it("counts a Chinese character as a full em, wider than Latin letters", () => {
    expect(textWidthPx("西湖区", 14)).toBe(42);
    expect(textWidthPx("西湖区", 14)).toBeGreaterThan(textWidthPx("abc", 14));
    expect(textWidthPx("（杭州市）", 10)).toBe(50);
  });

  it("cuts a very long name with an ellipsis within the limit", () => {
    const cut = truncateToEm("杭州高新技术产业开发区（滨江区）", 8);
    expect(cut.endsWith("…")).toBe(true);
    expect(textWidthPx(cut, 1)).toBeLessThanOrEqual(8);
    expect(truncateToEm("西湖区", 8)).toBe("西湖区");
  });
});

describe("file names", () => {
  it("names city and province groups by their code", () => {
    expect(peerGroupSlug("city:330100")).toBe("city-330100");
    expect(peerGroupSlug("province:330000")).toBe("province-330000");
  });

  it("encodes custom group names into safe, distinct file names", () => {
    const a = peerGroupSlug("custom:A类地区");
    const b = peerGroupSlug("custom:a类地区");
    expect(a).toMatch(/^custom-[a-z0-9_-]+$/);
    expect(a).not.toBe(b);
    // Case-insensitive file systems (Windows, macOS) must still keep them apart.
    expect(a.toLowerCase()).not.toBe(b.toLowerCase());
    expect(peerGroupSlug("custom:../../etc")).not.toContain("/");
    const inputs = ["a_5f", "a_", "A", "a", "a-", "类", "_e7_b1_bb"];
    expect(new Set(inputs.map(safeFileName)).size).toBe(inputs.length);
  });

  it("keeps snake_case indicator codes and builds the page path", () => {
    expect(indicatorFileStem("hte_count")).toBe("hte_count");
    expect(indicatorFileStem("R&D")).toMatch(/^x-[a-z0-9_-]+$/);
    expect(rankingPagePath("city:330100", "hte_count", 2026, 10)).toBe("rankings/city-330100/hte_count-2026-10.html");
  });
});

describe("display precision (numbers a leader can sign)", () => {
  it("keeps the digits that make a small amount true: 0.47万元, never 0万元", () => {
    expect(formatValueWithUnit(0.47, "万元")).toBe("0.47万元");
    expect(formatValueWithUnit(5.3, "万元")).toBe("5.3万元");
    expect(formatValueWithUnit(53.44, "万元")).toBe("53.4万元");
    expect(formatValueWithUnit(12345.6, "万元")).toBe("12,346万元");
    expect(formatValueWithUnit(0.0473, "亿元")).toBe("0.0473亿元");
    expect(formatValueWithUnit(12.3456, "亿元")).toBe("12.35亿元");
    expect(formatValueWithUnit(3.4, "家")).toBe("3家");
  });

  it("shows every amount within 1 % of its value", () => {
    for (const v of [0.0123, 0.47, 0.999, 1.05, 9.96, 10.5, 99.4, 100.5, 1234.5]) {
      const shown = Number(formatValue(v, "万元").replaceAll(",", ""));
      expect(Math.abs(shown - v) / v).toBeLessThan(0.01);
    }
  });

  it("gives the XLSX writer the number format a value is shown with", () => {
    expect([displayDecimals("万元", 0.47), displayNumberFormat("万元", 0.47)]).toEqual([2, "#,##0.00"]);
    expect(displayNumberFormat("万元", 1234.5)).toBe("#,##0");
    expect(displayNumberFormat("亿元", 12.3456)).toBe("#,##0.00");
    // A configured published precision wins.
    expect(displayDecimals("万元", 0.47, 0)).toBe(0);
    expect(excelNumberFormat(1)).toBe("#,##0.0");
  });

  it("rounds half away from zero like DuckDB's round()", () => {
    expect([roundTo(0.475, 2), roundTo(-2.25, 1), roundTo(1.005, 2)]).toEqual([0.48, -2.3, 1.01]);
    expect(formatGrowth(7.65)).toBe("增长7.7%");
  });

  it("agrees with the SQL macros the warehouse ranks and words with", async () => {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const { DDL } = await import("../pipelines/ddl.ts");
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    await c.run(DDL);
    const cases: [string, number][] = [["万元", 0.47], ["万元", 0.0473], ["万元", 99.96], ["万元", 1234.5], ["亿元", 0.475], ["亿元", 12.3456], ["%", 3.08], ["家", 1096.4], ["件/万人", 35]];
    const values = cases.map(([u, v]) => `('${u}', ${v}::double)`).join(", ");
    const rows = (await c.runAndReadAll(`select u, v, display_decimals(u, v)::integer as d, fmt_value(v, u, null) as t from (values ${values}) t(u, v)`)).getRowObjectsJS();
    expect(rows.map((r) => [r.d, r.t])).toEqual(cases.map(([u, v]) => [displayDecimals(u, v), formatValue(v, u)]));
    c.closeSync();
  });

  it("names a statement's period as a window or a point in time", () => {
    expect(formatStatementPeriod({ year: 2026, month: 10, annual: false }, "window")).toBe("2026年1-10月");
    expect(formatStatementPeriod({ year: 2026, month: 10, annual: false }, "end")).toBe("2026年10月末");
    expect(formatStatementPeriod({ year: 2025, month: 12, annual: false }, "end")).toBe("2025年末");
    expect(formatStatementPeriod({ year: 2025, month: 12, annual: true }, "window")).toBe("2025年");
  });
});
