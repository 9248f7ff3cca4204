// The 完成情况表 of one peer group and period as plain data, shared by the workbook and the Word draft:
// one column group per indicator (本年累计/去年同期/同比增长(%)/位次, ratios 本年/去年同期/增减/位次),
// one row per district in code order and a total row where a total makes sense (sums for counts and
// flows, none for ratios). Figures are rounded to the precision they are shown at (display.ts), so a
// cell copied out of the table says what the table shows, and its rank agrees with it.
import type { GrowthRow, IndicatorRow, Period, RankingRow } from "../model.ts";
import { roundGrowth, roundPp, roundValue } from "./display.ts";

export interface CompletionColumn {
  indicatorCode: string;
  name: string;
  unit: string;
  ratio: boolean;
}

export interface CompletionCell {
  value: number | null;
  prev: number | null;
  /** 同比 in % for levels, the change in the unit (百分点 for %) for ratios. */
  change: number | null;
  rank: number | null;
  tied: boolean;
  prevRank: number | null;
  rankChange: number | null;
}

export interface CompletionRow {
  regionCode: string;
  name: string;
  cells: (CompletionCell | null)[];
}

export interface CompletionTable {
  peerGroupId: string;
  groupName: string;
  groupKind: string;
  period: Period;
  columns: CompletionColumn[];
  rows: CompletionRow[];
  /** 全市 / 全省 / 合计, with null cells for ratios; null when no column has a total. */
  total: CompletionRow | null;
}

/** `全市`, `全省`, or `合计` for a custom group. */
export function totalLabel(kind: string): string {
  return kind === "city" ? "全市" : kind === "province" ? "全省" : "合计";
}

/** How the districts of a group are called in a title: cities have 区、县(市), provinces 县(市、区). */
export function membersWord(kind: string): string {
  return kind === "city" ? "各区、县(市)" : kind === "province" ? "各县(市、区)" : "各地";
}

function sum(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v != null);
  return present.length ? present.reduce((a, b) => a + b, 0) : null;
}

/** Growth rows of one period by `region|indicator`. */
export function growthIndex(growth: GrowthRow[], period: Period): Map<string, GrowthRow> {
  return new Map(growth.filter((g) => g.year === period.year && g.month === period.month).map((g) => [`${g.region_code}|${g.indicator_code}`, g]));
}

export function buildCompletionTable(input: {
  peerGroupId: string;
  groupName: string;
  groupKind: string;
  period: Period;
  indicators: IndicatorRow[];
  /** Rankings of the group (any periods, any bases; value ranks of `period` are used). */
  rankings: RankingRow[];
  growth: GrowthRow[];
  regionNames: Map<string, string>;
  /** Restrict to these indicators, in this order (the draft's main indicators). */
  only?: string[];
  /** growthIndex(growth, period), when the caller builds several tables of one period. */
  growthAt?: Map<string, GrowthRow>;
}): CompletionTable {
  const { period } = input;
  const at = input.rankings.filter((r) => r.basis === "value" && r.year === period.year && r.month === period.month && r.peer_group_id === input.peerGroupId);
  const ranked = new Map<string, RankingRow[]>();
  for (const r of at) {
    const list = ranked.get(r.indicator_code);
    if (list) list.push(r);
    else ranked.set(r.indicator_code, [r]);
  }
  const byCode = new Map(input.indicators.map((i) => [i.indicator_code, i]));
  const order = input.only ? input.only.map((c) => byCode.get(c)).filter((i): i is IndicatorRow => i != null) : input.indicators;
  const columns: CompletionColumn[] = order
    .filter((i) => ranked.get(i.indicator_code)?.some((r) => r.value != null))
    .map((i) => ({ indicatorCode: i.indicator_code, name: i.name_zh, unit: i.unit, ratio: i.kind === "ratio" }));

  const growth = input.growthAt ?? growthIndex(input.growth, period);
  const members = [...new Set(at.map((r) => r.region_code))].sort();
  const byRegion = new Map([...ranked].map(([code, list]) => [code, new Map(list.map((r) => [r.region_code, r]))]));
  const rankCounts = new Map<string, number>();
  for (const r of at) if (r.rank != null) rankCounts.set(`${r.indicator_code}|${r.rank}`, (rankCounts.get(`${r.indicator_code}|${r.rank}`) ?? 0) + 1);
  const rows: CompletionRow[] = members.map((code) => ({
    regionCode: code,
    name: input.regionNames.get(code) ?? code,
    cells: columns.map((c) => {
      const r = byRegion.get(c.indicatorCode)?.get(code);
      const g = growth.get(`${code}|${c.indicatorCode}`);
      if (!r || r.value == null) return null;
      return {
        value: roundValue(r.value, c.unit),
        prev: g?.prev_value == null ? null : roundValue(g.prev_value, c.unit),
        change: c.ratio ? roundPp(g?.pp_change ?? null) : roundGrowth(g?.yoy_pct ?? null),
        rank: r.rank,
        tied: r.rank != null && (rankCounts.get(`${c.indicatorCode}|${r.rank}`) ?? 0) > 1,
        prevRank: r.prev_rank,
        rankChange: r.rank_change,
      };
    }),
  }));

  // A total sums the districts' own figures; its 同比 only when every district that has a figure
  // also has last year's, so the two sums cover the same districts.
  const totalCells = columns.map((c, k): CompletionCell | null => {
    if (c.ratio) return null;
    const cells = rows.map((r) => r.cells[k]).filter((x): x is CompletionCell => x != null);
    const value = sum(cells.map((x) => x.value));
    if (value == null) return null;
    const complete = cells.every((x) => x.prev != null);
    const prev = complete ? sum(cells.map((x) => x.prev)) : null;
    const change = prev != null && prev !== 0 ? roundGrowth(100 * (value / prev - 1)) : null;
    return { value: roundValue(value, c.unit), prev: prev == null ? null : roundValue(prev, c.unit), change, rank: null, tied: false, prevRank: null, rankChange: null };
  });
  const total = totalCells.some((c) => c != null)
    ? { regionCode: "", name: totalLabel(input.groupKind), cells: totalCells }
    : null;
  return { peerGroupId: input.peerGroupId, groupName: input.groupName, groupKind: input.groupKind, period, columns, rows, total };
}
