// The CSV download of a ranking page: the table on the page (same columns, same rows, same cell text),
// so what an analyst pastes into a report matches what a leader saw, followed by the figures at full
// precision (数值、同比、增量 or 百分点 unrounded) for anyone who recomputes them.
import { toCsv } from "../csv.ts";
import type { RankingTable } from "../ranking-table.ts";
import { rankingTableCells } from "./ranking-page.ts";

const full = (v: number | null | undefined) => (v == null || !Number.isFinite(v) ? "" : String(v));

export function renderRankingCsv(input: { table: RankingTable }): string {
  const { head, rows, regionCodes } = rankingTableCells(input.table);
  const byCode = new Map(input.table.rows.map((r) => [r.regionCode, r]));
  const ratio = input.table.indicator.kind === "ratio";
  const extraHead = ratio
    ? ["数值（全精度）", "比上年同期（全精度）"]
    : ["数值（全精度）", "同比（全精度，%）", "重算同比（全精度，%）", "增量（全精度）"];
  const extra = regionCodes.map((code) => {
    const r = byCode.get(code);
    return ratio ? [full(r?.value), full(r?.ppChange)] : [full(r?.value), full(r?.yoyPct), full(r?.yoyCalc), full(r?.increment)];
  });
  return toCsv([...head, ...extraHead], rows.map((row, i) => [...row, ...extra[i]!]));
}
