// Plans the ranking pages: for every peer group × indicator × page period a page and its CSV, each
// page linking the other periods of the same ranking. Also hands back what other pages need from the
// rankings: the index links and each latest ranking table (district profiles read their ranks there).
import { formatPeriod } from "./format.ts";
import type { GrowthRow, PeerGroupRow, Period, RankingRow, ReportData } from "./model.ts";
import type { PageJob } from "./page-jobs.ts";
import { periodKey } from "./page-periods.ts";
import type { IndexGroup } from "./pages/index-page.ts";
import type { PeriodLink } from "./pages/ranking-page.ts";
import { rankingCsvPath, rankingPagePath, relativeHref } from "./paths.ts";
import { buildRankingTable, membersOf, type RankingTable } from "./ranking-table.ts";

export interface RankingPlan {
  jobs: PageJob[];
  indexGroups: IndexGroup[];
  /** Latest table per `${groupId}|${indicator}`. */
  latestTables: Map<string, RankingTable>;
  /** Path of every ranking page by `${groupId}|${indicator}|${year*100+month}`. */
  pagePaths: Map<string, string>;
}

function groupKindOf(id: string): PeerGroupRow["kind"] {
  return id.startsWith("city:") ? "city" : id.startsWith("province:") ? "province" : "custom";
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function rankingKey(groupId: string, indicator: string, period?: { year: number; month: number }): string {
  return period ? `${groupId}|${indicator}|${periodKey(period)}` : `${groupId}|${indicator}`;
}

/** `districtPaths`: site paths of the district pages by region code (names link there). */
export function planRankings(data: ReportData, districtPaths: Map<string, string>): RankingPlan {
  const regions = new Map(data.regions.map((r) => [r.region_code, r]));
  const groups = new Map(data.peerGroups.map((g) => [g.peer_group_id, g]));
  const cityNames = new Map(
    data.peerGroups.filter((g) => g.kind === "city").map((g) => [g.peer_group_id.slice("city:".length), g.peer_group_name]),
  );
  const pagePeriods = data.pagePeriods ?? new Map([...data.periods].map(([code, p]) => [code, [p]]));

  // indicator → period key → region → growth row
  const growthBy = new Map<string, Map<number, Map<string, GrowthRow>>>();
  for (const g of data.growth) {
    let byPeriod = growthBy.get(g.indicator_code);
    if (!byPeriod) growthBy.set(g.indicator_code, (byPeriod = new Map()));
    let byRegion = byPeriod.get(periodKey(g));
    if (!byRegion) byPeriod.set(periodKey(g), (byRegion = new Map()));
    byRegion.set(g.region_code, g);
  }

  // group → `${indicator}|${period}` → rows, in the order rows arrived (groups by id)
  const rankingsBy = new Map<string, Map<string, RankingRow[]>>();
  for (const r of data.rankings) {
    if (!groups.has(r.peer_group_id)) {
      // A group ranked but missing from peer_groups still gets its pages.
      groups.set(r.peer_group_id, { peer_group_id: r.peer_group_id, peer_group_name: r.peer_group_name, kind: groupKindOf(r.peer_group_id), member_count: r.peer_count });
    }
    let byIndicator = rankingsBy.get(r.peer_group_id);
    if (!byIndicator) rankingsBy.set(r.peer_group_id, (byIndicator = new Map()));
    push(byIndicator, `${r.indicator_code}|${periodKey(r)}`, r);
  }

  const jobs: PageJob[] = [];
  const indexGroups: IndexGroup[] = [];
  const latestTables = new Map<string, RankingTable>();
  const pagePaths = new Map<string, string>();
  for (const [groupId, rowsBy] of rankingsBy) {
    const peerGroup = groups.get(groupId)!;
    const members = membersOf(peerGroup, data.regions);
    const links: IndexGroup["links"] = [];
    // Catalog order, not the order rows arrived in. Indicators ranked but absent from
    // analyst.indicators have no name or unit, so they get no page.
    for (const indicator of data.indicators) {
      const code = indicator.indicator_code;
      const periods = (pagePeriods.get(code) ?? []).filter((p) => rowsBy.has(`${code}|${periodKey(p)}`));
      if (periods.length === 0) continue;
      const paths = periods.map((p) => rankingPagePath(groupId, code, p.year, p.month));
      // Every page of a group shares one folder, so links to other folders share one prefix.
      const toRoot = relativeHref(paths[0]!, "index.html").slice(0, -"index.html".length);
      periods.forEach((p, i) => pagePaths.set(rankingKey(groupId, code, p), paths[i]!));
      periods.forEach((period: Period, i) => {
        const path = paths[i]!;
        const table = buildRankingTable({
          indicator,
          peerGroup,
          period,
          rankings: rowsBy.get(`${code}|${periodKey(period)}`)!,
          growth: growthBy.get(code)?.get(periodKey(period)) ?? new Map(),
          regions,
          members,
          cityNames,
        });
        if (i === 0) latestTables.set(rankingKey(groupId, code), table);
        const periodLinks: PeriodLink[] = periods.map((p, k) => ({ label: formatPeriod(p), href: relativeHref(path, paths[k]!), current: k === i }));
        const districtHrefs: Record<string, string> = {};
        for (const r of table.rows) {
          const d = districtPaths.get(r.regionCode);
          if (d) districtHrefs[r.regionCode] = toRoot + d;
        }
        const csvPath = rankingCsvPath(groupId, code, period.year, period.month);
        jobs.push({
          kind: "ranking",
          path,
          input: { table, indexHref: `${toRoot}index.html`, periods: periodLinks, csvHref: relativeHref(path, csvPath), districtHrefs },
        });
        jobs.push({ kind: "ranking-csv", path: csvPath, input: { table } });
      });
      links.push({ indicator, period: periods[0]!, href: paths[0]! });
    }
    if (links.length) indexGroups.push({ peerGroup, links });
  }
  return { jobs, indexGroups, latestTables, pagePaths };
}
