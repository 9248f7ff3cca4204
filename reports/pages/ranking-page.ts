// The ranking page of one indicator × peer group × period: heading, links to the other periods, bar
// chart and the full table (位次, 同比 or 百分点, 增量, 增速位次, 去年同期位次, 进退位) with a CSV of exactly
// that table. The table carries every figure, so the page still reads when printed in black and white
// or when the chart is too small on a phone. Nothing on the page depends on when it was generated, so
// an unchanged ranking gives a byte-identical file and is not rewritten.
import { renderRankingBar, type RankingBar } from "../charts/ranking-bar.ts";
import {
  NO_DATA,
  NOT_APPLICABLE,
  formatGrowth,
  formatIncrement,
  formatPeriod,
  formatPpChange,
  formatRank,
  formatRankChange,
  formatValue,
  formatValueWithUnit,
} from "../format.ts";
import { escapeHtml, renderLayout } from "../html.ts";
import type { RankingTable, RankingTableRow } from "../ranking-table.ts";

export interface PeriodLink {
  label: string;
  href: string;
  current: boolean;
}

export interface RankingPageInput {
  table: RankingTable;
  /** Relative link back to the index (ranking pages live two folders down). */
  indexHref?: string;
  /** Not shown: pages carry only the data period so an unchanged ranking stays byte-identical. */
  generatedAt?: Date;
  /** This and the other periods with pages, latest first. */
  periods?: PeriodLink[];
  /** Relative link of the CSV download of the table. */
  csvHref?: string;
  /** Relative links of district pages by region code; names without one are plain text. */
  districtHrefs?: Record<string, string>;
  /** The group's 完成情况表 workbook and 通报 of this period (relative href, readable file name). */
  officeFiles?: { label: string; href: string; name: string }[];
}

function titleParts(table: RankingTable): string[] {
  return [table.indicator.name_zh, table.peerGroup.peer_group_name, formatPeriod(table.period)];
}

/** `高新技术企业数 · 杭州市 · 2026年1-10月`. */
export function rankingPageTitle(table: RankingTable): string {
  return titleParts(table).join(" · ");
}

export function rankingBars(table: RankingTable): RankingBar[] {
  const unit = table.indicator.unit;
  return table.rows.map((r) => ({
    key: r.regionCode,
    label: r.name,
    value: r.value,
    rankLabel: table.comparable === false ? "" : formatRank(r.rank, r.tied),
    valueLabel: formatValueWithUnit(r.value, unit, table.indicator.value_decimals),
  }));
}

interface Column {
  head: string;
  cls?: string;
  cell: (r: RankingTableRow) => string;
}

/**
 * Whether weici's own 同比 differs, as shown, from the official one on some row: then it is shown beside
 * it (重算同比); otherwise one column says it all.
 */
export function showsOwnYoy(table: RankingTable): boolean {
  const d = table.indicator.yoy_decimals ?? undefined;
  return table.indicator.kind !== "ratio" &&
    table.rows.some((r) => r.yoyReported && r.yoyCalc !== undefined && formatGrowth(r.yoyCalc, d) !== formatGrowth(r.yoyPct, d));
}

function columns(table: RankingTable): Column[] {
  const { unit, kind } = table.indicator;
  const ind = table.indicator;
  const isRatio = kind === "ratio";
  const noData = (r: RankingTableRow, text: string) => (r.value == null ? NOT_APPLICABLE : text);
  const yoyDecimals = ind.yoy_decimals ?? undefined;
  const cols: Column[] = [
    { head: "位次", cls: "rank", cell: (r) => formatRank(r.rank, r.tied) },
    { head: "地区", cls: "name", cell: (r) => r.name },
    { head: `数值（${unit}）`, cell: (r) => formatValue(r.value, unit, ind.value_decimals) },
    isRatio
      ? {
          head: `比上年同期（${unit === "%" ? "百分点" : unit}）`,
          cell: (r) => noData(r, formatPpChange(r.ppChange, unit, { withUnit: false, decimals: ind.pp_decimals ?? undefined })),
        }
      : { head: "同比", cell: (r) => noData(r, formatGrowth(r.yoyPct, yoyDecimals)) },
  ];
  if (showsOwnYoy(table)) {
    cols.push({ head: "重算同比", cell: (r) => noData(r, r.yoyReported ? formatGrowth(r.yoyCalc, yoyDecimals) : "同左") });
  }
  // A ratio's increment is its 百分点 change, already shown: a second column would repeat it.
  if (!isRatio) cols.push({ head: `增量（${unit}）`, cell: (r) => noData(r, formatIncrement(r.increment, unit, ind.increment_decimals)) });
  cols.push(
    { head: isRatio ? "提高幅度位次" : "增速位次", cls: "rank", cell: (r) => formatRank(r.growthRank, r.growthTied) },
    { head: "去年同期位次", cls: "rank", cell: (r) => formatRank(r.prevRank) },
    { head: "进退位", cls: "rank", cell: (r) => formatRankChange(r.rankChange) },
  );
  return cols;
}

/** More members without data than this are named in one line under the table instead of as rows. */
export const MAX_NO_DATA_ROWS = 10;

/** The rows the table shows: members without data are collapsed into a note when there are many. */
function shownRows(table: RankingTable): { shown: RankingTableRow[]; collapsed: RankingTableRow[] } {
  const withoutData = table.rows.filter((r) => r.value == null);
  // A province group has ~90 members; when a city's districts are the only ones reported, 80 rows of
  // 无数据 would bury the ranking, so they are collapsed into one line.
  if (withoutData.length > MAX_NO_DATA_ROWS) return { shown: table.rows.filter((r) => r.value != null), collapsed: withoutData };
  return { shown: table.rows, collapsed: [] };
}

/** Header and cell texts of the table exactly as shown: the HTML table and its CSV both come from here. */
export function rankingTableCells(table: RankingTable): { head: string[]; rows: string[][]; regionCodes: string[] } {
  const cols = columns(table);
  const { shown } = shownRows(table);
  return { head: cols.map((c) => c.head), rows: shown.map((r) => cols.map((c) => c.cell(r))), regionCodes: shown.map((r) => r.regionCode) };
}

export function renderRankingTable(table: RankingTable, districtHrefs: Record<string, string> = {}): string {
  const cols = columns(table);
  const { shown, collapsed } = shownRows(table);
  const head = cols.map((c) => `<th scope="col"${c.cls === "name" ? ' class="name"' : ""}>${escapeHtml(c.head)}</th>`).join("");
  const body = shown
    .map((r) => {
      const cells = cols.map((c) => {
        const cls = c.cls ? ` class="${c.cls}"` : "";
        if (c.cls !== "name") return `<td${cls}>${escapeHtml(c.cell(r))}</td>`;
        const href = districtHrefs[r.regionCode];
        const name = escapeHtml(c.cell(r));
        return `<th scope="row"${cls}>${href ? `<a href="${escapeHtml(href)}">${name}</a>` : name}</th>`;
      });
      return `<tr id="r${escapeHtml(r.regionCode)}"${r.value == null ? ' class="no-data"' : ""}>${cells.join("")}</tr>`;
    })
    .join("\n");
  const caption = `${table.indicator.name_zh}各地区位次（${formatPeriod(table.period)}）`;
  return `<p class="hint">表格可左右滑动查看全部列</p>
<div class="table-wrap"><table class="ranking">
<caption>${escapeHtml(caption)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table></div>${
    collapsed.length
      ? `\n<p class="note">${escapeHtml(`${NO_DATA}地区（${collapsed.length}个）：${collapsed.map((r) => r.name).join("、")}`)}</p>`
      : ""
  }`;
}

function renderPeriodNav(periods: PeriodLink[] | undefined): string {
  if (!periods || periods.length < 2) return "";
  const items = periods.map((p) =>
    p.current ? `<li><span aria-current="page">${escapeHtml(p.label)}</span></li>` : `<li><a href="${escapeHtml(p.href)}">${escapeHtml(p.label)}</a></li>`,
  );
  return `<nav class="periods" aria-label="其他时期"><span class="label">时期：</span><ul>${items.join("")}</ul></nav>`;
}

export function renderRankingPage(input: RankingPageInput): string {
  const { table } = input;
  const indexHref = input.indexHref ?? "../../index.html";
  const { unit } = table.indicator;
  const title = rankingPageTitle(table);
  const ranked = table.rows.filter((r) => r.value != null).length;
  const missing = table.rows.length - ranked + table.unlistedWithoutData;
  const medianText = table.median == null ? null : `中位数 ${formatValueWithUnit(table.median, unit, table.indicator.value_decimals)}`;
  const comparable = table.comparable !== false;

  const meta = [`单位：${unit}`, comparable ? `参与排名${ranked}个地区` : `有数据${ranked}个地区`];
  if (missing > 0) meta.push(`${missing}个地区${NO_DATA}`);
  if (medianText) meta.push(medianText.replace(" ", "："));

  // One drawing for screen and print; on a phone it keeps a legible minimum width and scrolls (CSS).
  const chart = renderRankingBar(rankingBars(table), {
    title: `${title} 各地区位次条形图`,
    median: table.median,
    medianLabel: medianText ?? undefined,
    width: 640,
    maxLabelEm: 9,
    className: "ranking",
  });
  // A rank among fewer than three, or where everyone shows the same figure, is not news: no ranking.
  const noRanking = comparable
    ? table.growthComparable === false && ranked > 0
      ? `<p class="note">${table.indicator.kind === "ratio" ? "提高幅度" : "增速"}暂无可比数据（参与地区不足3个或数值全部相同），不排位次。</p>`
      : ""
    : `<p class="note no-ranking">暂无可比数据：参与地区不足3个或数值全部相同，本期不排位次。</p>`;
  const yoyNote = showsOwnYoy(table)
    ? `<p class="note">同比为各地填报数（按可比口径计算），位次按此排列；重算同比按本表数值与上年同期数值计算，供核对。</p>`
    : "";
  const unlisted =
    table.unlistedWithoutData > 0 ? `<p class="note">另有${table.unlistedWithoutData}个成员地区${NO_DATA}，未列入表中。</p>` : "";
  const office = (input.officeFiles ?? []).map((f) => ` <a href="${escapeHtml(f.href)}" download="${escapeHtml(f.name)}">${escapeHtml(f.label)}</a>`).join("");
  const download = input.csvHref || office
    ? `<p class="tools">${input.csvHref ? `<a href="${escapeHtml(input.csvHref)}" download>下载本表（CSV，可用Excel打开）</a>` : ""}${office}</p>`
    : "";

  // The group and period stay on one line on a phone (never "2026年1-" / "10月"); long indicator names may wrap.
  const heading = titleParts(table)
    .map((t, i) => (i === 0 ? escapeHtml(t) : `<span class="nw">${escapeHtml(t)}</span>`))
    .join(" · ");
  const body = `<h1>${heading}</h1>
<p class="meta">${meta.map((m) => `<span class="item">${escapeHtml(m)}</span>`).join(" · ")}</p>
${noRanking}
${renderPeriodNav(input.periods)}
${chart}
${renderRankingTable(table, input.districtHrefs)}
${unlisted}
${yoyNote}
${download}
<p class="note">位次按公布精度的数值（与表中显示一致）${table.indicator.higher_is_better ? "从高到低" : "从低到高"}排列；数值相同者并列，下一位次顺延（如1、2、2、4）。进退位与去年同期位次比较，进位为位次上升。</p>`;

  return renderLayout({
    title,
    breadcrumb: [
      { label: "排名首页", href: indexHref },
      { label: table.peerGroup.peer_group_name },
      { label: table.indicator.name_zh },
    ],
    body,
    footer: `数据期：${formatPeriod(table.period)}`,
  });
}
