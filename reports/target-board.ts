// Targets as a board: each target's completion against 时序进度 in bureau wording, with its status,
// and the three orders the board is published in (no script, so each order is its own page).
import { NOT_APPLICABLE, YOY_DECIMALS, formatGrowth, formatNumber, formatValueWithUnit, roundTo } from "./format.ts";
import type { IndicatorRow, TargetRow, TargetStatus } from "./model.ts";
import type { TargetsSort } from "./paths.ts";

export interface TargetView {
  regionCode: string;
  regionName: string;
  indicatorCode: string;
  indicator: string;
  /** 总量 / 增速 / 比重. */
  kindLabel: string;
  period: string;
  targetText: string;
  actualText: string;
  completion: number | null;
  completionText: string;
  timeProgressText: string;
  /** `超时序进度10.0个百分点`, `落后去年同期进度8.3个百分点`, growth `高于目标3.1个百分点`, `提前完成` or `—`. */
  progressText: string;
  status: TargetStatus;
}

const KIND_LABEL = { level: "总量", growth: "增速", ratio: "比重" } as const;
const pct = (v: number | null) => (v == null || !Number.isFinite(v) ? NOT_APPLICABLE : `${formatNumber(v, 1)}%`);

function progressText(t: TargetRow): string {
  const growth = t.target_kind === "growth";
  if (growth && t.actual != null && Number.isFinite(t.actual)) {
    // A growth target is judged in 百分点 between the rates as shown; 完成/未完成 only for the full year.
    const gap = roundTo(roundTo(t.actual, YOY_DECIMALS) - roundTo(t.target_value, YOY_DECIMALS), YOY_DECIMALS);
    const words = gap === 0 ? "与目标持平" : gap > 0 ? `高于目标${formatNumber(gap, 1)}个百分点` : `低于目标${formatNumber(-gap, 1)}个百分点`;
    if (t.status === "met") return gap > 0 ? `完成目标，${words}` : "完成目标";
    if (t.status === "missed") return `未完成目标，${words}`;
    return words;
  }
  if (t.status === "met") return t.completion_pct != null && t.completion_pct > 100.05 && t.target_kind === "level" ? "超额完成" : "完成目标";
  if (t.status === "missed") return "未完成目标";
  if (t.reached) return "提前完成";
  if (t.completion_pct == null || t.time_progress_pct == null) return t.status === "behind" ? "尚未达到目标" : NOT_APPLICABLE;
  const word = t.progress_method === "last_year" ? "去年同期进度" : "时序进度";
  const d = roundTo(roundTo(t.completion_pct, 1) - roundTo(t.time_progress_pct, 1), 1);
  if (d === 0) return `与${word}持平`;
  return d > 0 ? `超${word}${formatNumber(d, 1)}个百分点` : `落后${word}${formatNumber(-d, 1)}个百分点`;
}

export function targetView(t: TargetRow, indicator: IndicatorRow | undefined, regionName: string): TargetView {
  const unit = indicator?.unit ?? "";
  const growth = t.target_kind === "growth";
  return {
    regionCode: t.region_code,
    regionName,
    indicatorCode: t.indicator_code,
    indicator: indicator?.name_zh ?? t.indicator_code,
    kindLabel: KIND_LABEL[t.target_kind] ?? t.target_kind,
    period: t.month === 12 ? `${t.year}年` : `${t.year}年1-${t.month}月`,
    targetText: growth ? formatGrowth(t.target_value) : formatValueWithUnit(t.target_value, unit),
    actualText: growth ? formatGrowth(t.actual) : formatValueWithUnit(t.actual, unit),
    completion: t.completion_pct,
    completionText: pct(t.completion_pct),
    timeProgressText: pct(t.time_progress_pct),
    progressText: progressText(t),
    status: t.status,
  };
}

/** Problems first: missed, behind, then on track and met; within a status the lowest completion first. */
const STATUS_ORDER: Record<TargetStatus, number> = { missed: 0, behind: 1, on_track: 2, met: 3 };

export function sortTargets(rows: TargetView[], sort: TargetsSort): TargetView[] {
  const byCompletion = (a: TargetView, b: TargetView) => (a.completion ?? -Infinity) - (b.completion ?? -Infinity);
  const byRegion = (a: TargetView, b: TargetView) => (a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : 0);
  return [...rows].sort((a, b) => {
    if (sort === "status") return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byCompletion(a, b) || byRegion(a, b);
    if (sort === "completion") return byCompletion(b, a) || byRegion(a, b);
    return byRegion(a, b) || (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : 0);
  });
}

/** Status counts for a summary line, in board order. */
export function statusCounts(rows: TargetView[]): Record<TargetStatus, number> {
  const out: Record<TargetStatus, number> = { missed: 0, behind: 0, on_track: 0, met: 0 };
  for (const r of rows) out[r.status]++;
  return out;
}
