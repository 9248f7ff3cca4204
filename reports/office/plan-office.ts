// Plans the files a bureau mails out, one workbook (完成情况表) and one Word draft (通报) per peer
// group for the latest monthly period, as plain data: the same rows the site shows, rounded and worded
// by the same rules, so the files can be rendered anywhere and keyed by their input.
import { formatGrowth, formatPeriod, formatValueWithUnit } from "../format.ts";
import { catchUpText } from "../gap-text.ts";
import type { ExtraData } from "../load-extras.ts";
import type { IndicatorRow, Period, ReportData } from "../model.ts";
import { peerGroupSlug } from "../paths.ts";
import { selectStatements } from "../plan-districts.ts";
import type { SiteSettings } from "../site-config.ts";
import { STATUS_LABELS } from "../charts/palette.ts";
import { targetView } from "../target-board.ts";
import type { DraftInput } from "../draft/bulletin-docx.ts";
import type { RankSheetRow, TargetSheetRow, WorkbookInput } from "../workbook/completion-workbook.ts";
import { buildCompletionTable, growthIndex, membersWord, totalLabel, type CompletionTable } from "./completion-table.ts";
import type { RankingRow, StatementRow } from "../model.ts";
import { roundGrowth, roundPp, roundValue } from "./display.ts";

export interface OfficeFile<K extends string, I> {
  kind: K;
  /** Path under the site root (`downloads/…`), `[a-z0-9_-]` only like every site path. */
  path: string;
  /** The name a person sees when saving or mailing it. */
  name: string;
  input: I;
}

export type OfficeJob = OfficeFile<"workbook", WorkbookInput> | OfficeFile<"draft", DraftInput>;

export interface OfficeDownload {
  peerGroupId: string;
  groupName: string;
  period: string;
  workbook: { href: string; name: string };
  draft: { href: string; name: string };
}

/** The period the files are for: the latest month of the monthly indicators (else the latest year). */
export function officePeriod(periods: Iterable<Period>): Period | null {
  let best: Period | null = null;
  for (const p of periods) {
    const better = !best || (best.annual && !p.annual) || (best.annual === p.annual && p.year * 100 + p.month > best.year * 100 + best.month);
    if (better) best = p;
  }
  return best;
}

export function officeStem(peerGroupId: string, period: Period): string {
  return `downloads/${peerGroupSlug(peerGroupId)}-${period.year}-${period.month}`;
}

/** `1-10月` for flows and ratios, `10月末` for stocks, `2025年` for annual figures. */
function periodWord(ind: IndicatorRow, p: Period): string {
  if (p.annual) return `${p.year}年`;
  if (ind.kind === "stock") return `${p.month}月末`;
  return p.month === 1 ? "1月" : `1-${p.month}月`;
}

function overview(table: CompletionTable, indicators: Map<string, IndicatorRow>): string[] {
  const label = totalLabel(table.groupKind);
  const n = table.rows.length;
  const members = membersWord(table.groupKind).replace(/^各/, "");
  return table.columns.map((c, k) => {
    const ind = indicators.get(c.indicatorCode)!;
    const cells = table.rows.map((r) => r.cells[k]).filter((x) => x != null);
    const rising = cells.filter((x) => x.change != null && x.change > 0).length;
    const when = periodWord(ind, table.period);
    if (c.ratio) {
      return `${when}，${label}${n}个${members}中，${c.name}较去年同期提高的有${rising}个。`;
    }
    const total = table.total?.cells[k];
    const head = total?.value != null ? `${when}，${label}${c.name}合计${formatValueWithUnit(total.value, c.unit)}${total.change != null ? `，同比${formatGrowth(total.change)}` : ""}` : `${when}，${label}${c.name}`;
    return `${head}；${n}个${members}中，同比增长的有${rising}个。`;
  });
}

export function planOffice(data: ReportData, extras: ExtraData, settings: SiteSettings, groupIds: string[]): { jobs: OfficeJob[]; downloads: OfficeDownload[] } {
  const period = officePeriod([...data.periods.values()].filter((p) => !p.annual));
  if (!period) return { jobs: [], downloads: [] };
  const groups = new Map(data.peerGroups.map((g) => [g.peer_group_id, g]));
  const indicators = new Map(data.indicators.map((i) => [i.indicator_code, i]));
  const indicatorOrder = new Map(data.indicators.map((i, k) => [i.indicator_code, k]));
  const regionNames = new Map(data.regions.map((r) => [r.region_code, r.name]));
  const mainIndicators = new Set(settings.mainIndicators);
  const stamp = `${period.year}-${String(period.month).padStart(2, "0")}-01T00:00:00Z`;
  const periodText = formatPeriod(period);
  const sources = extras.quality?.sources.map((s) => s.sourceId) ?? [];
  const dataNote = `数据来源：各地报送数据（${sources.length ? sources.join("、") : "weici 数据仓库"}）${extras.freshness ? `，数据更新于${extras.freshness}` : ""}。`;
  const jobs: OfficeJob[] = [];
  const downloads: OfficeDownload[] = [];
  // Indexed once: a province has dozens of groups and hundreds of thousands of ranking rows.
  const growthAt = growthIndex(data.growth, period);
  const rankingsBy = new Map<string, RankingRow[]>();
  for (const r of data.rankings) {
    if (r.basis !== "value" || r.year !== period.year || r.month !== period.month) continue;
    const list = rankingsBy.get(r.peer_group_id);
    if (list) list.push(r);
    else rankingsBy.set(r.peer_group_id, [r]);
  }
  // Every district ranked in a group at any period the site shows: the 通报 speaks of all of them,
  // also those without a figure this month.
  const membersBy = new Map<string, Set<string>>();
  for (const r of data.rankings) {
    let m = membersBy.get(r.peer_group_id);
    if (!m) membersBy.set(r.peer_group_id, (m = new Set()));
    m.add(r.region_code);
  }
  const statementsBy = new Map<string, StatementRow[]>();
  for (const s of extras.statements) {
    const list = statementsBy.get(s.region_code);
    if (list) list.push(s);
    else statementsBy.set(s.region_code, [s]);
  }
  const selected = new Map<string, ReturnType<typeof selectStatements>>();
  const selectionOf = (code: string) => {
    let s = selected.get(code);
    if (!s) selected.set(code, (s = selectStatements(statementsBy.get(code) ?? [], indicatorOrder, mainIndicators)));
    return s;
  };

  for (const id of groupIds) {
    const g = groups.get(id);
    if (!g) continue;
    const common = { peerGroupId: id, groupName: g.peer_group_name, groupKind: g.kind, period, indicators: data.indicators, rankings: rankingsBy.get(id) ?? [], growth: data.growth, growthAt, regionNames };
    const table = buildCompletionTable(common);
    if (table.columns.length === 0 || table.rows.length === 0) continue;
    const members = new Set(table.rows.map((r) => r.regionCode));
    const scope = `${g.peer_group_name}${membersWord(g.kind)}`;
    const title = `${scope}主要科技指标完成情况表（${periodText}）`;

    // 目标完成: each member's targets of the latest target year, at their latest month.
    const myTargets = extras.targets.filter((t) => members.has(t.region_code));
    const targetYear = Math.max(0, ...myTargets.map((t) => t.year));
    const targets: TargetSheetRow[] = myTargets
      .filter((t) => t.year === targetYear)
      .sort((a, b) => a.region_code.localeCompare(b.region_code) || (indicatorOrder.get(a.indicator_code) ?? 999) - (indicatorOrder.get(b.indicator_code) ?? 999))
      .map((t) => {
        const ind = indicators.get(t.indicator_code);
        const v = targetView(t, ind, regionNames.get(t.region_code) ?? t.region_code);
        const unit = ind?.unit ?? "";
        const growth = t.target_kind === "growth";
        return {
          regionCode: t.region_code, regionName: v.regionName, indicator: v.indicator, unit, kindLabel: v.kindLabel,
          target: growth ? roundGrowth(t.target_value)! : roundValue(t.target_value, unit)!,
          actual: growth ? roundGrowth(t.actual) : roundValue(t.actual, unit),
          completionPct: t.target_kind === "level" ? roundGrowth(t.completion_pct) : null,
          timeProgressPct: roundGrowth(t.time_progress_pct),
          gapPp: t.target_kind === "level" || t.actual == null ? null : roundPp(t.actual - t.target_value),
          status: STATUS_LABELS[t.status], progressText: v.progressText,
        };
      });

    // The main indicators (as on district pages) for the 位次变化 sheet and the 通报's table, which must fit A4 landscape.
    const mainTable = buildCompletionTable({ ...common, only: settings.mainIndicators.filter((c) => data.periods.get(c)?.annual !== true) });
    // 位次变化 with 追赶分析, per district and main indicator.
    const gaps = new Map((extras.gaps ?? []).filter((x) => x.peer_group_id === id && x.year === period.year && x.month === period.month).map((x) => [`${x.region_code}|${x.indicator_code}`, x]));
    const peerCounts = mainTable.columns.map((_, k) => mainTable.rows.filter((x) => x.cells[k]?.rank != null).length);
    const ranks: RankSheetRow[] = mainTable.rows.flatMap((r) =>
      mainTable.columns.flatMap((c, k) => {
        const cell = r.cells[k];
        if (!cell) return [];
        const gap = gaps.get(`${r.regionCode}|${c.indicatorCode}`);
        const peerCount = peerCounts[k]!;
        const dist = (v: number | null | undefined) => (v == null ? null : c.unit === "%" ? roundPp(v) : roundValue(v, c.unit));
        return [{
          regionCode: r.regionCode, regionName: r.name, indicator: c.name, unit: c.unit, value: cell.value, rank: cell.rank, peerCount,
          prevRank: cell.prevRank, rankChange: cell.rankChange,
          aboveRank: gap?.above_rank ?? null, gapToAbove: dist(gap?.gap_to_above), gapToFirst: dist(gap?.gap_to_first),
          targetRemaining: dist(gap?.target_remaining), monthlyNeeded: dist(gap?.monthly_needed),
          text: gap ? (gap.rank === 1 ? "居首位" : catchUpText(gap, c.unit)) : "",
        }];
      }),
    );
    const notes = [
      `注：1. ${dataNote}`,
      "2. 位次按本年累计（比重指标按本年数值）由高到低排列，并列者同位次，后一位次顺延。",
      `3. ${totalLabel(g.kind)}行为各地之和；比重指标不合计。同比增长按去年同期数计算，数值按显示精度取舍。`,
    ];
    const stem = officeStem(id, period);
    const workbookName = `${title}.xlsx`;
    jobs.push({
      kind: "workbook", path: `${stem}.xlsx`, name: workbookName,
      input: { table, title, targetsTitle: `${scope}科技目标完成情况（${periodText}）`, ranksTitle: `${scope}主要科技指标位次变化与追赶分析（${periodText}）`, targets, ranks, notes, stamp },
    });

    // The 通报.
    const districts = [...(membersBy.get(id) ?? members)].sort().map((code) => {
      const sel = selectionOf(code);
      const catchUp = mainTable.columns.flatMap((c) => {
        const gap = gaps.get(`${code}|${c.indicatorCode}`);
        if (!gap || gap.rank === 1 || gap.peer_count < 3) return [];
        const text = catchUpText(gap, c.unit);
        return text ? [`${c.name}居${totalLabel(g.kind) === "合计" ? g.peer_group_name : totalLabel(g.kind)}第${gap.rank}位，${text}。`] : [];
      });
      return { name: regionNames.get(code) ?? code, highlights: sel.highlights.lead.map((s) => s.text), shortfalls: sel.shortfalls.lead.map((s) => s.text), catchUp };
    });
    const draftName = `${scope}科技创新主要指标情况通报（${periodText}）.docx`;
    jobs.push({
      kind: "draft", path: `${stem}.docx`, name: draftName,
      input: {
        title: `关于${scope}科技创新主要指标情况的通报`,
        period: periodText,
        overview: overview(mainTable, indicators),
        districts,
        table: mainTable,
        tableTitle: `${scope}主要科技指标完成情况表（${periodText}）`,
        closing: `${dataNote}本通报由 weici 根据已入库数据起草，数字与排名网站一致，印发前请核对。`,
        stamp,
      },
    });
    downloads.push({
      peerGroupId: id, groupName: g.peer_group_name, period: periodText,
      workbook: { href: `${stem}.xlsx`, name: workbookName }, draft: { href: `${stem}.docx`, name: draftName },
    });
  }
  return { jobs, downloads };
}
