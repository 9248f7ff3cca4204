// Numbers, ranks and periods written the way a 科技局 writes them (see shared/domain.md, "How bureaus
// write numbers"). Grouping is done by hand so output does not depend on the ICU build or locale.

import type { Period } from "./model.ts";

/** Shown wherever a figure is missing; a dash reads as "not applicable", 无数据 as "not reported". */
export const NO_DATA = "无数据";
export const NOT_APPLICABLE = "—";

/** Units counted in whole things: always integers. */
const COUNT_UNITS = new Set(["家", "项", "件", "个", "人"]);
/** Money written as integers when large (12,345万元); a small amount keeps the digits that make it true. */
const INTEGER_MONEY_UNITS = new Set(["万元", "元"]);
/** Significant digits a small amount keeps (0.47万元, 0.0473亿元): shown within 1 % of its value. */
const SIGNIFICANT_DIGITS = 3;
const MAX_DECIMALS = 4;

/**
 * Rounds half away from zero on the decimal digits (0.475 → 0.48), as DuckDB's round() does, so a
 * figure rounded here and the same figure rounded in SQL agree.
 */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  const r = Number(`${Math.round(Number(`${Math.abs(value)}e${decimals}`))}e-${decimals}`) * sign;
  return r === 0 ? 0 : r;
}

/** `1096.4` → `"1,096"`; `-0` never shows as `-0`. */
export function formatNumber(value: number, decimals: number): string {
  const fixed = roundTo(Math.abs(value), decimals).toFixed(decimals);
  const [int = "0", frac] = fixed.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

/** A unit's usual decimals: integers for counts and 万元, two decimals for 亿元, % and rates. */
export function decimalsFor(unit: string): number {
  return COUNT_UNITS.has(unit) || INTEGER_MONEY_UNITS.has(unit) ? 0 : 2;
}

/**
 * Decimals a level (or increment) of `unit` is shown with: the unit's usual decimals, more for a small
 * amount so that it keeps three significant digits (0.47万元, never 0万元; at most four decimals), and
 * never a trailing zero beyond the usual ones (0.5万元, 12.35亿元). `fixed` is an indicator's configured
 * published precision (config/indicators.json `precision`), which wins. Ranks are computed at this
 * precision too (sql macro display_decimals, pipelines/ddl.ts), so equal shown figures are 并列.
 * The XLSX 完成情况表 uses it through excelNumberFormat() to give each cell the format it is shown in.
 */
export function displayDecimals(unit: string, value: number | null | undefined, fixed?: number | null): number {
  if (fixed != null) return fixed;
  const base = decimalsFor(unit);
  if (COUNT_UNITS.has(unit) || value == null || !Number.isFinite(value) || value === 0) return base;
  const wanted = Math.max(base, Math.min(MAX_DECIMALS, SIGNIFICANT_DIGITS - 1 - Math.floor(Math.log10(Math.abs(value)))));
  const shown = roundTo(value, wanted);
  let d = base;
  while (d < wanted && roundTo(value, d) !== shown) d++;
  return d;
}

/** Excel number format for a figure shown with `decimals` decimals: `#,##0` or `#,##0.00`. */
export function excelNumberFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0";
}

/** Excel number format of one level of `unit` as weici shows it (see displayDecimals). */
export function displayNumberFormat(unit: string, value: number | null | undefined, fixed?: number | null): string {
  return excelNumberFormat(displayDecimals(unit, value, fixed));
}

/** A level at its display precision, without the unit (tables put the unit in the header). */
export function formatValue(value: number | null | undefined, unit: string, fixed?: number | null): string {
  if (value == null || !Number.isFinite(value)) return NO_DATA;
  return formatNumber(value, displayDecimals(unit, value, fixed));
}

/** A level with its unit as prose writes it: `1,096家`, `12.35亿元`, `0.47万元`, `3.08%`. */
export function formatValueWithUnit(value: number | null | undefined, unit: string, fixed?: number | null): string {
  if (value == null || !Number.isFinite(value)) return NO_DATA;
  return `${formatValue(value, unit, fixed)}${unit}`;
}

/** Default published precision of a 同比 (%), and of a 百分点 change. */
export const YOY_DECIMALS = 1;
export const PP_DECIMALS = 2;

/** 同比: `增长12.3%` / `下降4.0%` / `持平` (when it rounds to zero); null base → `—`. */
export function formatGrowth(pct: number | null | undefined, decimals = YOY_DECIMALS): string {
  if (pct == null || !Number.isFinite(pct)) return NOT_APPLICABLE;
  const abs = formatNumber(Math.abs(pct), decimals);
  if (Number(abs.replace(/,/g, "")) === 0) return "持平";
  return `${pct > 0 ? "增长" : "下降"}${abs}%`;
}

/**
 * Change of a ratio: `提高0.36个百分点` for % ratios; a per-capita ratio (件/万人) is not a percentage,
 * so its change is written in its own unit: `增加1.20件/万人`.
 */
export function formatPpChange(
  change: number | null | undefined,
  unit = "%",
  opts: { withUnit?: boolean; decimals?: number } = {},
): string {
  if (change == null || !Number.isFinite(change)) return NOT_APPLICABLE;
  const abs = formatNumber(Math.abs(change), opts.decimals ?? PP_DECIMALS);
  if (Number(abs.replace(/,/g, "")) === 0) return "持平";
  // Tables put the unit in the column header; prose needs it in the text.
  const withUnit = opts.withUnit ?? true;
  if (unit === "%") return `${change > 0 ? "提高" : "下降"}${abs}${withUnit ? "个百分点" : ""}`;
  return `${change > 0 ? "增加" : "减少"}${abs}${withUnit ? unit : ""}`;
}

/** Increment as a signed figure at its display precision: `+12`, `-3`, `+0.05`, `0`. */
export function formatIncrement(value: number | null | undefined, unit: string, fixed?: number | null): string {
  if (value == null || !Number.isFinite(value)) return NOT_APPLICABLE;
  const text = formatNumber(value, displayDecimals(unit, value, fixed));
  return value > 0 && Number(text.replace(/,/g, "")) !== 0 ? `+${text}` : text;
}

/** A ratio as a plain two-decimal figure (`3.08`); the % sign belongs to the caller's context. */
export function formatRatio(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return NO_DATA;
  return formatNumber(value, 2);
}

const ZH_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** Prose ordinal: `第一` … `第十`, then digits (`第14`) as bureaus write larger ranks. */
export function rankOrdinalZh(rank: number): string {
  return `第${rank >= 1 && rank <= 10 && Number.isInteger(rank) ? ZH_DIGITS[rank] : String(rank)}`;
}

/** Prose rank: `第一` or `并列第二`. */
export function formatRankProse(rank: number | null | undefined, tied = false): string {
  if (rank == null) return NO_DATA;
  return `${tied ? "并列" : ""}${rankOrdinalZh(rank)}`;
}

/** Rank in tables and charts: `1` or `并列2`. */
export function formatRank(rank: number | null | undefined, tied = false): string {
  if (rank == null) return NOT_APPLICABLE;
  return `${tied ? "并列" : ""}${rank}`;
}

/** 进退位 from rank_change = prev_rank − rank: `进位2` / `退位1` / `持平`; no previous rank → `—`. */
export function formatRankChange(change: number | null | undefined): string {
  if (change == null || !Number.isFinite(change)) return NOT_APPLICABLE;
  if (change === 0) return "持平";
  return change > 0 ? `进位${change}` : `退位${-change}`;
}

/**
 * The period a statement speaks of, so a sentence copied out is still true: a flow or a ratio over the
 * year-to-date window `2026年1-10月` (a full year `2025年`), a stock or a point-in-time ratio at its
 * date `2026年10月末` (`2025年末`), an annual indicator `2025年`.
 */
export function formatStatementPeriod(period: Period, at: "window" | "end"): string {
  if (at === "end") return period.month === 12 ? `${period.year}年末` : `${period.year}年${period.month}月末`;
  if (period.annual || period.month === 12) return `${period.year}年`;
  return formatPeriod(period);
}

/** `2026年1-10月`, `2026年1月`, and for annual indicators `2025年`. */
export function formatPeriod(period: Period): string {
  if (period.annual) return `${period.year}年`;
  if (period.month === 1) return `${period.year}年1月`;
  return `${period.year}年1-${period.month}月`;
}

/** Beijing time (UTC+8, no DST) so the stamp does not depend on the server's time zone. */
export function formatDateTime(date: Date): string {
  const t = new Date(date.getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}
