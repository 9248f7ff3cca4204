// Plans one profile page per county-level unit that has rankings: its statements linked to the
// rankings behind them, its 全市 and 全省 ranks for every indicator (from the latest ranking tables),
// trends of the main indicators at the same month of each year, its targets, claims and index.
import { formatGrowth, formatNumber, formatPeriod, formatPpChange, formatValueWithUnit } from "./format.ts";
import type { ExtraData } from "./load-extras.ts";
import type { GrowthRow, PeerGroupRow, ReportData, StatementRow } from "./model.ts";
import type { PageJob } from "./page-jobs.ts";
import { explainClaim, type ClaimRow } from "./pages/claims-page.ts";
import type { CompositeView, DistrictClaimView, PositionRow, RankCell, StatementView, TrendSeries } from "./pages/district-page.ts";
import { CLAIMS_PAGE_PATH } from "./pages/claims-page.ts";
import { compositePagePath, relativeHref, targetsPagePath } from "./paths.ts";
import { rankingKey, type RankingPlan } from "./plan-rankings.ts";
import type { RankingTable } from "./ranking-table.ts";
import type { SiteSettings } from "./site-config.ts";
import { mergeStatements, type MergedStatement } from "./statement-merge.ts";
import { combineLevelAndGrowth, prioritise } from "./statement-priority.ts";
import { targetView } from "./target-board.ts";
import { gapToLeadersText, targetNeedText } from "./gap-text.ts";
import type { CatchUpView } from "./pages/district-page.ts";

export interface DistrictContext {
  data: ReportData;
  extras: ExtraData;
  claims: ClaimRow[];
  rankings: RankingPlan;
  settings: SiteSettings;
  districtPaths: Map<string, string>;
  dataPeriod: string;
  /** Groups that have a targets board / composite page. */
  boards: Set<string>;
  composites: Set<string>;
}

const GROUP_ORDER: Record<string, number> = { city: 0, province: 1, custom: 2 };
const BASIS_ORDER: Record<string, number> = { value: 0, yoy: 1, pp_change: 2, increment: 3, target: 4 };
/** How many 亮点 / 短板 a district page leads with; the rest are folded. */
const LEAD_HIGHLIGHTS = 8;
const LEAD_SHORTFALLS = 6;
const METHOD_LABEL = { eis: "欧洲创新记分牌法", monitor: "科技进步监测法" } as const;

function groupKind(id: string | null): string {
  return id?.split(":")[0] ?? "target";
}

function rankCell(table: RankingTable | undefined, code: string, href: string | undefined): RankCell | null {
  const row = table?.rows.find((r) => r.regionCode === code);
  if (!table || !row || row.rank == null || !href) return null;
  return { rank: row.rank, tied: row.tied, peerCount: table.rows.filter((r) => r.rank != null).length, href: `${href}#r${code}` };
}

/** Only the latest target year of each indicator counts; rank statements are already the latest period. */
function latestStatements(rows: StatementRow[]): StatementRow[] {
  const targetYear = new Map<string, number>();
  for (const s of rows) if (s.basis === "target") targetYear.set(s.indicator_code, Math.max(targetYear.get(s.indicator_code) ?? 0, s.year));
  return rows.filter((s) => s.basis !== "target" || s.year === targetYear.get(s.indicator_code));
}

const CLAIM_BASIS: Record<string, string> = { value: "总量", yoy: "增速", increment: "增量", pp_change: "提高幅度" };

/** The claim as the report put it, with the basis it was checked on (one phrase can make two claims). */
function claimText(c: ClaimRow): string {
  return `${c.indicator ?? ""}居${c.scope ?? ""}第${c.text}（按${CLAIM_BASIS[c.basis] ?? c.basis}）`;
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/**
 * The 亮点 and 短板 of one district as its page shows them (merged across peer groups, in catalog
 * order, the most important first): the 通报 uses the same selection.
 */
export function selectStatements(
  rows: StatementRow[],
  indicatorOrder: Map<string, number>,
  mainIndicators: ReadonlySet<string>,
): { highlights: ReturnType<typeof prioritise>; shortfalls: ReturnType<typeof prioritise> } {
  const statements = latestStatements(rows).sort(
    (a, b) =>
      (indicatorOrder.get(a.indicator_code) ?? 999) - (indicatorOrder.get(b.indicator_code) ?? 999) ||
      (BASIS_ORDER[a.basis] ?? 9) - (BASIS_ORDER[b.basis] ?? 9) ||
      (GROUP_ORDER[groupKind(a.peer_group_id)] ?? 3) - (GROUP_ORDER[groupKind(b.peer_group_id)] ?? 3) ||
      (a.peer_group_id ?? "").localeCompare(b.peer_group_id ?? ""),
  );
  const merged = combineLevelAndGrowth(mergeStatements(statements));
  return {
    highlights: prioritise(merged.filter((s) => s.kind === "highlight"), mainIndicators, LEAD_HIGHLIGHTS),
    shortfalls: prioritise(merged.filter((s) => s.kind === "shortfall"), mainIndicators, LEAD_SHORTFALLS),
  };
}

export function planDistricts(ctx: DistrictContext): PageJob[] {
  const { data, extras, rankings, districtPaths } = ctx;
  const groups = new Map<string, PeerGroupRow>(data.peerGroups.map((g) => [g.peer_group_id, g]));
  const indicatorOrder = new Map(data.indicators.map((i, k) => [i.indicator_code, k]));
  const indicators = new Map(data.indicators.map((i) => [i.indicator_code, i]));
  const statementsBy = groupBy(extras.statements, (s) => s.region_code);
  const growthBy = groupBy(data.growth, (g) => g.region_code);
  const targetsBy = groupBy(extras.targets, (t) => t.region_code);
  const claimsBy = groupBy(ctx.claims, (c) => c.region_code);
  const compositeBy = groupBy(extras.composite, (c) => c.region_code);
  const gapsBy = groupBy(extras.gaps ?? [], (g) => g.region_code);
  const regionNames = new Map(data.regions.map((r) => [r.region_code, r.name]));
  const mainIndicators = new Set(ctx.settings.mainIndicators);

  const jobs: PageJob[] = [];
  for (const region of data.regions) {
    const path = districtPaths.get(region.region_code);
    if (!path) continue;
    const code = region.region_code;
    const cityId = region.city_code ? `city:${region.city_code}` : null;
    const provinceId = `province:${region.province_code}`;
    const href = (p: string | undefined) => (p ? relativeHref(path, p) : undefined);

    const view = (m: MergedStatement): StatementView => ({
      text: m.text,
      // A level and its growth rank sit on the same ranking page: one link per page.
      links: [
        ...new Map(
          m.rows.flatMap((s) => {
            if (s.basis === "target" || !s.peer_group_id) return [["#targets", { label: "目标", href: "#targets" }] as const];
            const page = rankings.pagePaths.get(rankingKey(s.peer_group_id, s.indicator_code, s));
            const link = { label: groups.get(s.peer_group_id)?.peer_group_name ?? s.peer_group_id, href: `${href(page)}#r${code}` };
            return page ? [[link.href, link] as const] : [];
          }),
        ).values(),
      ],
    });
    const { highlights, shortfalls } = selectStatements(statementsBy.get(code) ?? [], indicatorOrder, mainIndicators);

    const positions: PositionRow[] = [];
    for (const indicator of data.indicators) {
      const period = data.periods.get(indicator.indicator_code);
      if (!period) continue;
      const cityTable = cityId ? rankings.latestTables.get(rankingKey(cityId, indicator.indicator_code)) : undefined;
      const provinceTable = rankings.latestTables.get(rankingKey(provinceId, indicator.indicator_code));
      const row = (cityTable ?? provinceTable)?.rows.find((r) => r.regionCode === code);
      if (!row || row.value == null) continue;
      const pageOf = (t: RankingTable | undefined, id: string | null) =>
        t && id ? href(rankings.pagePaths.get(rankingKey(id, indicator.indicator_code, t.period))) : undefined;
      positions.push({
        indicatorCode: indicator.indicator_code,
        indicator: indicator.name_zh,
        period: cityTable ? formatPeriod(cityTable.period) : formatPeriod(provinceTable!.period),
        value: formatValueWithUnit(row.value, indicator.unit, indicator.value_decimals),
        change: indicator.kind === "ratio"
          ? formatPpChange(row.ppChange, indicator.unit, { decimals: indicator.pp_decimals ?? undefined })
          : formatGrowth(row.yoyPct, indicator.yoy_decimals ?? undefined),
        city: rankCell(cityTable, code, pageOf(cityTable, cityId)),
        province: rankCell(provinceTable, code, pageOf(provinceTable, provinceId)),
      });
    }

    const trends: TrendSeries[] = [];
    for (const main of ctx.settings.mainIndicators) {
      const indicator = indicators.get(main);
      const period = data.periods.get(main);
      if (!indicator || !period) continue;
      const points = (growthBy.get(code) ?? [])
        .filter((g) => g.indicator_code === main && g.month === period.month && g.value != null)
        .map((g) => ({ year: g.year, value: g.value!, label: formatValueWithUnit(g.value, indicator.unit, indicator.value_decimals) }));
      if (points.length < 2) continue;
      const window = period.annual ? "各年" : period.month === 12 ? "各年全年" : period.month === 1 ? "各年1月" : `各年1-${period.month}月`;
      trends.push({ indicator: indicator.name_zh, unit: indicator.unit, window, zero: indicator.kind !== "ratio", points });
    }

    const myTargets = targetsBy.get(code) ?? [];
    const targetYear = Math.max(0, ...myTargets.map((t) => t.year));
    const targets = myTargets
      .filter((t) => t.year === targetYear)
      .sort((a, b) => (indicatorOrder.get(a.indicator_code) ?? 999) - (indicatorOrder.get(b.indicator_code) ?? 999))
      .map((t) => targetView(t, indicators.get(t.indicator_code), region.name));

    const claims: DistrictClaimView[] = (claimsBy.get(code) ?? []).map((c) => ({
      text: claimText(c),
      verdict: c.verdict,
      explanation: explainClaim(c, c.indicator_code ? indicators.get(c.indicator_code)?.unit : undefined),
      source: c.publisher ?? c.file,
    }));

    const myComposite = compositeBy.get(code) ?? [];
    const latestYear = Math.max(0, ...myComposite.filter((c) => c.score != null).map((c) => c.year));
    const composite: CompositeView[] = myComposite
      .filter((c) => c.year === latestYear && (c.peer_group_id === cityId || c.peer_group_id === provinceId))
      .sort((a, b) => (GROUP_ORDER[groupKind(a.peer_group_id)] ?? 3) - (GROUP_ORDER[groupKind(b.peer_group_id)] ?? 3) || a.method.localeCompare(b.method))
      .map((c) => ({
        method: METHOD_LABEL[c.method] ?? c.method,
        groupName: groups.get(c.peer_group_id)?.peer_group_name ?? c.peer_group_id,
        year: c.year,
        score: c.score == null ? "—" : formatNumber(c.score, 1),
        rank: c.rank,
        peerCount: c.peer_count,
        tier: c.tier,
        rankChange: c.rank_change,
        href: ctx.composites.has(c.peer_group_id) ? `${relativeHref(path, compositePagePath(c.peer_group_id))}#${c.method}` : "#composite",
      }));

    // 追赶分析: the main indicators in the city (the province where there is no city group).
    const myGaps = gapsBy.get(code) ?? [];
    const catchUp: CatchUpView[] = [];
    for (const main of ctx.settings.mainIndicators) {
      const indicator = indicators.get(main);
      const g = myGaps.find((x) => x.indicator_code === main && x.peer_group_id === cityId) ?? myGaps.find((x) => x.indicator_code === main && x.peer_group_id === provinceId);
      if (!indicator || !g || g.peer_count < 3) continue;
      catchUp.push({
        indicator: indicator.name_zh,
        period: formatPeriod({ year: g.year, month: g.month, annual: data.periods.get(main)?.annual ?? false }),
        groupName: groups.get(g.peer_group_id)?.peer_group_name ?? g.peer_group_id,
        rank: `第${g.rank}位/${g.peer_count}`,
        gaps: g.rank === 1 ? "居首位" : gapToLeadersText(g, indicator.unit) || "与前一位基本持平",
        target: targetNeedText(g, indicator.unit),
      });
    }

    jobs.push({
      kind: "district",
      path,
      input: {
        regionCode: code,
        name: regionNames.get(code) ?? code,
        cityName: cityId ? (groups.get(cityId)?.peer_group_name ?? null) : null,
        provinceName: groups.get(provinceId)?.peer_group_name ?? null,
        dataPeriod: ctx.dataPeriod,
        indexHref: relativeHref(path, "index.html"),
        highlights: highlights.lead.map(view),
        moreHighlights: highlights.rest.map(view),
        shortfalls: shortfalls.lead.map(view),
        moreShortfalls: shortfalls.rest.map(view),
        positions,
        trends,
        targets,
        targetsHref: cityId && ctx.boards.has(cityId) ? relativeHref(path, targetsPagePath(cityId)) : null,
        claims,
        claimsHref: claims.length ? `${relativeHref(path, CLAIMS_PAGE_PATH)}#r${code}` : null,
        composite,
        catchUp,
      },
    });
  }
  return jobs;
}

