// The ranking pages' SQL: a handful of queries against the analyst views load everything for each
// indicator's latest period and the earlier periods that get pages (page-periods.ts), however many
// pages that makes; grouping into pages happens in JS. Renderers never see SQL.
import type { ClaimRow } from "./pages/claims-page.ts";
import type { GrowthRow, IndicatorRow, PeerGroupRow, Period, RankingRow, RegionRow, ReportData } from "./model.ts";
import { candidatePeriods, periodKey } from "./page-periods.ts";
import type { HistoryPolicy } from "./site-config.ts";

/** Runs SQL with positional parameters ($1, $2…) and returns plain row objects (numbers, not bigint). */
export type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface LoadOptions {
  /** 6-digit province code: only peer groups with members in this province (and its regions) are loaded. */
  scopeProvince?: string;
  /** Earlier periods to load besides the latest; default none. */
  history?: HistoryPolicy;
}

/**
 * Ranking rows of the scope: peer groups with at least one member in the province. The membership
 * view answers that in milliseconds; without it (older warehouses) the rankings themselves are scanned.
 */
function scopedCte(scoped: boolean, hasMembers = false, internal = false): string {
  // The analyst view casts its ENUM codes to text for analysts' tools; joined to a list of periods, that
  // cast keeps DuckDB from filtering before the scan and the sample's pages no longer fit in the render
  // step's memory. Inside a weici warehouse the pages read the table behind the view (same rows and columns).
  const source = internal ? "marts.rankings" : "analyst.rankings";
  const members = hasMembers ? "analyst.peer_group_members" : "analyst.rankings";
  const where = scoped
    ? `where peer_group_id in (
         select distinct k.peer_group_id from ${members} k
         join analyst.regions g on g.region_code = k.region_code
         where g.province_code = $1)`
    : "";
  return `scoped as (select * from ${source} ${where})`;
}

/** A VALUES list of (indicator_code, year, month); codes come from the warehouse but are quoted anyway. */
function periodsCte(periods: { indicator: string; period: Period }[]): string {
  const rows = periods.map(({ indicator, period }) => `('${indicator.replaceAll("'", "''")}', ${Math.trunc(period.year)}, ${Math.trunc(period.month)})`);
  return `periods(indicator_code, year, month) as (values ${rows.join(", ")})`;
}

export const SQL = {
  // `*` so an optional frequency column is picked up. No ORDER BY: DuckDB keeps insertion order, which
  // is the catalog's topical order.
  indicators: `select * from analyst.indicators`,
  peerGroups: `select peer_group_id, peer_group_name, kind, member_count from analyst.peer_groups order by peer_group_id`,
  regions: (scoped: boolean) =>
    `select region_code, name, level, city_code, province_code from analyst.regions${scoped ? " where province_code = $1" : ""} order by region_code`,
  /**
   * Per indicator the two candidate latest periods: the latest of any month and the latest December.
   * Which one applies depends on whether the indicator is annual, decided in JS (from `frequency`
   * when the view has it, else "ranked only ever at month 12").
   */
  latest: (scoped: boolean, hasMembers = false, internal = false) => `with ${scopedCte(scoped, hasMembers, internal)}
select indicator_code,
  max(year * 100 + month) as ym_any,
  max(year * 100 + month) filter (where month = 12) as ym_dec,
  bool_and(month = 12) as only_dec
from scoped group by indicator_code`,
  /**
   * Only the value rank and the growth rank (同比, or 百分点 for ratios) appear on pages. One row per
   * page with its ranking rows as JSON: turning 150,000 result rows into JS objects one by one costs
   * seconds, parsing the same as a few thousand JSON texts a fraction of that.
   */
  rankings: (scoped: boolean, periods: { indicator: string; period: Period }[], hasMembers = false, columns: ReadonlySet<string> = new Set(["comparable"]), internal = false) => `with ${scopedCte(scoped, hasMembers, internal)}, ${periodsCte(periods)}
select s.peer_group_id, any_value(s.peer_group_name) as peer_group_name, s.indicator_code, s.year, s.month,
  to_json(list(struct_pack(b := s.basis, r := s.region_code, v := s.value, k := s.rank, n := s.peer_count, p := s.prev_rank, c := s.rank_change,
      q := ${columns.has("comparable") ? "s.comparable" : "true"})
    order by s.basis, s.rank, s.region_code)) as rows_json
from scoped s
join periods p on p.indicator_code = s.indicator_code and p.year = s.year and p.month = s.month
where s.basis in ('value', 'yoy', 'pp_change')
group by s.peer_group_id, s.indicator_code, s.year, s.month
order by s.peer_group_id, s.indicator_code, s.year desc, s.month desc`,
  growth: (scoped: boolean, periods: { indicator: string; period: Period }[], columns: ReadonlySet<string> = new Set(["yoy_calc"])) => `with ${periodsCte(periods)}
select g.region_code, g.indicator_code, g.year, g.month, g.value, g.prev_value, g.yoy_pct, g.increment, g.pp_change,
  ${columns.has("yoy_calc") ? "g.yoy_calc, g.yoy_origin" : "g.yoy_pct as yoy_calc, null as yoy_origin"}
from analyst.growth g
join periods p on p.indicator_code = g.indicator_code and p.year = g.year and p.month = g.month
${scoped ? "where g.region_code in (select region_code from analyst.regions where province_code = $1)" : ""}
order by g.indicator_code, g.region_code`,
};

const num = (v: unknown): number | null => (v == null ? null : Number(v));

/** One page's ranking rows as SQL.rankings packs them. */
interface RankingPageRows {
  peer_group_id: string;
  peer_group_name: string;
  indicator_code: string;
  year: number;
  month: number;
  rows_json: string;
}
type PackedRanking = {
  b: RankingRow["basis"]; r: string; v: number | null; k: number | null; n: number; p: number | null; c: number | null; q?: boolean | null;
};

/** The period an indicator's pages show: annual indicators only ever at a December. */
export function choosePeriod(frequency: string | null | undefined, ymAny: number, ymDec: number | null, onlyDec: boolean): Period | null {
  const annual = frequency === "annual" || frequency === "monthly" ? frequency === "annual" : onlyDec;
  const ym = annual ? ymDec : ymAny;
  return ym == null ? null : { year: Math.floor(ym / 100), month: ym % 100, annual };
}

/** Only the latest period: what a caller gets unless it asks for history. */
export const NO_HISTORY: HistoryPolicy = { years: 0, currentYearMonths: "none" };

export async function loadReportData(query: Query, opts: LoadOptions = {}): Promise<ReportData> {
  const scoped = opts.scopeProvince != null;
  const params = scoped ? [opts.scopeProvince] : [];
  // One look at the views: whether the membership view exists, and columns added later (comparable,
  // yoy_calc) that older warehouses and hand-made views lack.
  const viewColumns = await query<{ s: string; t: string; c: string }>(
    `select table_schema as s, table_name as t, column_name as c from information_schema.columns
     where (table_schema = 'analyst' and table_name in ('peer_group_members', 'rankings', 'growth'))
        or (table_schema = 'marts' and table_name = 'rankings')`,
  );
  const hasMembers = scoped && viewColumns.some((r) => r.t === "peer_group_members");
  const columns = new Set(viewColumns.filter((r) => r.t !== "peer_group_members" && r.s !== "marts").map((r) => r.c));
  // marts.rankings with every column the view has: read it directly (see scopedCte).
  const martCols = new Set(viewColumns.filter((r) => r.s === "marts").map((r) => r.c));
  const internal = viewColumns.some((r) => r.s === "analyst" && r.t === "rankings") &&
    viewColumns.filter((r) => r.s === "analyst" && r.t === "rankings").every((r) => martCols.has(r.c));
  const [indicatorRows, peerGroups, regions, latestRows] = await Promise.all([
    query<IndicatorRow>(SQL.indicators),
    query<PeerGroupRow>(SQL.peerGroups),
    query<RegionRow>(SQL.regions(scoped), params),
    query<{ indicator_code: string; ym_any: number; ym_dec: number | null; only_dec: boolean | null }>(SQL.latest(scoped, hasMembers, internal), params),
  ]);
  const indicators: IndicatorRow[] = indicatorRows.map((i) => ({
    indicator_code: i.indicator_code,
    name_zh: i.name_zh,
    unit: i.unit,
    kind: i.kind,
    higher_is_better: i.higher_is_better !== false,
    frequency: i.frequency ?? null,
    value_decimals: num(i.value_decimals),
    yoy_decimals: num(i.yoy_decimals),
    increment_decimals: num(i.increment_decimals),
    pp_decimals: num(i.pp_decimals),
  }));
  const frequency = new Map(indicators.map((i) => [i.indicator_code, i.frequency]));

  const periods = new Map<string, Period>();
  const wanted: { indicator: string; period: Period }[] = [];
  for (const r of latestRows) {
    const p = choosePeriod(frequency.get(r.indicator_code), Number(r.ym_any), num(r.ym_dec), r.only_dec === true);
    if (!p) continue;
    periods.set(r.indicator_code, p);
    for (const c of candidatePeriods(p, opts.history ?? NO_HISTORY)) wanted.push({ indicator: r.indicator_code, period: c });
  }
  if (wanted.length === 0) return { indicators, peerGroups: peerGroups.map((g) => ({ ...g, member_count: Number(g.member_count) })), regions, periods, pagePeriods: new Map(), rankings: [], growth: [] };

  const [rankingRows, growthRows] = await Promise.all([
    query<RankingPageRows>(SQL.rankings(scoped, wanted, hasMembers, columns, internal), params),
    query<GrowthRow>(SQL.growth(scoped, wanted, columns), params),
  ]);
  const rankings: RankingRow[] = [];
  for (const page of rankingRows) {
    const year = Number(page.year);
    const month = Number(page.month);
    for (const r of JSON.parse(String(page.rows_json)) as PackedRanking[]) {
      rankings.push({
        peer_group_id: page.peer_group_id, peer_group_name: page.peer_group_name, indicator_code: page.indicator_code, year, month,
        basis: r.b, region_code: r.r, value: num(r.v), rank: num(r.k), peer_count: Number(r.n), prev_rank: num(r.p), rank_change: num(r.c),
        comparable: r.q !== false,
      });
    }
  }

  // A candidate period gets pages only when it has rankings.
  const have = new Set(rankings.map((r) => `${r.indicator_code}|${periodKey(r)}`));
  const pagePeriods = new Map<string, Period[]>();
  for (const { indicator, period } of wanted) {
    if (!have.has(`${indicator}|${periodKey(period)}`)) continue;
    const list = pagePeriods.get(indicator);
    if (list) list.push(period);
    else pagePeriods.set(indicator, [period]);
  }

  return {
    indicators,
    peerGroups: peerGroups.map((g) => ({ ...g, member_count: Number(g.member_count) })),
    regions,
    periods,
    pagePeriods,
    rankings,
    growth: growthRows.map((g) => ({ ...g, year: Number(g.year), month: Number(g.month) })),
  };
}

/** Rank claims from published reports, or undefined when the warehouse has no claims view (older builds). */
export async function loadClaims(query: Query): Promise<ClaimRow[] | undefined> {
  const has = await query<{ n: number }>(
    "select count(*)::integer as n from information_schema.tables where table_schema = 'analyst' and table_name = 'claims'",
  );
  if (!has[0] || Number(has[0].n) === 0) return undefined;
  const rows = await query<ClaimRow>(
    `select region_code, year, month, indicator_code, indicator, scope, peer_group_id, basis, claimed_rank, "offset", text, file,
       publisher, verdict, reason_code, our_rank, our_value, peer_count
     from analyst.claims order by region_code, file, "offset", basis`,
  );
  return rows.map((r) => ({ ...r, year: Number(r.year), month: Number(r.month), offset: Number(r.offset),
    claimed_rank: num(r.claimed_rank), our_rank: num(r.our_rank), our_value: num(r.our_value), peer_count: num(r.peer_count) }));
}
