// The site's front page: for the latest period, a link to every indicator's ranking page, grouped by
// peer group (全省 first, then the cities, then custom groups such as A类地区), with a jump list on top
// because a province has dozens of groups and a phone shows only a few links at a time.
import { formatDateTime, formatPeriod } from "../format.ts";
import { escapeHtml, renderLayout } from "../html.ts";
import type { IndicatorRow, PeerGroupRow, Period } from "../model.ts";
import { peerGroupSlug } from "../paths.ts";

export interface IndexLink {
  indicator: IndicatorRow;
  period: Period;
  /** Relative link from the index, e.g. `rankings/city-330100/hte_count-2026-10.html`. */
  href: string;
}

export interface IndexGroup {
  peerGroup: PeerGroupRow;
  links: IndexLink[];
}

export interface IndexPageInput {
  groups: IndexGroup[];
  /** Plain text such as `2026年1-10月（年度指标：2025年）`. */
  dataPeriod: string;
  generatedAt: Date;
  title?: string;
  /** Pages beside the rankings (e.g. the claims check), listed under the heading. */
  extraLinks?: { label: string; href: string }[];
}

const KIND_LABEL: Record<string, string> = { province: "全省排名", city: "全市排名", custom: "分类排名" };
const KIND_ORDER: Record<string, number> = { province: 0, city: 1, custom: 2 };

/** Province, then cities by code, then custom groups by name: the order a bureau's report follows. */
export function sortPeerGroups<T extends { peerGroup: PeerGroupRow }>(groups: T[]): T[] {
  return [...groups].sort((a, b) => {
    const ka = KIND_ORDER[a.peerGroup.kind] ?? 3;
    const kb = KIND_ORDER[b.peerGroup.kind] ?? 3;
    if (ka !== kb) return ka - kb;
    return a.peerGroup.peer_group_id < b.peerGroup.peer_group_id ? -1 : a.peerGroup.peer_group_id > b.peerGroup.peer_group_id ? 1 : 0;
  });
}

function renderGroup(group: IndexGroup): string {
  const { peerGroup } = group;
  const id = peerGroupSlug(peerGroup.peer_group_id);
  const kind = KIND_LABEL[peerGroup.kind] ?? "排名";
  const items = group.links
    .map(
      (l) =>
        `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.indicator.name_zh)}</a><span class="period">${escapeHtml(formatPeriod(l.period))}</span></li>`,
    )
    .join("\n");
  return `<section id="${escapeHtml(id)}">
<h2>${escapeHtml(peerGroup.peer_group_name)}<span class="kind">${escapeHtml(kind)} · ${peerGroup.member_count}个地区</span></h2>
<ul class="links">
${items}
</ul>
</section>`;
}

export function renderIndexPage(input: IndexPageInput): string {
  const title = input.title ?? "科技指标区县排名";
  const groups = sortPeerGroups(input.groups.filter((g) => g.links.length > 0));
  const jump =
    groups.length > 1
      ? `<nav class="jump" aria-label="分组"><ul>${groups
          .map((g) => `<li><a href="#${escapeHtml(peerGroupSlug(g.peerGroup.peer_group_id))}">${escapeHtml(g.peerGroup.peer_group_name)}</a></li>`)
          .join("")}</ul></nav>`
      : "";
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="meta">数据期：${escapeHtml(input.dataPeriod)} · 生成时间：${escapeHtml(formatDateTime(input.generatedAt))}</p>
${input.extraLinks?.length ? `<p class="extra">${input.extraLinks.map((l) => `<a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a>`).join(" · ")}</p>` : ""}
${jump}
${groups.length ? groups.map(renderGroup).join("\n") : '<p class="empty">暂无排名数据。</p>'}`;
  return renderLayout({
    title,
    breadcrumb: [{ label: "排名首页" }],
    body,
  });
}
