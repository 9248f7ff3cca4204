// The claims page: every rank claim found in published work reports, its verdict against our own
// rankings (证实 / 不符 / 无法核验) and the evidence, grouped by district with an anchor per district.
import { formatDateTime, formatValueWithUnit, rankOrdinalZh } from "../format.ts";
import { escapeHtml, renderLayout } from "../html.ts";

export interface ClaimRow {
  region_code: string;
  year: number;
  month: number;
  indicator_code: string | null;
  indicator: string | null;
  scope: string | null;
  peer_group_id: string | null;
  basis: string;
  claimed_rank: number | null;
  offset: number;
  text: string;
  file: string;
  publisher: string | null;
  verdict: "confirmed" | "contradicted" | "unverifiable";
  reason_code: string | null;
  our_rank: number | null;
  our_value: number | null;
  peer_count: number | null;
}

export const CLAIMS_PAGE_PATH = "claims.html";

const VERDICT_ZH = { confirmed: "证实", contradicted: "不符", unverifiable: "无法核验" } as const;
const BASIS_ZH: Record<string, string> = { value: "总量", yoy: "增速", increment: "增量", pp_change: "提高幅度" };

function ourValue(c: ClaimRow, unit: string | undefined): string {
  if (c.our_value == null) return "—";
  if (c.basis === "yoy") return `${c.our_value.toFixed(1)}%`;
  if (c.basis === "pp_change") return `${c.our_value.toFixed(2)}个百分点`;
  return formatValueWithUnit(c.our_value, unit ?? "");
}

/** Why a claim could not be confirmed, in the words a bureau reader expects. */
export function explainClaim(c: ClaimRow, unit: string | undefined): string {
  switch (c.reason_code) {
    case null:
    case undefined:
      return `我们的位次与之一致（共${c.peer_count ?? "?"}个地区）`;
    case "rank_differs":
      return `我们的位次为${rankOrdinalZh(c.our_rank!)}（共${c.peer_count}个地区），${BASIS_ZH[c.basis] ?? c.basis}为${ourValue(c, unit)}`;
    case "unknown_region":
      return "报告所属地区不在区划代码表中";
    case "indicator_not_in_catalog":
      return `指标“${c.indicator ?? ""}”不在指标目录中`;
    case "peer_group_unknown":
      return `排名范围“${c.scope ?? "未注明"}”不是已知的比较组`;
    case "period_not_loaded":
      return `${c.year}年${c.month}月的该项排名尚无数据`;
    case "no_figure":
      return "该地区在该时期没有该指标数据";
    case "masked_rank":
      return "报告中的位次被隐去";
    default:
      return c.reason_code;
  }
}

export interface ClaimsPageInput {
  claims: ClaimRow[];
  regionNames: Map<string, string>;
  indicatorNames: Map<string, { name: string; unit: string }>;
  generatedAt: Date;
  /** Relative links of district pages by region code. */
  districtHrefs?: Record<string, string>;
}

export function renderClaimsPage(input: ClaimsPageInput): string {
  const byRegion = new Map<string, ClaimRow[]>();
  for (const c of input.claims) byRegion.set(c.region_code, [...(byRegion.get(c.region_code) ?? []), c]);
  const count = (v: ClaimRow["verdict"]) => input.claims.filter((c) => c.verdict === v).length;
  const sections = [...byRegion].map(([code, claims]) => {
    const rows = claims
      .map((c) => {
        const ind = c.indicator_code ? input.indicatorNames.get(c.indicator_code) : undefined;
        return `<tr class="verdict-${c.verdict}">
<td>${escapeHtml(ind?.name ?? c.indicator ?? "")}</td>
<td>${escapeHtml(c.scope ?? "")}</td>
<td>${escapeHtml(BASIS_ZH[c.basis] ?? c.basis)}</td>
<td class="num">${c.claimed_rank == null ? "—" : escapeHtml(rankOrdinalZh(c.claimed_rank))}</td>
<td><strong>${VERDICT_ZH[c.verdict]}</strong></td>
<td>${escapeHtml(explainClaim(c, ind?.unit))}<br><small>出处：${escapeHtml(c.publisher ?? c.file)}（${escapeHtml(c.file)}，第${c.offset}字“${escapeHtml(c.text)}”）</small></td>
</tr>`;
      })
      .join("\n");
    const name = escapeHtml(input.regionNames.get(code) ?? code);
    const href = input.districtHrefs?.[code];
    return `<section id="r${escapeHtml(code)}">
<h2>${href ? `<a href="${escapeHtml(href)}">${name}</a>` : name}</h2>
<div class="table-wrap"><table class="claims">
<thead><tr><th>指标</th><th>范围</th><th>依据</th><th>声称位次</th><th>核验</th><th>说明与出处</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
  });
  const body = `<style>
.claims td, .claims th { text-align: left; white-space: normal; }
.claims td.num { text-align: center; }
.claims small { color: #666; }
.verdict-confirmed strong { color: #2e7d32; }
.verdict-contradicted strong { color: #c62828; }
.verdict-unverifiable strong { color: #757575; }
</style>
<h1>工作总结中的排名表述核验</h1>
<p class="meta">共${input.claims.length}条：证实${count("confirmed")}条，不符${count("contradicted")}条，无法核验${count("unverifiable")}条 · 生成时间：${escapeHtml(formatDateTime(input.generatedAt))}</p>
<p class="note">将各地公开发布的工作总结中“居全市第一”“增速居全省第3位”等表述，与本库按同一口径计算的位次逐条比对。</p>
${sections.length ? sections.join("\n") : '<p class="empty">尚未载入工作总结。</p>'}`;
  return renderLayout({ title: "排名表述核验", breadcrumb: [{ label: "排名首页", href: "index.html" }, { label: "排名表述核验" }], body });
}
