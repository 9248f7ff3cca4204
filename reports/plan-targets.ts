// Plans the targets boards: one per peer group whose members have targets in the latest target year,
// published in three orders (status, completion, district), with last year's final results below.
import { formatPeriod } from "./format.ts";
import type { IndicatorRow, PeerGroupRow, TargetRow } from "./model.ts";
import type { PageJob } from "./page-jobs.ts";
import type { TargetChart } from "./pages/targets-page.ts";
import { relativeHref, targetsPagePath, type TargetsSort } from "./paths.ts";
import { sortTargets, targetView } from "./target-board.ts";

const SORTS: { sort: TargetsSort; label: string }[] = [
  { sort: "status", label: "按完成状态" },
  { sort: "completion", label: "按完成率" },
  { sort: "region", label: "按地区" },
];

export interface TargetsContext {
  groups: { peerGroup: PeerGroupRow; members: Set<string> }[];
  targets: TargetRow[];
  indicators: IndicatorRow[];
  regionNames: Map<string, string>;
  districtPaths: Map<string, string>;
}

export function planTargets(ctx: TargetsContext): { jobs: PageJob[]; boards: Set<string> } {
  const indicators = new Map(ctx.indicators.map((i) => [i.indicator_code, i]));
  const order = new Map(ctx.indicators.map((i, k) => [i.indicator_code, k]));
  const jobs: PageJob[] = [];
  const boards = new Set<string>();
  const latestYear = Math.max(0, ...ctx.targets.map((t) => t.year));
  for (const { peerGroup, members } of ctx.groups) {
    const mine = ctx.targets.filter((t) => members.has(t.region_code));
    const current = mine.filter((t) => t.year === latestYear);
    if (current.length === 0) continue;
    const id = peerGroup.peer_group_id;
    boards.add(id);
    const view = (t: TargetRow) => targetView(t, indicators.get(t.indicator_code), ctx.regionNames.get(t.region_code) ?? t.region_code);
    const month = Math.max(...current.map((t) => t.month));
    const period = formatPeriod({ year: latestYear, month, annual: month === 12 });

    const chartKeys = [...new Set(current.map((t) => `${t.indicator_code}|${t.target_kind}`))].sort(
      (a, b) => (order.get(a.split("|")[0]!) ?? 999) - (order.get(b.split("|")[0]!) ?? 999) || a.localeCompare(b),
    );
    const charts: TargetChart[] = chartKeys.map((key) => {
      const rows = current.filter((t) => `${t.indicator_code}|${t.target_kind}` === key && t.completion_pct != null);
      const v = rows[0] ? view(rows[0]) : null;
      const progress = rows.map((t) => t.time_progress_pct).filter((p): p is number => p != null);
      return {
        indicator: v?.indicator ?? key,
        kindLabel: v?.kindLabel ?? "",
        timeProgress: progress.length && progress.every((p) => p === progress[0]) ? progress[0]! : null,
        netIncrease: { count: rows.filter((t) => t.completion_basis === "net_increase").length, of: rows.length },
        bars: rows.map((t) => ({ regionCode: t.region_code, regionName: ctx.regionNames.get(t.region_code) ?? t.region_code, completion: t.completion_pct!, status: t.status })),
      };
    });
    const previousRows = mine.filter((t) => t.year === latestYear - 1 && t.month === 12).map(view);

    for (const { sort } of SORTS) {
      const path = targetsPagePath(id, sort);
      const regionHrefs: Record<string, string> = {};
      for (const code of members) {
        const d = ctx.districtPaths.get(code);
        if (d) regionHrefs[code] = relativeHref(path, d);
      }
      jobs.push({
        kind: "targets",
        path,
        input: {
          groupName: peerGroup.peer_group_name,
          period,
          sortLinks: SORTS.map((s) => ({ label: s.label, href: relativeHref(path, targetsPagePath(id, s.sort)), current: s.sort === sort })),
          rows: sortTargets(current.map(view), sort),
          charts,
          regionHrefs,
          indexHref: relativeHref(path, "index.html"),
          previous: previousRows.length ? { period: `${latestYear - 1}年`, rows: sortTargets(previousRows, sort) } : null,
        },
      });
    }
  }
  return { jobs, boards };
}
