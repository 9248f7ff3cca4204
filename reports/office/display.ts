// Display precision of office files, in one place: the decimals of a figure come from format.ts's
// displayDecimals (a unit's usual decimals, more for a small amount: 0.47万元, never 0万元), so the
// workbook, the draft and the site agree; this module turns them into rounding and Excel number formats.
import { displayDecimals } from "../format.ts";

const round = (v: number, d: number) => {
  const f = 10 ** d;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
};

/** Decimals of one figure of `unit` as shown (the unit's usual ones when no figure is given). */
export function valueDecimals(unit: string, value?: number | null): number {
  return displayDecimals(unit, value ?? null);
}

export function roundValue(v: number | null, unit: string): number | null {
  return v == null || !Number.isFinite(v) ? null : round(v, valueDecimals(unit, v));
}

/** 同比 in % with one decimal, as bureaus publish it. */
export function roundGrowth(v: number | null): number | null {
  return v == null || !Number.isFinite(v) ? null : round(v, 1);
}

/** 百分点 (or a per-capita ratio's change) with two decimals. */
export function roundPp(v: number | null): number | null {
  return v == null || !Number.isFinite(v) ? null : round(v, 2);
}

/** Excel number format for a number shown with `decimals` decimals, with thousands separators. */
export function excelFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0";
}
