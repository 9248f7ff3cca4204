// Plausible magnitudes per indicator for a median Zhejiang county in 2020 (synthetic, loosely calibrated
// on published provincial totals divided by ~90 units). Unknown catalog codes get a profile from their
// kind and unit, so adding an indicator to config/indicators.json never breaks the generator.
import type { Indicator } from "../../sources/catalog.ts";

export type Pattern =
  /** YTD cumulative of monthly amounts with a seasonal shape. */
  | "flow"
  /** Stock that steps up in certification batches (months 6, 9, 12). */
  | "batch_stock"
  /** Flow of new certifications matching batch_stock's steps (hte_new ↔ hte_count). */
  | "batch_flow"
  /** Stock, value at period end. */
  | "stock"
  /** Ratio for the YTD window, noisy early in the year. */
  | "ratio"
  /** Per-capita stock ratio, rising smoothly through the year. */
  | "stock_ratio";

export interface Profile {
  pattern: Pattern;
  /** 2020 level at size 1 (annual total for flows, year-end for stocks, the rate for ratios). */
  base: number;
  /** level ∝ size^elasticity: 1 for amounts, small for ratios. */
  elasticity: number;
  /** Spread of the region-specific deviation (log-normal sigma). */
  spread: number;
  /** Multiplies the yearly growth (ratios drift slower than levels). */
  growthScale: number;
  min?: number;
  max?: number;
  /** Code of the stock a batch_flow follows. */
  follows?: string;
}

const amount = (base: number, spread = 0.3, elasticity = 1): Profile => ({ pattern: "flow", base, elasticity, spread, growthScale: 1 });
const stock = (base: number, spread = 0.3): Profile => ({ pattern: "stock", base, elasticity: 1, spread, growthScale: 0.8 });
const ratio = (base: number, min: number, max: number, elasticity = 0.15): Profile => ({
  pattern: "ratio", base, elasticity, spread: 0.18, growthScale: 0.3, min, max,
});

export const PROFILES: Record<string, Profile> = {
  hte_count: { pattern: "batch_stock", base: 150, elasticity: 1, spread: 0.15, growthScale: 1 },
  hte_new: { pattern: "batch_flow", base: 0, elasticity: 1, spread: 0, growthScale: 1, follows: "hte_count" },
  tsme_count: amount(420, 0.25),
  rd_expenditure: amount(17, 0.25),
  rd_intensity: ratio(2.3, 0.5, 5, 0.35),
  ind_rd_expense: amount(12, 0.25),
  ind_rd_ratio: ratio(2.2, 0.8, 4.5),
  ht_value_added: amount(70, 0.25),
  ht_va_share: ratio(58, 25, 90, 0.1),
  ht_investment: amount(25, 0.4),
  ht_output: amount(300, 0.25),
  ht_output_share: ratio(55, 20, 88, 0.1),
  tech_contract_value: amount(10, 0.35, 1.1),
  tech_contract_count: amount(380, 0.35),
  invention_grants: amount(300, 0.35, 1.1),
  patent_applications: amount(4000, 0.3),
  pct_applications: amount(22, 0.5, 1.2),
  invention_per_10k: { pattern: "stock_ratio", base: 22, elasticity: 0.5, spread: 0.25, growthScale: 1, min: 1, max: 300 },
  hv_invention_per_10k: { pattern: "stock_ratio", base: 9, elasticity: 0.5, spread: 0.25, growthScale: 1, min: 0.3, max: 150 },
  fiscal_st_spending: amount(4, 0.3),
  fiscal_st_share: ratio(5, 1.5, 15, 0.2),
  ent_rd_institutes: stock(60),
  ind_rd_institution_rate: ratio(48, 15, 95, 0.1),
  new_rd_institutions: stock(5, 0.4),
  key_labs: stock(6, 0.4),
  incubators: stock(8),
  maker_spaces: stock(12),
  incubation_area_new: amount(3, 0.4),
  academician_stations: stock(4, 0.4),
  major_projects: amount(6, 0.4),
  st_awards: amount(3, 0.4),
  st_loans: amount(30, 0.35),
  ip_pledge_loans: amount(6, 0.4),
  iur_projects: amount(50, 0.35),
  foreign_experts: amount(15, 0.4),
  st_commissioners: stock(40),
};

/**
 * Rounds as the sample's bureaus publish: half away from zero at `d` decimals. History files and
 * monthly reports round every figure the same way (a 万元 history file writes the 亿元 figure of the
 * reports times 10,000), so a 同比 the reports state agrees with one recomputed from the history.
 */
export function roundTo(x: number, d: number): number {
  return Math.sign(x) * Number(`${Math.round(Number(`${Math.abs(x)}e${d}`))}e-${d}`);
}

/** Counts and people are integers; money, areas and ratios carry two decimals. */
export function decimalsOf(unit: string): number {
  return ["家", "个", "项", "件", "人"].includes(unit) ? 0 : 2;
}

export function profileOf(ind: Indicator): Profile {
  const known = PROFILES[ind.code];
  if (known) return known;
  if (ind.kind === "ratio") return ind.unit === "%" ? ratio(10, 0.5, 95) : { ...ratio(10, 0.1, 500), pattern: "stock_ratio" };
  if (ind.kind === "stock") return stock(decimalsOf(ind.unit) === 0 ? 30 : 10);
  return amount(decimalsOf(ind.unit) === 0 ? 50 : 5);
}
