import { describe, expect, it } from "vitest";
import { canonicalUnit, conversionFactor } from "../sources/units.ts";

describe("unit conversion", () => {
  it("converts 万元 to 亿元 by one ten-thousandth", () => {
    expect(conversionFactor("万元", "亿元")).toBe(1e-4);
    expect(80000 * conversionFactor("万元", "亿元")!).toBeCloseTo(8, 10);
  });
  it("converts 亿元 to 万元 and 万平方米 to 平方米", () => {
    expect(conversionFactor("亿元", "万元")).toBe(1e4);
    expect(conversionFactor("万平方米", "平方米")).toBe(1e4);
  });
  it("refuses to convert between families such as 家 and 亿元", () => {
    expect(conversionFactor("家", "亿元")).toBeUndefined();
    expect(conversionFactor("%", "件/万人")).toBeUndefined();
  });
  it("knows full-width and parenthesised spellings but not made-up units", () => {
    expect(canonicalUnit("％")).toBe("%");
    expect(canonicalUnit("(亿元)")).toBe("亿元");
    expect(canonicalUnit("万亿元")).toBeUndefined();
  });
});
