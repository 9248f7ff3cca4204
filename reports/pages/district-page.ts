// The profile of one county-level unit: its drafted 亮点 and 短板 (each linked to the ranking behind it),
// its composite index, its position in 全市 and 全省 for every indicator (strip chart and table), trend
// lines of the main indicators, its targets board and the rank claims of its published reports.
import { renderRankStrip, type RankStripRow } from "../charts/rank-strip.ts";
import { renderTrendLine, type TrendPoint } from "../charts/trend-line.ts";
import { TIER_COLORS, TIER_LABELS } from "../charts/palette.ts";
import { formatRank, formatRankChange } from "../format.ts";
import { escapeHtml, renderLayout } from "../html.ts";
import type { CompositeTier } from "../model.ts";
import type { TargetView } from "../target-board.ts";
import { renderTargetTable } from "./target-table.ts";

export interface StatementView {
  text: string;
  /** Ranking pages (with the district's row anchor) or the targets section the sentence rests on. */
  links: { label: string; href: string }[];
}

export interface RankCell {
  rank: number;
  peerCount: number;
  tied: boolean;
  href: string;
}

export interface PositionRow {
  indicatorCode: string;
  indicator: string;
  period: string;
  /** Value with unit, e.g. `1,096家`. */
  value: string;
  /** 同比 or 百分点 change in bureau wording. */
  change: string;
  city: RankCell | null;
  province: RankCell | null;
}

export interface TrendSeries {
  indicator: string;
  unit: string;
  /** `各年1-10月` or `各年`. */
  window: string;
  zero: boolean;
  points: TrendPoint[];
}

export interface CompositeView {
  method: string;
  groupName: string;
  year: number;
  score: string;
  rank: number | null;
  peerCount: number;
  tier: CompositeTier | null;
  rankChange: number | null;
  href: string;
}

export interface DistrictClaimView {
  text: string;
  verdict: "confirmed" | "contradicted" | "unverifiable";
  explanation: string;
  source: string;
}

export interface DistrictPageInput {
  regionCode: string;
  name: string;
  cityName: string | null;
  provinceName: string | null;
  dataPeriod: string;
  indexHref: string;
  /** The most important first; the rest (more*) sit behind a 展开 the reader can open. */
  highlights: StatementView[];
  moreHighlights?: StatementView[];
  shortfalls: StatementView[];
  moreShortfalls?: StatementView[];
  positions: PositionRow[];
  trends: TrendSeries[];
  targets: TargetView[];
  targetsHref: string | null;
  claims: DistrictClaimView[];
  claimsHref: string | null;
  composite: CompositeView[];
  /** 追赶分析 of the main indicators in the district's city (or province): rank and what it takes to move up. */
  catchUp?: CatchUpView[];
}

export interface CatchUpView {
  indicator: string;
  period: string;
  groupName: string;
  /** `第3位/13`. */
  rank: string;
  /** `距第2位差1.23亿元，距首位差5.00亿元` or `居首位`. */
  gaps: string;
  /** `完成年度目标尚需8.40亿元，月均1.40亿元` or empty. */
  target: string;
}

function catchUpSection(items: CatchUpView[] | undefined): string {
  if (!items?.length) return "";
  const rows = items
    .map((c) => `<tr><th scope="row" class="name">${escapeHtml(c.indicator)}</th><td class="text">${escapeHtml(c.period)}</td><td class="text">${escapeHtml(c.groupName)}</td><td class="rank">${escapeHtml(c.rank)}</td><td class="text">${escapeHtml(c.gaps)}</td><td class="text">${escapeHtml(c.target || "—")}</td></tr>`)
    .join("\n");
  return `<h2 id="catch-up">追赶分析</h2>
<div class="table-wrap"><table class="catch-up">
<thead><tr><th scope="col" class="name">指标</th><th scope="col">时期</th><th scope="col">比较范围</th><th scope="col">位次</th><th scope="col">与前列的差距</th><th scope="col">年度目标</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}

function statementItems(items: StatementView[]): string {
  return items
    .map((s) => `<li>${escapeHtml(s.text)}${s.links.map((l) => `<a class="src" href="${escapeHtml(l.href)}">${escapeHtml(l.label)} ›</a>`).join("")}</li>`)
    .join("");
}

function statementList(items: StatementView[], more: StatementView[], label: string, empty: string): string {
  if (items.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const rest = more.length
    ? `\n<details class="more-statements"><summary>其余${label}${more.length}条</summary><ul class="statements">${statementItems(more)}</ul></details>`
    : "";
  return `<ul class="statements">${statementItems(items)}</ul>${rest}`;
}

function rankCell(c: RankCell | null): string {
  if (!c) return "<td class=\"rank\">—</td>";
  return `<td class="rank"><a href="${escapeHtml(c.href)}">${escapeHtml(formatRank(c.rank, c.tied))}</a><span class="of">/${c.peerCount}</span></td>`;
}

function positionTable(rows: PositionRow[], cityName: string | null, provinceName: string | null): string {
  const body = rows
    .map(
      (r) =>
        `<tr><th scope="row" class="name">${escapeHtml(r.indicator)}</th><td class="text">${escapeHtml(r.period)}</td><td>${escapeHtml(r.value)}</td><td>${escapeHtml(r.change)}</td>${rankCell(r.city)}${rankCell(r.province)}</tr>`,
    )
    .join("\n");
  return `<div class="table-wrap"><table class="positions">
<thead><tr><th scope="col" class="name">指标</th><th scope="col">时期</th><th scope="col">数值</th><th scope="col">比上年同期</th><th scope="col">${escapeHtml(cityName ?? "全市")}位次</th><th scope="col">${escapeHtml(provinceName ?? "全省")}位次</th></tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}

function compositeSection(items: CompositeView[]): string {
  if (items.length === 0) return "";
  const rows = items
    .map((c) => {
      const tier = c.tier ? `<span class="badge${c.tier === "moderate" || c.tier === "emerging" ? " light" : ""}" style="background:${TIER_COLORS[c.tier]}">${escapeHtml(TIER_LABELS[c.tier])}</span>` : "—";
      return `<tr><th scope="row" class="name"><a href="${escapeHtml(c.href)}">${escapeHtml(c.groupName)}</a></th><td class="text">${escapeHtml(c.method)}</td><td>${c.year}</td><td>${escapeHtml(c.score)}</td><td class="rank">${c.rank == null ? "—" : `${c.rank}/${c.peerCount}`}</td><td class="rank">${escapeHtml(formatRankChange(c.rankChange))}</td><td class="rank">${tier}</td></tr>`;
    })
    .join("\n");
  return `<h2 id="composite">区域科技创新指数</h2>
<div class="table-wrap"><table class="composite">
<thead><tr><th scope="col" class="name">比较范围</th><th scope="col">方法</th><th scope="col">年份</th><th scope="col">得分</th><th scope="col">位次</th><th scope="col">进退位</th><th scope="col">类型</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}

const VERDICT = { confirmed: "证实", contradicted: "不符", unverifiable: "无法核验" } as const;

function claimsSection(input: DistrictPageInput): string {
  if (input.claims.length === 0) return "";
  const items = input.claims
    .map((c) => `<li><strong class="verdict-${c.verdict}">${VERDICT[c.verdict]}</strong> “${escapeHtml(c.text)}” — ${escapeHtml(c.explanation)}<span class="src">${escapeHtml(c.source)}</span></li>`)
    .join("");
  const more = input.claimsHref ? `<p class="note"><a href="${escapeHtml(input.claimsHref)}">在核验页查看出处与全部说明 ›</a></p>` : "";
  return `<h2 id="claims">工作总结排名表述核验</h2>
<ul class="statements claims">${items}</ul>${more}`;
}

function trendsSection(trends: TrendSeries[], name: string): string {
  if (trends.length === 0) return "";
  const charts = trends
    .map((t) => {
      const title = `${name}${t.indicator}${t.window}走势`;
      return `<div><figcaption>${escapeHtml(t.indicator)}<span class="sub">${escapeHtml(`${t.unit} · ${t.window}`)}</span></figcaption>${renderTrendLine(t.points, { title, zero: t.zero })}</div>`;
    })
    .join("\n");
  return `<h2 id="trends">主要指标走势</h2>
<div class="grid2">
${charts}
</div>`;
}

export function renderDistrictPage(input: DistrictPageInput): string {
  const place = [input.cityName, input.provinceName].filter(Boolean).join(" · ");
  const strip: RankStripRow[] = input.positions.map((p) => ({
    key: p.indicatorCode,
    label: p.indicator,
    city: p.city && { rank: p.city.rank, peerCount: p.city.peerCount, tied: p.city.tied },
    province: p.province && { rank: p.province.rank, peerCount: p.province.peerCount, tied: p.province.tied },
  }));
  const legend = `<p class="note">● ${escapeHtml(input.cityName ?? "全市")}内位次　○ ${escapeHtml(input.provinceName ?? "全省")}内位次（左端为第一，右端为末位）</p>`;
  const targets = input.targets.length
    ? `<h2 id="targets">目标完成情况</h2>
${renderTargetTable(input.targets, { showRegion: false })}${input.targetsHref ? `\n<p class="note"><a href="${escapeHtml(input.targetsHref)}">查看全市目标完成情况 ›</a></p>` : ""}`
    : "";
  const body = `<h1>${escapeHtml(input.name)}<span class="sub-h1">科技创新指标画像</span></h1>
<p class="meta"><span class="item">${escapeHtml(place)}</span> · <span class="item">数据期：${escapeHtml(input.dataPeriod)}</span></p>
<nav class="jump" aria-label="本页内容"><ul><li><a href="#highlights">亮点与短板</a></li><li><a href="#positions">位次</a></li>${input.catchUp?.length ? '<li><a href="#catch-up">追赶</a></li>' : ""}${input.trends.length ? '<li><a href="#trends">走势</a></li>' : ""}${input.targets.length ? '<li><a href="#targets">目标</a></li>' : ""}${input.claims.length ? '<li><a href="#claims">表述核验</a></li>' : ""}</ul></nav>
<h2 id="highlights">亮点</h2>
${statementList(input.highlights, input.moreHighlights ?? [], "亮点", "本期暂无位居前列或明显进位的指标。")}
<h2 id="shortfalls">短板</h2>
${statementList(input.shortfalls, input.moreShortfalls ?? [], "短板", "本期暂无位居末段或明显退位的指标。")}
${compositeSection(input.composite)}
<h2 id="positions">各指标位次</h2>
${legend}
${renderRankStrip(strip, { width: 760, title: `${input.name}各指标在${input.cityName ?? "全市"}和${input.provinceName ?? "全省"}的位次`, cityLabel: "市", provinceLabel: "省" })}
${positionTable(input.positions, input.cityName, input.provinceName)}
${catchUpSection(input.catchUp)}
${trendsSection(input.trends, input.name)}
${targets}
${claimsSection(input)}`;
  return renderLayout({
    title: `${input.name} · 科技创新指标画像`,
    breadcrumb: [{ label: "排名首页", href: input.indexHref }, ...(input.cityName ? [{ label: input.cityName }] : []), { label: input.name }],
    body,
    footer: `数据期：${input.dataPeriod}`,
  });
}
