// Numbers, ranks and periods written the way a 科技局 writes them (see shared/domain.md, "How bureaus
// write numbers"). Grouping is done by hand so output does not depend on the ICU build or locale.

import type { Period } from "./model.ts";

/** Shown wherever a figure is missing; a dash reads as "not applicable", 无数据 as "not reported". */
export const NO_DATA = "无数据";
export const NOT_APPLICABLE = "—";

const COUNT_UNITS = new Set(["家", "项", "件", "个", "人", "万元", "元"]);

/** `1096.4` → `"1,096"`; `-0` never shows as `-0`. */
export function formatNumber(value: number, decimals: number): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [int = "0", frac] = fixed.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

/** Decimals a bureau uses for a unit: integers for counts and 万元, two decimals for 亿元, % and rates. */
export function decimalsFor(unit: string): number {
  return COUNT_UNITS.has(unit) ? 0 : 2;
}

/** A level in its unit's precision, without the unit (tables put the unit in the header). */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value == null || !Number.isFinite(value)) return NO_DATA;
  return formatNumber(value, decimalsFor(unit));
}

/** A level with its unit as prose writes it: `1,096家`, `12.35亿元`, `3.08%`. */
export function formatValueWithUnit(value: number | null | undefined, unit: string): string {
  if (value == null || !Number.isFinite(value)) return NO_DATA;
  return `${formatValue(value, unit)}${unit}`;
}

/** 同比: `增长12.3%` / `下降4.0%` / `持平` (when it rounds to zero); null base → `—`. */
export function formatGrowth(pct: number | null | undefined): string {
  if (pct == null || !Number.isFinite(pct)) return NOT_APPLICABLE;
  const abs = formatNumber(Math.abs(pct), 1);
  if (Number(abs.replace(/,/g, "")) === 0) return "持平";
  return `${pct > 0 ? "增长" : "下降"}${abs}%`;
}

/**
 * Change of a ratio: `提高0.36个百分点` for % ratios; a per-capita ratio (件/万人) is not a percentage,
 * so its change is written in its own unit: `增加1.20件/万人`.
 */
export function formatPpChange(change: number | null | undefined, unit = "%", opts: { withUnit?: boolean } = {}): string {
  if (change == null || !Number.isFinite(change)) return NOT_APPLICABLE;
  const abs = formatNumber(Math.abs(change), 2);
  if (Number(abs.replace(/,/g, "")) === 0) return "持平";
  // Tables put the unit in the column header; prose needs it in the text.
  const withUnit = opts.withUnit ?? true;
  if (unit === "%") return `${change > 0 ? "提高" : "下降"}${abs}${withUnit ? "个百分点" : ""}`;
  return `${change > 0 ? "增加" : "减少"}${abs}${withUnit ? unit : ""}`;
}

/** Increment as a signed figure in the unit's precision: `+12`, `-3`, `0`. */
export function formatIncrement(value: number | null | undefined, unit: string): string {
  if (value == null || !Number.isFinite(value)) return NOT_APPLICABLE;
  const text = formatNumber(value, decimalsFor(unit));
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
