// Annual targets per district for the last two years, set against the modelled full-year outcome:
// most near it, some clearly ambitious (behind / missed) and some easy (on track / met early),
// so progress checks at month 10 and final checks for last year give a mix of statuses.
import type { Indicator } from "../../sources/catalog.ts";
import { csvLine } from "./csv.ts";
import { clamp, hashString, streamFor, uniform, type Rng } from "./prng.ts";
import type { RegionModel } from "./region-model.ts";
import { regionSeries } from "./series.ts";

export const TARGETS_HEADER = ["地区代码", "地区名称", "年份", "指标名称", "目标类型", "目标值", "计量单位"] as const;

export type TargetType = "总量" | "增速" | "比重";

interface TargetSpec {
  code: string;
  type: TargetType;
  /** Rounds a level the way a bureau would announce it. */
  announce: (x: number) => number;
}

const SPECS: readonly TargetSpec[] = [
  { code: "hte_new", type: "总量", announce: (x) => Math.max(5, Math.round(x / 5) * 5) },
  { code: "tech_contract_value", type: "总量", announce: (x) => Math.max(0.1, Math.round(x * 10) / 10) },
  { code: "ind_rd_expense", type: "增速", announce: (x) => clamp(Math.round(x), 3, 25) },
  { code: "ht_investment", type: "增速", announce: (x) => clamp(Math.round(x), 3, 25) },
  { code: "rd_intensity", type: "比重", announce: (x) => Math.round(x * 100) / 100 },
];

type Stance = "near" | "ambitious" | "easy";

function stance(rng: Rng): Stance {
  const r = rng();
  return r < 0.22 ? "ambitious" : r < 0.4 ? "easy" : "near";
}

/** The target for an actual full-year level (or growth in %, or ratio in %), by stance. */
function setTarget(type: TargetType, actual: number, s: Stance, rng: Rng): number {
  if (type === "总量") return actual * (s === "ambitious" ? uniform(rng, 1.15, 1.4) : s === "easy" ? uniform(rng, 0.7, 0.85) : uniform(rng, 0.88, 1.04));
  if (type === "增速") return actual + (s === "ambitious" ? uniform(rng, 5, 12) : s === "easy" ? -uniform(rng, 4, 8) : uniform(rng, -4, 2));
  return actual + (s === "ambitious" ? uniform(rng, 0.3, 0.6) : s === "easy" ? -uniform(rng, 0.2, 0.4) : uniform(rng, -0.1, 0.1));
}

export interface TargetRow {
  code: string;
  name: string;
  year: number;
  indicator: string;
  type: TargetType;
  value: number;
  unit: string;
}

export function targetRows(seed: number, models: readonly RegionModel[], catalog: readonly Indicator[], year: number): TargetRow[] {
  const specs = SPECS.flatMap((s) => {
    const ind = catalog.find((i) => i.code === s.code);
    return ind ? [{ ...s, ind }] : [];
  });
  const out: TargetRow[] = [];
  for (const model of models) {
    const series = regionSeries({ seed, model, fromYear: year, toYear: year }, catalog);
    for (const s of specs) {
      const cur = series.get(s.code)!.get(year)![11]!;
      const prev = series.get(s.code)!.get(year - 1)![11]!;
      const rng = streamFor(seed, model.key, hashString(s.code), 21, year);
      const actual = s.type === "增速" ? 100 * (cur / prev - 1) : cur;
      out.push({
        code: model.region.code,
        name: model.region.name,
        year,
        indicator: s.ind.name_zh,
        type: s.type,
        value: s.announce(setTarget(s.type, actual, stance(rng), rng)),
        unit: s.type === "总量" ? s.ind.unit : "%",
      });
    }
  }
  return out;
}

export function targetsCsv(rows: readonly TargetRow[]): string {
  const lines = [csvLine(TARGETS_HEADER), ...rows.map((r) => csvLine([r.code, r.name, String(r.year), r.indicator, r.type, String(r.value), r.unit]))];
  return `${lines.join("\n")}\n`;
}
