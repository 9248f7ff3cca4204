// The 区域科技创新指数 of one peer group: for the latest year a bar chart by each method (coloured by
// performance tier, the group mean marked), the table of scores, relative scores, tiers, ranks and
// 进退位, the ranks over the years, and how the index is made (indicators, weights, standard values).
import { renderRankingBar, type RankingBar } from "../charts/ranking-bar.ts";
import { TIER_COLORS, TIER_LABELS, TIER_RANGES } from "../charts/palette.ts";
import { formatNumber, formatRank, formatRankChange } from "../format.ts";
import { escapeHtml, renderLayout } from "../html.ts";
import type { CompositeTier } from "../model.ts";

export interface CompositeRowView {
  regionCode: string;
  regionName: string;
  score: number | null;
  relativePct: number | null;
  tier: CompositeTier | null;
  rank: number | null;
  tied: boolean;
  rankChange: number | null;
  coverage: number | null;
}

export interface CompositeMethodView {
  method: "eis" | "monitor";
  label: string;
  /** One sentence on how scores are made. */
  description: string;
  rows: CompositeRowView[];
  mean: number | null;
  /** Rank by year, per region code (years ascending). */
  history: { years: number[]; ranks: Record<string, (number | null)[]> };
}

export interface CompositePageInput {
  groupName: string;
  indexName: string;
  year: number;
  methods: CompositeMethodView[];
  indicators: { name: string; unit: string; weightPct: number; standard: string; transform: string }[];
  minCoveragePct: number | null;
  regionHrefs: Record<string, string>;
  indexHref: string;
}

function tierBadge(tier: CompositeTier | null): string {
  if (!tier) return "—";
  const light = tier === "moderate" || tier === "emerging";
  return `<span class="badge${light ? " light" : ""}" style="background:${TIER_COLORS[tier]}">${escapeHtml(TIER_LABELS[tier])}</span>`;
}

function methodSection(m: CompositeMethodView, input: CompositePageInput): string {
  const bars: RankingBar[] = m.rows
    .filter((r) => r.score != null)
    .map((r) => ({
      key: r.regionCode,
      label: r.regionName,
      value: r.score,
      rankLabel: formatRank(r.rank, r.tied),
      valueLabel: formatNumber(r.score!, 1),
      fill: r.tier ? TIER_COLORS[r.tier] : undefined,
    }));
  const chart = renderRankingBar(bars, {
    title: `${input.groupName}${input.indexName}（${m.label}）${input.year}年`,
    median: m.mean,
    medianLabel: m.mean == null ? undefined : `组内平均 ${formatNumber(m.mean, 1)}`,
    width: 640,
    maxLabelEm: 9,
    className: "ranking",
  });
  const name = (r: CompositeRowView) => {
    const href = input.regionHrefs[r.regionCode];
    return href ? `<a href="${escapeHtml(href)}">${escapeHtml(r.regionName)}</a>` : escapeHtml(r.regionName);
  };
  const rows = m.rows
    .map(
      (r) =>
        `<tr><td class="rank">${escapeHtml(formatRank(r.rank, r.tied))}</td><th scope="row" class="name">${name(r)}</th><td>${r.score == null ? "—" : formatNumber(r.score, 1)}</td><td>${r.relativePct == null ? "—" : `${formatNumber(r.relativePct, 1)}%`}</td><td class="rank">${tierBadge(r.tier)}</td><td class="rank">${escapeHtml(formatRankChange(r.rankChange))}</td><td>${r.coverage == null ? "—" : `${formatNumber(100 * r.coverage, 0)}%`}</td></tr>`,
    )
    .join("\n");
  const years = m.history.years;
  const historyRows = m.rows
    .map((r) => `<tr><th scope="row" class="name">${name(r)}</th>${(m.history.ranks[r.regionCode] ?? []).map((k) => `<td class="rank">${k ?? "—"}</td>`).join("")}</tr>`)
    .join("\n");
  return `<h2 id="${m.method}">${escapeHtml(m.label)}</h2>
<p class="note">${escapeHtml(m.description)}</p>
${chart}
<div class="table-wrap"><table>
<caption>${escapeHtml(`${input.year}年${input.indexName}（${m.label}）`)}</caption>
<thead><tr><th scope="col">位次</th><th scope="col" class="name">地区</th><th scope="col">得分</th><th scope="col">相对组内平均</th><th scope="col">类型</th><th scope="col">进退位</th><th scope="col">指标覆盖</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
${years.length > 1 ? `<div class="table-wrap"><table>
<caption>${escapeHtml(`历年位次（${m.label}）`)}</caption>
<thead><tr><th scope="col" class="name">地区</th>${years.map((y) => `<th scope="col">${y}年</th>`).join("")}</tr></thead>
<tbody>
${historyRows}
</tbody></table></div>` : ""}`;
}

export function renderCompositePage(input: CompositePageInput): string {
  const tiers = (Object.keys(TIER_LABELS) as CompositeTier[]).map((t) => `${tierBadge(t)} ${TIER_RANGES[t]}`).join("　");
  const indicatorRows = input.indicators
    .map((i) => `<tr><th scope="row" class="name">${escapeHtml(i.name)}</th><td>${escapeHtml(i.unit)}</td><td>${formatNumber(i.weightPct, 1)}%</td><td>${escapeHtml(i.standard)}</td><td class="text">${escapeHtml(i.transform)}</td></tr>`)
    .join("\n");
  const body = `<h1>${escapeHtml(input.groupName)} · ${escapeHtml(input.indexName)}<span class="sub-h1">${input.year}年</span></h1>
<p class="meta">类型按得分相对组内平均划分：${tiers}</p>
<nav class="jump" aria-label="方法"><ul>${input.methods.map((m) => `<li><a href="#${m.method}">${escapeHtml(m.label)}</a></li>`).join("")}<li><a href="#method">指标与权重</a></li></ul></nav>
${input.methods.map((m) => methodSection(m, input)).join("\n")}
<h2 id="method">指标与权重</h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col" class="name">指标</th><th scope="col">单位</th><th scope="col">权重</th><th scope="col">监测标准值</th><th scope="col">处理</th></tr></thead>
<tbody>
${indicatorRows}
</tbody></table></div>
<p class="note">采用各年年末（12月）数据。某年缺数时沿用上一年数值，无上一年则取下一年；一个地区有数据的指标权重合计不足${input.minCoveragePct == null ? "规定比例" : `${formatNumber(input.minCoveragePct, 0)}%`}时不计算指数。</p>`;
  return renderLayout({
    title: `${input.groupName}${input.indexName} · ${input.year}年`,
    breadcrumb: [{ label: "排名首页", href: input.indexHref }, { label: input.groupName }, { label: input.indexName }],
    body,
    footer: `数据期：${input.year}年`,
  });
}
