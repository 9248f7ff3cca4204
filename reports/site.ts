// Builds the static ranking site: one page per peer group × indicator for the indicator's latest
// period, and an index linking them. Loading (load.ts) and page building (buildSite) are separate so
// the pages can be built and tested from plain rows.
import { join } from "node:path";
import { formatPeriod } from "./format.ts";
import { loadClaims, loadReportData, type Query } from "./load.ts";
import type { GrowthRow, PeerGroupRow, Period, RankingRow, ReportData } from "./model.ts";
import { renderIndexPage, type IndexGroup } from "./pages/index-page.ts";
import { CLAIMS_PAGE_PATH, type ClaimRow, renderClaimsPage } from "./pages/claims-page.ts";
import { renderRankingPage } from "./pages/ranking-page.ts";
import { INDEX_FROM_RANKING_PAGE, rankingPagePath } from "./paths.ts";
import { buildRankingTable, membersOf } from "./ranking-table.ts";

export interface SiteFile {
  /** Path relative to the site root with `/` separators. */
  path: string;
  content: string;
}

export interface RenderSiteOptions {
  query: Query;
  outDir: string;
  /** Must create missing folders (pages go to rankings/<group>/). */
  writeFile: (path: string, content: string) => Promise<void>;
  now: Date;
  scopeProvince?: string;
}

const periodKey = (p: Period) => p.year * 100 + p.month;

/** `2026年1-10月（年度指标：2025年）`: the latest monthly and annual periods among the indicators. */
export function describeDataPeriod(periods: Iterable<Period>): string {
  let monthly: Period | undefined;
  let annual: Period | undefined;
  for (const p of periods) {
    if (p.annual) annual = !annual || periodKey(p) > periodKey(annual) ? p : annual;
    else monthly = !monthly || periodKey(p) > periodKey(monthly) ? p : monthly;
  }
  if (monthly && annual) return `${formatPeriod(monthly)}（年度指标：${formatPeriod(annual)}）`;
  if (monthly ?? annual) return formatPeriod((monthly ?? annual)!);
  return "暂无数据";
}

function groupKindOf(id: string): PeerGroupRow["kind"] {
  return id.startsWith("city:") ? "city" : id.startsWith("province:") ? "province" : "custom";
}

/** Every page of the site from loaded data; no I/O. */
export function buildSite(data: ReportData, opts: { generatedAt: Date; claims?: ClaimRow[] }): SiteFile[] {
  const regions = new Map(data.regions.map((r) => [r.region_code, r]));
  const groups = new Map(data.peerGroups.map((g) => [g.peer_group_id, g]));
  const cityNames = new Map(
    data.peerGroups.filter((g) => g.kind === "city").map((g) => [g.peer_group_id.slice("city:".length), g.peer_group_name]),
  );

  const growthBy = new Map<string, Map<string, GrowthRow>>();
  for (const g of data.growth) {
    const p = data.periods.get(g.indicator_code);
    if (!p || p.year !== g.year || p.month !== g.month) continue;
    let m = growthBy.get(g.indicator_code);
    if (!m) growthBy.set(g.indicator_code, (m = new Map()));
    m.set(g.region_code, g);
  }

  // group id → indicator code → rows of the indicator's latest period
  const rankingsBy = new Map<string, Map<string, RankingRow[]>>();
  for (const r of data.rankings) {
    const p = data.periods.get(r.indicator_code);
    if (!p || p.year !== r.year || p.month !== r.month) continue;
    if (!groups.has(r.peer_group_id)) {
      // A group ranked but missing from peer_groups still gets its pages.
      groups.set(r.peer_group_id, { peer_group_id: r.peer_group_id, peer_group_name: r.peer_group_name, kind: groupKindOf(r.peer_group_id), member_count: r.peer_count });
    }
    let byIndicator = rankingsBy.get(r.peer_group_id);
    if (!byIndicator) rankingsBy.set(r.peer_group_id, (byIndicator = new Map()));
    const list = byIndicator.get(r.indicator_code);
    if (list) list.push(r);
    else byIndicator.set(r.indicator_code, [r]);
  }

  const files: SiteFile[] = [];
  const indexGroups: IndexGroup[] = [];
  for (const [groupId, byIndicator] of rankingsBy) {
    const peerGroup = groups.get(groupId)!;
    const members = membersOf(peerGroup, data.regions);
    const links: IndexGroup["links"] = [];
    // Catalog order, not the order rows arrived in.
    for (const indicator of data.indicators) {
      const rows = byIndicator.get(indicator.indicator_code);
      const period = data.periods.get(indicator.indicator_code);
      if (!rows || !period) continue;
      const table = buildRankingTable({
        indicator,
        peerGroup,
        period,
        rankings: rows,
        growth: growthBy.get(indicator.indicator_code) ?? new Map(),
        regions,
        members,
        cityNames,
      });
      const path = rankingPagePath(groupId, indicator.indicator_code, period.year, period.month);
      files.push({ path, content: renderRankingPage({ table, indexHref: INDEX_FROM_RANKING_PAGE, generatedAt: opts.generatedAt }) });
      links.push({ indicator, period, href: path });
    }
    if (links.length) indexGroups.push({ peerGroup, links });
  }
  // Indicators ranked but absent from analyst.indicators have no name or unit, so they get no page.

  const extraLinks = [];
  if (opts.claims) {
    const claims = opts.claims.filter((c) => regions.has(c.region_code) || !data.regions.length);
    files.push({
      path: CLAIMS_PAGE_PATH,
      content: renderClaimsPage({
        claims,
        regionNames: new Map(data.regions.map((r) => [r.region_code, r.name])),
        indicatorNames: new Map(data.indicators.map((i) => [i.indicator_code, { name: i.name_zh, unit: i.unit }])),
        generatedAt: opts.generatedAt,
      }),
    });
    extraLinks.push({ label: `工作总结排名表述核验（${claims.length}条）`, href: CLAIMS_PAGE_PATH });
  }
  files.unshift({
    path: "index.html",
    content: renderIndexPage({ groups: indexGroups, dataPeriod: describeDataPeriod(data.periods.values()), generatedAt: opts.generatedAt, extraLinks }),
  });
  return files;
}

/** Loads the latest periods and writes the index and every ranking page; `pages` counts all files written. */
export async function renderSite(opts: RenderSiteOptions): Promise<{ pages: number }> {
  const data = await loadReportData(opts.query, { scopeProvince: opts.scopeProvince });
  const files = buildSite(data, { generatedAt: opts.now, claims: await loadClaims(opts.query) });
  for (const f of files) await opts.writeFile(join(opts.outDir, ...f.path.split("/")), f.content);
  return { pages: files.length };
}
