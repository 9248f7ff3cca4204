// Monthly figures of one region for every indicator, in the catalog unit, unrounded. Yearly levels
// follow a per-region trend with yearly shocks around a 2020 base; months follow the domain rules:
// flows are year-to-date totals, stocks are month-end values, ratios are for the YTD window.
import type { Indicator } from "../../sources/catalog.ts";
import { clamp, hashString, logNormal, normal, streamFor, uniform } from "./prng.ts";
import { profileOf, type Profile } from "./profiles.ts";
import type { RegionModel } from "./region-model.ts";

export const BASE_YEAR = 2020;

/** Relative monthly activity: slow around the Spring Festival, a year-end rush in December. */
const SEASON = [0.6, 0.65, 0.95, 0.95, 0.95, 1.1, 0.95, 0.9, 1.0, 0.95, 1.05, 1.3];

/** year → 12 month values (index 0 = January). */
export type YearValues = Map<number, Float64Array>;

export interface SeriesContext {
  seed: number;
  model: RegionModel;
  /** First and last year wanted; the year before fromYear is generated too, as the YoY base. */
  fromYear: number;
  toYear: number;
}

function yearlyLevels(ctx: SeriesContext, code: string, p: Profile): Map<number, number> {
  const { seed, model } = ctx;
  const k = hashString(code);
  const rng = streamFor(seed, model.key, k, 2);
  const base = p.base * model.size ** p.elasticity * logNormal(rng, p.spread);
  const trend = uniform(rng, -0.02, 0.18) + model.momentum;
  // A shock per year from its own stream, so the path does not depend on the range generated.
  const growth = (y: number) => p.growthScale * clamp(trend + 0.05 * normal(streamFor(seed, model.key, k, 3, y)), -0.05, 0.25);
  const bound = (v: number) => clamp(v, p.min ?? 0, p.max ?? Infinity);
  const out = new Map<number, number>([[BASE_YEAR, bound(base)]]);
  for (let y = BASE_YEAR + 1; y <= ctx.toYear; y++) out.set(y, bound(out.get(y - 1)! * (1 + growth(y))));
  for (let y = BASE_YEAR - 1; y >= ctx.fromYear - 2; y--) out.set(y, bound(out.get(y + 1)! / (1 + growth(y + 1))));
  return out;
}

/** Shares of a year's certifications landing in the batches of months 6, 9 and 12. */
function batchFraction(ctx: SeriesContext, stockCode: string, year: number): (month: number) => number {
  const rng = streamFor(ctx.seed, ctx.model.key, hashString(stockCode), 4, year);
  const s6 = uniform(rng, 0.3, 0.45);
  const s9 = uniform(rng, 0.3, 0.45);
  return (m) => (m < 6 ? 0 : m < 9 ? s6 : m < 12 ? s6 + s9 : 1);
}

function monthly(ctx: SeriesContext, ind: Indicator, p: Profile, catalog: readonly Indicator[]): YearValues {
  const code = p.follows ?? ind.code;
  const levelsProfile = p.follows ? profileOf(catalog.find((i) => i.code === p.follows) ?? ind) : p;
  const L = yearlyLevels(ctx, code, levelsProfile);
  const k = hashString(ind.code);
  const out: YearValues = new Map();
  for (let y = ctx.fromYear - 1; y <= ctx.toYear; y++) {
    const cur = L.get(y)!;
    const prev = L.get(y - 1)!;
    const v = new Float64Array(12);
    const rng = streamFor(ctx.seed, ctx.model.key, k, 5, y);
    switch (p.pattern) {
      case "flow": {
        const w = SEASON.map((s) => s * logNormal(rng, 0.15));
        const total = w.reduce((a, b) => a + b, 0);
        let cum = 0;
        for (let m = 0; m < 12; m++) v[m] = (cum += w[m]!) / total * cur;
        v[11] = cur;
        break;
      }
      case "batch_stock":
      case "batch_flow": {
        const c1 = Math.round(cur), c0 = Math.round(prev);
        const frac = batchFraction(ctx, code, y);
        // About a tenth of certificates lapse each year, so new certifications exceed the net change.
        const fresh = Math.max(0, Math.round(c1 - c0 + 0.1 * c0));
        for (let m = 0; m < 12; m++) {
          v[m] = p.pattern === "batch_stock" ? c0 + Math.round(frac(m + 1) * (c1 - c0)) : Math.round(frac(m + 1) * fresh);
        }
        break;
      }
      case "stock":
      case "stock_ratio":
        for (let m = 0; m < 12; m++) v[m] = prev + ((cur - prev) * (m + 1)) / 12;
        break;
      case "ratio":
        for (let m = 0; m < 12; m++) {
          v[m] = clamp(cur * (1 + 0.05 * normal(rng) * ((11 - m) / 11)), p.min ?? 0, p.max ?? Infinity);
        }
        break;
    }
    out.set(y, v);
  }
  return out;
}

/** Every catalog indicator's figures for one region, keyed by indicator code. */
export function regionSeries(ctx: SeriesContext, catalog: readonly Indicator[]): Map<string, YearValues> {
  return new Map(catalog.map((ind) => [ind.code, monthly(ctx, ind, profileOf(ind), catalog)]));
}
