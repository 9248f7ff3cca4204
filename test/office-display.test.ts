// The workbook and the draft show a figure at the precision the site shows it: a small 万元 amount keeps
// the digits that make it true (0.47万元, never 0万元), a large one is whole, a count is whole.
import { describe, expect, it } from "vitest";
import { excelFormat, roundValue, valueDecimals } from "../reports/office/display.ts";
import { formatValue } from "../reports/format.ts";

describe("office files' display precision", () => {
  it("keeps a small 万元 amount's digits and rounds a large one to whole 万元, as the site does", () => {
    expect(roundValue(0.4712, "万元")).toBe(0.471);
    expect(excelFormat(valueDecimals("万元", 0.4712))).toBe("#,##0.000");
    expect(roundValue(12345.6, "万元")).toBe(12346);
    expect(excelFormat(valueDecimals("万元", 12345.6))).toBe("#,##0");
    // The cell's format shows the same text as the site's table.
    for (const v of [0.4712, 3.5, 12345.6]) expect(formatValue(v, "万元")).toBe(roundValue(v, "万元")!.toLocaleString("en-US", { minimumFractionDigits: valueDecimals("万元", v) }));
  });

  it("shows counts whole and 亿元 with two decimals", () => {
    expect(roundValue(1096, "家")).toBe(1096);
    expect(excelFormat(valueDecimals("家", 1096))).toBe("#,##0");
    expect(roundValue(12.345, "亿元")).toBe(12.35);
    expect(excelFormat(valueDecimals("亿元", 12.345))).toBe("#,##0.00");
  });
});
