// 追赶分析 in bureau wording, from a row of analyst.gaps: `距第2位差1.23亿元，距首位差5.00亿元` and
// `完成年度目标尚需8.40亿元，月均1.40亿元`. Figures are formatted by format.ts like every other number;
// a gap that rounds to nothing at that precision is left out rather than written as `差0.00`.
import { decimalsFor, formatNumber, formatValueWithUnit } from "./format.ts";
import type { GapRow } from "./model.ts";

function amount(v: number, unit: string): string | null {
  const text = formatNumber(v, decimalsFor(unit));
  if (Number(text.replace(/,/g, "")) === 0) return null;
  // A % ratio's distance is in 百分点, never a %.
  return unit === "%" ? `${text}个百分点` : formatValueWithUnit(v, unit);
}

/** `距第2位差1.23亿元，距首位差5.00亿元`; empty for first place. */
export function gapToLeadersText(g: Pick<GapRow, "rank" | "above_rank" | "gap_to_above" | "gap_to_first">, unit: string): string {
  const parts: string[] = [];
  if (g.above_rank != null && g.gap_to_above != null) {
    const a = amount(g.gap_to_above, unit);
    if (a) parts.push(`距第${g.above_rank}位差${a}`);
  }
  if (g.above_rank != null && g.above_rank > 1 && g.gap_to_first != null) {
    const f = amount(g.gap_to_first, unit);
    if (f) parts.push(`距首位差${f}`);
  }
  return parts.join("，");
}

/** `完成年度目标尚需8.40亿元，月均1.40亿元`; empty without a level target still to reach. */
export function targetNeedText(g: Pick<GapRow, "target_remaining" | "months_left" | "monthly_needed">, unit: string): string {
  if (g.target_remaining == null || g.monthly_needed == null || !g.months_left) return "";
  const total = amount(g.target_remaining, unit);
  const monthly = amount(g.monthly_needed, unit);
  if (!total || !monthly) return "";
  return g.months_left === 1 ? `完成年度目标尚需${total}` : `完成年度目标尚需${total}，月均${monthly}`;
}

/** Both parts, `；`-joined; empty when there is nothing to catch up. */
export function catchUpText(g: GapRow, unit: string): string {
  return [gapToLeadersText(g, unit), targetNeedText(g, unit)].filter(Boolean).join("；");
}
