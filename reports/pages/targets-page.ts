// The targets board of one peer group: for each target indicator a bar chart of completion by district
// (coloured by status, 时序进度 marked), then the table of every district × target. The page has no
// script, so the board is published pre-sorted three ways (status, completion, district), linked at top.
import { renderRankingBar, type RankingBar } from "../charts/ranking-bar.ts";
import { STATUS_COLORS, STATUS_LABELS } from "../charts/palette.ts";
import { formatNumber } from "../format.ts";
import { escapeHtml, renderLayout } from "../html.ts";
import type { TargetStatus } from "../model.ts";
import type { TargetView } from "../target-board.ts";
import { renderTargetTable, statusBadge } from "./target-table.ts";

export interface TargetChart {
  indicator: string;
  kindLabel: string;
  /** 时序进度 of the period when the target is a year-to-date flow level, else null. */
  timeProgress: number | null;
  /** How many of the bars measure a stock target by its net increase over last year's end (净增). */
  netIncrease?: { count: number; of: number };
  bars: { regionCode: string; regionName: string; completion: number; status: TargetStatus }[];
}

export interface TargetsPageInput {
  groupName: string;
  /** `2026年1-10月`. */
  period: string;
  sortLinks: { label: string; href: string; current: boolean }[];
  rows: TargetView[];
  charts: TargetChart[];
  regionHrefs: Record<string, string>;
  indexHref: string;
  /** The group's 完成情况表 workbook and 通报 (relative href, readable file name). */
  officeFiles?: { label: string; href: string; name: string }[];
  /** Last year's final results, when the board is for a year in progress. */
  previous: { period: string; rows: TargetView[] } | null;
}

function legend(): string {
  return `<p class="note">${(Object.keys(STATUS_LABELS) as TargetStatus[]).map((s) => statusBadge(s)).join(" ")}　已完成/未完成为年终结果；年中总量目标按时序进度（累计月数÷12；分批认定的指标按去年同期进度）判断是否符合进度，存量目标以比上年末净增数对照计划净增数；增速目标以同比增速与目标增速之差（百分点）判断，年中不称达到/未达到；比重指标直接与目标比较。</p>`;
}

function chart(c: TargetChart, groupName: string): string {
  const bars: RankingBar[] = [...c.bars]
    .sort((a, b) => b.completion - a.completion || (a.regionCode < b.regionCode ? -1 : 1))
    .map((b) => ({
      key: b.regionCode,
      label: b.regionName,
      value: b.completion,
      rankLabel: "",
      valueLabel: `${formatNumber(b.completion, 1)}%`,
      fill: STATUS_COLORS[b.status],
    }));
  const reference = c.timeProgress ?? 100;
  const figure = renderRankingBar(bars, {
    title: `${groupName}${c.indicator}目标完成率`,
    median: reference,
    medianLabel: c.timeProgress != null ? `时序进度${formatNumber(c.timeProgress, 1)}%` : "目标100%",
    width: 640,
    maxLabelEm: 9,
    className: "ranking",
  });
  const net = c.netIncrease?.count ?? 0;
  const how = c.kindLabel === "增速" ? "完成率＝完成值÷（上年同期值×（1＋目标增速））"
    : net > 0 && net === c.netIncrease!.of ? "完成率＝比上年末净增÷计划净增（年度目标－上年末值）"
    : net > 0 ? "完成率＝比上年末净增÷计划净增；目标不高于上年末的，完成率＝完成值÷年度目标"
    : "完成率＝完成值÷年度目标";
  return `<h3>${escapeHtml(c.indicator)}<span class="kind">（${escapeHtml(c.kindLabel)}目标，${how}）</span></h3>\n${figure}`;
}

export function renderTargetsPage(input: TargetsPageInput): string {
  const counts = { missed: 0, behind: 0, on_track: 0, met: 0 };
  for (const r of input.rows) counts[r.status]++;
  const summary = (Object.keys(counts) as TargetStatus[])
    .filter((s) => counts[s] > 0)
    .map((s) => `${STATUS_LABELS[s]}${counts[s]}项`)
    .join("，");
  const sortNav = `<nav class="sort" aria-label="排序"><span>排序：</span>${input.sortLinks
    .map((l) => (l.current ? `<span aria-current="page">${escapeHtml(l.label)}</span>` : `<a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a>`))
    .join("")}</nav>`;
  const previous = input.previous?.rows.length
    ? `<h2>${escapeHtml(input.previous.period)}目标完成结果</h2>\n${renderTargetTable(input.previous.rows, { showRegion: true, regionHrefs: input.regionHrefs })}`
    : "";
  const body = `<h1>${escapeHtml(input.groupName)} · 目标完成情况<span class="sub-h1">${escapeHtml(input.period)}</span></h1>
<p class="meta">共${input.rows.length}项目标${summary ? `：${escapeHtml(summary)}` : ""}</p>${input.officeFiles?.length ? `\n<p class="tools">${input.officeFiles.map((f) => `<a href="${escapeHtml(f.href)}" download="${escapeHtml(f.name)}">${escapeHtml(f.label)}</a>`).join(" ")}</p>` : ""}
${legend()}
${input.charts.map((c) => chart(c, input.groupName)).join("\n")}
<h2>各地区目标完成明细</h2>
${sortNav}
${renderTargetTable(input.rows, { showRegion: true, regionHrefs: input.regionHrefs })}
${previous}`;
  return renderLayout({
    title: `${input.groupName}目标完成情况 · ${input.period}`,
    breadcrumb: [{ label: "排名首页", href: input.indexHref }, { label: input.groupName }, { label: "目标完成情况" }],
    body,
    footer: `数据期：${input.period}`,
  });
}
