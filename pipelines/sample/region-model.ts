// Which regions a scale covers and how big each one is. The size factor scales every level indicator,
// so rankings stay coherent across indicators: Hangzhou/Ningbo urban districts lead, the 26 mountain
// counties trail, other provinces are scaled by a rough economic weight.
import type { Region } from "../../sources/regions.ts";
import { clamp, logNormal, streamFor, normal } from "./prng.ts";
import type { Scale } from "./options.ts";

export const ZHEJIANG = "330000";

/** 浙江山区26县 (the provincial list, by GB/T 2260 code). */
export const MOUNTAIN_26 = [
  "330127", "330324", "330326", "330327", "330328", "330329", "330723", "330727", "330802", "330803",
  "330822", "330824", "330825", "330881", "331022", "331023", "331024", "331102", "331121", "331122",
  "331123", "331124", "331125", "331126", "331127", "331181",
] as const;
const MOUNTAIN = new Set<string>(MOUNTAIN_26);

/** Urban districts of these cities get the "big" multiplier. */
const BIG_CITIES = new Set(["330100", "330200"]);

/** Rough weight of a province's county-level units against a median Zhejiang county (synthetic, not data). */
const PROVINCE_WEIGHT: Record<string, number> = {
  "11": 2.2, "31": 2.2, "12": 1.0, "32": 1.3, "33": 1.0, "44": 1.2, "37": 0.7, "35": 0.7, "34": 0.6,
  "42": 0.6, "43": 0.5, "51": 0.45, "50": 0.7, "61": 0.45, "41": 0.45, "13": 0.4, "36": 0.45, "21": 0.35,
  "54": 0.05, "63": 0.08, "64": 0.15, "65": 0.12, "62": 0.12, "15": 0.15, "52": 0.25, "53": 0.2, "45": 0.25,
  "46": 0.2, "22": 0.25, "23": 0.2, "14": 0.25,
};

export interface RegionModel {
  region: Region;
  /** Multiplier on level indicators; 1 = a median Zhejiang county. */
  size: number;
  /** Added to every indicator's trend growth, so fast growers are fast across the board. */
  momentum: number;
  /** Numeric stream key. */
  key: number;
}

export function regionsForScale(all: readonly Region[], scale: Scale): Region[] {
  return scale === "national" ? [...all] : all.filter((r) => r.province_code === ZHEJIANG);
}

export function modelRegion(seed: number, region: Region): RegionModel {
  const key = Number(region.code);
  const rng = streamFor(seed, key, 1);
  let size = logNormal(rng, 0.45);
  if (region.province_code === ZHEJIANG) {
    if (region.city_code && BIG_CITIES.has(region.city_code) && region.level === "district") size *= 2.6;
    if (MOUNTAIN.has(region.code)) size *= 0.35;
  } else {
    size *= PROVINCE_WEIGHT[region.code.slice(0, 2)] ?? 0.3;
  }
  return { region, size: clamp(size, 0.05, 4), momentum: 0.03 * normal(rng), key };
}
