// The report step's only SQL: five queries against the analyst views load everything the site needs
// for each indicator's latest period at once (at most two candidate periods per indicator, narrowed
// here); grouping into pages happens in JS. Renderers never see SQL.
import type { ClaimRow } from "./pages/claims-page.ts";
import type { GrowthRow, IndicatorRow, PeerGroupRow, Period, RankingRow, RegionRow, ReportData } from "./model.ts";

/** Runs SQL with positional parameters ($1, $2…) and returns plain row objects (numbers, not bigint). */
export type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface LoadOptions {
  /** 6-digit province code: only peer groups with members in this province (and its regions) are loaded. */
  scopeProvince?: string;
}

/**
 * Rankings restricted to the scope and, per indicator, the two candidate latest periods: the latest of
 * any month and the latest December. Which one applies depends on whether the indicator is annual,
 * decided in JS (from `frequency` when the view has it, else "ranked only ever at month 12").
 */
function latestCte(scoped: boolean): string {
  const where = scoped
    ? `where peer_group_id in (
         select distinct k.peer_group_id from analyst.rankings k
         join analyst.regions g on g.region_code = k.region_code
         where g.province_code = $1)`
    : "";
  return `with scoped as (select * from analyst.rankings ${where}),
latest as (
  select indicator_code,
    max(year * 100 + month) as ym_any,
    max(year * 100 + month) filter (where month = 12) as ym_dec,
    bool_and(month = 12) as only_dec
  from scoped group by indicator_code
)`;
}

export const SQL = {
  // `*` so an optional frequency column is picked up. No ORDER BY: DuckDB keeps insertion order, which
  // is the catalog's topical order.
  indicators: `select * from analyst.indicators`,
  peerGroups: `select peer_group_id, peer_group_name, kind, member_count from analyst.peer_groups order by peer_group_id`,
  regions: (scoped: boolean) =>
    `select region_code, name, level, city_code, province_code from analyst.regions${scoped ? " where province_code = $1" : ""} order by region_code`,
  rankings: (scoped: boolean) => `${latestCte(scoped)}
select s.peer_group_id, s.peer_group_name, s.indicator_code, s.year, s.month, s.basis, s.region_code,
  s.value, s.rank, s.peer_count, s.prev_rank, s.rank_change, l.ym_any, l.ym_dec, l.only_dec
from scoped s
join latest l on l.indicator_code = s.indicator_code and s.year * 100 + s.month in (l.ym_any, l.ym_dec)
order by s.peer_group_id, s.indicator_code, s.basis, s.rank, s.region_code`,
  growth: (scoped: boolean) => `${latestCte(scoped)}
select g.region_code, g.indicator_code, g.year, g.month, g.value, g.prev_value, g.yoy_pct, g.increment, g.pp_change
from analyst.growth g
join latest l on l.indicator_code = g.indicator_code and g.year * 100 + g.month in (l.ym_any, l.ym_dec)
${scoped ? "where g.region_code in (select region_code from scoped)" : ""}
order by g.indicator_code, g.region_code`,
};

type RankingWithLatest = RankingRow & { ym_any: number; ym_dec: number | null; only_dec: boolean | null };

const num = (v: unknown): number | null => (v == null ? null : Number(v));

/** The period an indicator's pages show: annual indicators only ever at a December. */
export function choosePeriod(frequency: string | null | undefined, ymAny: number, ymDec: number | null, onlyDec: boolean): Period | null {
  const annual = frequency === "annual" || frequency === "monthly" ? frequency === "annual" : onlyDec;
  const ym = annual ? ymDec : ymAny;
  return ym == null ? null : { year: Math.floor(ym / 100), month: ym % 100, annual };
}

export async function loadReportData(query: Query, opts: LoadOptions = {}): Promise<ReportData> {
  const scoped = opts.scopeProvince != null;
  const params = scoped ? [opts.scopeProvince] : [];
  const [indicatorRows, peerGroups, regions, rankingRows, growthRows] = await Promise.all([
    query<IndicatorRow>(SQL.indicators),
    query<PeerGroupRow>(SQL.peerGroups),
    query<RegionRow>(SQL.regions(scoped), params),
    query<RankingWithLatest>(SQL.rankings(scoped), params),
    query<GrowthRow>(SQL.growth(scoped), params),
  ]);
  const indicators: IndicatorRow[] = indicatorRows.map((i) => ({
    indicator_code: i.indicator_code,
    name_zh: i.name_zh,
    unit: i.unit,
    kind: i.kind,
    higher_is_better: i.higher_is_better !== false,
    frequency: i.frequency ?? null,
  }));
  const frequency = new Map(indicators.map((i) => [i.indicator_code, i.frequency]));

  const periods = new Map<string, Period>();
  for (const r of rankingRows) {
    if (periods.has(r.indicator_code)) continue;
    const p = choosePeriod(frequency.get(r.indicator_code), Number(r.ym_any), num(r.ym_dec), r.only_dec === true);
    if (p) periods.set(r.indicator_code, p);
  }
  const inPeriod = (r: { indicator_code: string; year: unknown; month: unknown }) => {
    const p = periods.get(r.indicator_code);
    return p != null && p.year === Number(r.year) && p.month === Number(r.month);
  };

  // Number(): a driver may hand back BIGINT ranks and counts as bigint.
  const rankings: RankingRow[] = rankingRows.filter(inPeriod).map(({ ym_any: _a, ym_dec: _d, only_dec: _o, ...r }) => ({
    ...r,
    year: Number(r.year),
    month: Number(r.month),
    value: num(r.value),
    rank: num(r.rank),
    peer_count: Number(r.peer_count),
    prev_rank: num(r.prev_rank),
    rank_change: num(r.rank_change),
  }));

  return {
    indicators,
    peerGroups: peerGroups.map((g) => ({ ...g, member_count: Number(g.member_count) })),
    regions,
    periods,
    rankings,
    growth: growthRows.filter(inPeriod).map((g) => ({ ...g, year: Number(g.year), month: Number(g.month) })),
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
