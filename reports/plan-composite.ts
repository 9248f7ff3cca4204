// Plans the composite index pages: one per peer group with scores, for the latest year that has any,
// with both methods side by side and the ranks of every year.
import type { CompositeIndicatorRow, CompositeMethod, CompositeRow, IndicatorRow, PeerGroupRow } from "./model.ts";
import type { PageJob } from "./page-jobs.ts";
import type { CompositeMethodView, CompositeRowView } from "./pages/composite-page.ts";
import { compositePagePath, relativeHref } from "./paths.ts";

const METHODS: { method: CompositeMethod; label: string; description: string }[] = [
  {
    method: "eis",
    label: "欧洲创新记分牌法",
    description: "各指标在本组各地区、各年份的数值中按最小—最大值归一到0至1（偏态指标先开平方），按权重加权平均后乘以100；各年可比。",
  },
  {
    method: "monitor",
    label: "科技进步监测法",
    description: "各指标得分＝实际值÷监测标准值×100（最高100分），按权重加权求和。",
  },
];

export interface CompositeContext {
  groups: PeerGroupRow[];
  rows: CompositeRow[];
  indicators: (CompositeIndicatorRow & { index_name: string; min_coverage: number })[];
  catalog: IndicatorRow[];
  regionNames: Map<string, string>;
  districtPaths: Map<string, string>;
}

export function planComposite(ctx: CompositeContext): { jobs: PageJob[]; composites: Set<string> } {
  const jobs: PageJob[] = [];
  const composites = new Set<string>();
  const catalog = new Map(ctx.catalog.map((i) => [i.indicator_code, i]));
  const totalWeight = ctx.indicators.reduce((s, i) => s + i.weight, 0);
  const indexName = ctx.indicators[0]?.index_name ?? "区域科技创新指数";
  const indicators = ctx.indicators.map((i) => {
    const c = catalog.get(i.indicator_code);
    return {
      name: c?.name_zh ?? i.indicator_code,
      unit: c?.unit ?? "",
      weightPct: totalWeight > 0 ? (100 * i.weight) / totalWeight : 0,
      standard: `${i.standard_value}${c?.unit ?? ""}`,
      transform: i.transform === "sqrt" ? "开平方后归一" : "直接归一",
    };
  });
  for (const group of ctx.groups) {
    const id = group.peer_group_id;
    const rows = ctx.rows.filter((r) => r.peer_group_id === id);
    const scored = rows.filter((r) => r.score != null);
    if (scored.length === 0) continue;
    const year = Math.max(...scored.map((r) => r.year));
    const path = compositePagePath(id);
    composites.add(id);
    const regionHrefs: Record<string, string> = {};
    for (const r of rows) {
      const d = ctx.districtPaths.get(r.region_code);
      if (d) regionHrefs[r.region_code] = relativeHref(path, d);
    }
    const methods: CompositeMethodView[] = METHODS.map(({ method, label, description }) => {
      const all = rows.filter((r) => r.method === method);
      const thisYear = all.filter((r) => r.year === year);
      const rankCounts = new Map<number, number>();
      for (const r of thisYear) if (r.rank != null) rankCounts.set(r.rank, (rankCounts.get(r.rank) ?? 0) + 1);
      const views: CompositeRowView[] = thisYear
        .map((r) => ({
          regionCode: r.region_code,
          regionName: ctx.regionNames.get(r.region_code) ?? r.region_code,
          score: r.score,
          relativePct: r.relative_pct,
          tier: r.tier,
          rank: r.rank,
          tied: r.rank != null && (rankCounts.get(r.rank) ?? 0) > 1,
          rankChange: r.rank_change,
          coverage: r.coverage,
        }))
        .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.regionCode.localeCompare(b.regionCode));
      const scores = thisYear.map((r) => r.score).filter((s): s is number => s != null);
      const years = [...new Set(all.filter((r) => r.score != null).map((r) => r.year))].sort((a, b) => a - b);
      const ranks: Record<string, (number | null)[]> = {};
      for (const v of views) ranks[v.regionCode] = years.map((y) => all.find((r) => r.region_code === v.regionCode && r.year === y)?.rank ?? null);
      return {
        method,
        label,
        description,
        rows: views,
        mean: scores.length ? scores.reduce((s, x) => s + x, 0) / scores.length : null,
        history: { years, ranks },
      };
    });
    jobs.push({
      kind: "composite",
      path,
      input: {
        groupName: group.peer_group_name,
        indexName,
        year,
        methods,
        indicators,
        minCoveragePct: ctx.indicators[0] ? 100 * ctx.indicators[0].min_coverage : null,
        regionHrefs,
        indexHref: relativeHref(path, "index.html"),
      },
    });
  }
  return { jobs, composites };
}
