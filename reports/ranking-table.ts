// Turns the ranking and growth rows of one indicator × peer group × period into table rows: value rank
// with ties, growth rank (同比, or 百分点 change for ratios), last year's rank and 进退位, plus members
// that reported nothing. Pure data, so pages and later report kinds share it.
import type { GrowthRow, IndicatorRow, PeerGroupRow, Period, RankingRow, RegionRow } from "./model.ts";

export interface RankingTableRow {
  regionCode: string;
  /** Region name, with its city added when the same name occurs twice in the group. */
  name: string;
  value: number | null;
  rank: number | null;
  tied: boolean;
  /** The official 同比 (the source's own where it reports one). */
  yoyPct: number | null;
  /** weici's own 同比 from the two levels, kept beside the official one. */
  yoyCalc?: number | null;
  yoyReported?: boolean;
  increment: number | null;
  ppChange: number | null;
  /** Rank by 同比 (stocks, flows) or by 百分点 change (ratios). */
  growthRank: number | null;
  growthTied: boolean;
  prevRank: number | null;
  rankChange: number | null;
}

export interface RankingTable {
  indicator: IndicatorRow;
  peerGroup: PeerGroupRow;
  period: Period;
  /** Ranked regions by rank, then regions without data. */
  rows: RankingTableRow[];
  median: number | null;
  /** Members known only by the group's member_count (custom groups) that have no data. */
  unlistedWithoutData: number;
  /**
   * false when the value ranking is not published (fewer than three ranked members, or all showing the
   * same figure): ranks are left out and the page says 暂无可比数据. growthComparable likewise.
   */
  comparable?: boolean;
  growthComparable?: boolean;
}

export interface RankingTableInput {
  indicator: IndicatorRow;
  peerGroup: PeerGroupRow;
  period: Period;
  /** Rows of this group, indicator and period, any basis. */
  rankings: RankingRow[];
  /** Growth rows of this indicator and period, keyed by region_code (may hold other regions too). */
  growth: Map<string, GrowthRow>;
  regions: Map<string, RegionRow>;
  /** Region codes of the group when known (city, province); regions missing from rankings show as 无数据. */
  members?: string[];
  /** City names by city_code, used to tell apart repeated district names (城关区) in a province group. */
  cityNames?: Map<string, string>;
}

/** Basis of the 增速位次 column: a ratio's growth is its 百分点 change, never a % growth. */
export function growthBasis(indicator: IndicatorRow): "yoy" | "pp_change" {
  return indicator.kind === "ratio" ? "pp_change" : "yoy";
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function tiedRanks(rows: RankingRow[]): Set<number> {
  const count = new Map<number, number>();
  for (const r of rows) if (r.rank != null) count.set(r.rank, (count.get(r.rank) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n > 1).map(([rank]) => rank));
}

/** Regions of a city or province group, from the group id (`city:330100`, `province:330000`). */
export function membersOf(peerGroup: PeerGroupRow, regions: RegionRow[]): string[] | undefined {
  const [prefix, code] = peerGroup.peer_group_id.split(":", 2);
  if (!code) return undefined;
  if (prefix === "city" || peerGroup.kind === "city") return regions.filter((r) => r.city_code === code).map((r) => r.region_code);
  if (prefix === "province" || peerGroup.kind === "province")
    return regions.filter((r) => r.province_code === code).map((r) => r.region_code);
  return undefined;
}

export function buildRankingTable(input: RankingTableInput): RankingTable {
  const { indicator, peerGroup, period, rankings, growth, regions } = input;
  const byBasis = (basis: string) => rankings.filter((r) => r.basis === basis);
  const valueRows = byBasis("value");
  const growthRows = byBasis(growthBasis(indicator));
  // A rank is published only where the warehouse marks the group comparable (older builds: always).
  const comparable = valueRows.length > 0 && valueRows.every((r) => r.comparable !== false);
  const growthComparable = growthRows.length > 0 && growthRows.every((r) => r.comparable !== false);
  const valueTies = tiedRanks(valueRows);
  const growthTies = tiedRanks(growthRows);
  const valueOf = new Map(valueRows.map((r) => [r.region_code, r]));
  const growthOf = new Map(growthRows.map((r) => [r.region_code, r]));

  const codes = new Set<string>(valueRows.map((r) => r.region_code));
  for (const r of rankings) codes.add(r.region_code);
  for (const c of input.members ?? []) codes.add(c);

  const rows: RankingTableRow[] = [...codes].map((code) => {
    const v = valueOf.get(code);
    const gr = growthOf.get(code);
    const g = growth.get(code);
    const value = v?.value ?? g?.value ?? null;
    return {
      regionCode: code,
      name: regions.get(code)?.name ?? code,
      value,
      rank: value == null || !comparable ? null : (v?.rank ?? null),
      tied: comparable && v?.rank != null && valueTies.has(v.rank),
      yoyPct: g?.yoy_pct ?? null,
      yoyCalc: g ? (g.yoy_calc === undefined ? g.yoy_pct : g.yoy_calc) : null,
      yoyReported: g?.yoy_origin === "reported",
      increment: g?.increment ?? null,
      ppChange: g?.pp_change ?? null,
      growthRank: growthComparable ? (gr?.rank ?? null) : null,
      growthTied: growthComparable && gr?.rank != null && growthTies.has(gr.rank),
      prevRank: v?.prev_rank ?? null,
      rankChange: v?.rank_change ?? null,
    };
  });

  const sign = indicator.higher_is_better ? -1 : 1;
  rows.sort((a, b) => {
    const ra = a.rank ?? Number.POSITIVE_INFINITY;
    const rb = b.rank ?? Number.POSITIVE_INFINITY;
    if (ra !== rb) return ra - rb;
    if ((a.value == null) !== (b.value == null)) return a.value == null ? 1 : -1;
    // Unranked (not comparable) figures still read best first.
    if (a.value != null && b.value != null && a.value !== b.value) return sign * (a.value - b.value);
    return a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : 0;
  });
  disambiguateNames(rows, regions, input.cityNames);

  const known = rows.length;
  return {
    indicator,
    peerGroup,
    period,
    rows,
    median: median(rows.flatMap((r) => (r.value != null && Number.isFinite(r.value) ? [r.value] : []))),
    unlistedWithoutData: input.members ? 0 : Math.max(0, peerGroup.member_count - known),
    comparable,
    growthComparable,
  };
}

function disambiguateNames(rows: RankingTableRow[], regions: Map<string, RegionRow>, cityNames?: Map<string, string>): void {
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.name, (seen.get(r.name) ?? 0) + 1);
  for (const r of rows) {
    if ((seen.get(r.name) ?? 0) < 2) continue;
    const city = regions.get(r.regionCode)?.city_code;
    const cityName = city ? cityNames?.get(city) : undefined;
    r.name = `${r.name}（${cityName ?? r.regionCode}）`;
  }
}
