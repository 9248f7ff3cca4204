import { describe, expect, it } from "vitest";
import { RegionIndex, loadRegions } from "../sources/regions.ts";

describe("GB/T 2260 regions", () => {
  const regions = loadRegions();
  const by = (code: string) => regions.find((r) => r.code === code);
  it("has every county-level unit and drops NBS economic zones (5th digit 7)", () => {
    expect(regions.filter((r) => r.province_code === "330000")).toHaveLength(90);
    expect(regions.some((r) => r.code[4] === "7")).toBe(false);
    expect(regions.length).toBeGreaterThan(2800);
  });
  it("puts a municipality's districts in the municipality as their city", () => {
    expect(by("110105")).toMatchObject({ city_code: "110000", city_name: "北京市", level: "district" });
    expect(by("500229")?.city_code).toBe("500000");
  });
  it("gives units directly under the province no city", () => {
    expect(by("429004")).toMatchObject({ name: "仙桃市", city_code: null, level: "county_city" });
  });
  it("keeps a city without counties as one pseudo-county", () => {
    expect(by("441900")).toMatchObject({ name: "东莞市", city_code: "441900", level: "city_without_counties" });
  });
  it("resolves a repeated name only within a city or province", () => {
    const idx = new RegionIndex(regions);
    expect(idx.byNameWithin("鼓楼区").length).toBeGreaterThan(1);
    expect(idx.byNameWithin("鼓楼区", "320000").map((r) => r.code)).toEqual(["320106", "320302"]);
    expect(idx.byNameWithin("鼓楼区", "320100").map((r) => r.code)).toEqual(["320106"]);
  });
});
