// The site's front page: data period and freshness, headline highlights, then for the latest period a
// link to every indicator's ranking page, grouped by peer group (全省 first, then the cities, then
// custom groups such as A类地区), with a jump list on top because a province has dozens of groups and a
// phone shows only a few links at a time; then the district profiles, targets boards and the index.
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
  /** `数据更新：…` line: when the newest source file was loaded. */
  freshness?: string;
  /** Headline sentences with the district they are about. */
  headlines?: { region: string; text: string; href: string | null }[];
  /** District profiles grouped by city. */
  districts?: { groupName: string; items: { name: string; href: string }[] }[];
  /** Targets boards and composite index pages, one link per peer group. */
  boards?: { groupName: string; targetsHref: string | null; compositeHref: string | null }[];
  /** Per peer group the 完成情况表 workbook and the drafted 通报 (`download` gives them readable names). */
  downloads?: { groupName: string; period: string; workbook: { href: string; name: string }; draft: { href: string; name: string } }[];
  /** The page above this site (the list of provinces when the run covers several). */
  parent?: { label: string; href: string };
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

function renderHeadlines(items: IndexPageInput["headlines"]): string {
  if (!items?.length) return "";
  return `<h2 id="headlines">要点</h2>
<p class="note">主要指标总量与增速的全省第一（最新数据期）。</p>
<ul class="statements">${items
    .map((h) => `<li><strong>${escapeHtml(h.region)}</strong>${escapeHtml(h.text)}${h.href ? `<a class="src" href="${escapeHtml(h.href)}">排名 ›</a>` : ""}</li>`)
    .join("")}</ul>`;
}

function renderDistricts(groups: IndexPageInput["districts"]): string {
  if (!groups?.length) return "";
  return `<h2 id="districts">地区画像</h2>
${groups
  .map(
    (g) => `<h3>${escapeHtml(g.groupName)}</h3>
<ul class="links districts">${g.items.map((d) => `<li><a href="${escapeHtml(d.href)}">${escapeHtml(d.name)}</a></li>`).join("")}</ul>`,
  )
  .join("\n")}`;
}

function renderDownloads(downloads: IndexPageInput["downloads"]): string {
  if (!downloads?.length) return "";
  const link = (f: { href: string; name: string }, label: string) => `<a href="${escapeHtml(f.href)}" download="${escapeHtml(f.name)}">${label}</a>`;
  const rows = downloads
    .map((d) => `<tr><th scope="row" class="name">${escapeHtml(d.groupName)}</th><td class="text">${escapeHtml(d.period)}</td><td class="rank">${link(d.workbook, "完成情况表（Excel）")}</td><td class="rank">${link(d.draft, "通报初稿（Word）")}</td></tr>`)
    .join("\n");
  return `<h2 id="downloads">完成情况表与通报</h2>
<p class="note">按比较范围下载本期完成情况表（含目标完成、位次变化与追赶分析）和起草好的通报；数字与本站一致，印发前请核对。</p>
<div class="table-wrap"><table class="boards">
<thead><tr><th scope="col" class="name">比较范围</th><th scope="col">时期</th><th scope="col">Excel</th><th scope="col">Word</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}

function renderBoards(boards: IndexPageInput["boards"]): string {
  if (!boards?.length) return "";
  const rows = boards
    .map(
      (b) =>
        `<tr><th scope="row" class="name">${escapeHtml(b.groupName)}</th><td class="rank">${b.targetsHref ? `<a href="${escapeHtml(b.targetsHref)}">目标完成情况</a>` : "—"}</td><td class="rank">${b.compositeHref ? `<a href="${escapeHtml(b.compositeHref)}">区域科技创新指数</a>` : "—"}</td></tr>`,
    )
    .join("\n");
  return `<h2 id="boards">目标与综合指数</h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col" class="name">比较范围</th><th scope="col">目标</th><th scope="col">综合指数</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
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
  const sections = [
    input.headlines?.length ? '<li><a href="#headlines">要点</a></li>' : "",
    '<li><a href="#rankings">指标排名</a></li>',
    input.districts?.length ? '<li><a href="#districts">地区画像</a></li>' : "",
    input.boards?.length ? '<li><a href="#boards">目标与综合指数</a></li>' : "",
    input.downloads?.length ? '<li><a href="#downloads">完成情况表与通报</a></li>' : "",
  ].join("");
  const meta = [`数据期：${input.dataPeriod}`, input.freshness, `生成时间：${formatDateTime(input.generatedAt)}`].filter(Boolean) as string[];
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="meta">${meta.map((m) => `<span class="item">${escapeHtml(m)}</span>`).join(" · ")}</p>
${input.extraLinks?.length ? `<p class="extra">${input.extraLinks.map((l) => `<a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a>`).join(" · ")}</p>` : ""}
<nav class="jump" aria-label="本页内容"><ul>${sections}</ul></nav>
${renderHeadlines(input.headlines)}
<h2 id="rankings" class="section">指标排名</h2>
${jump}
${groups.length ? groups.map(renderGroup).join("\n") : '<p class="empty">暂无排名数据。</p>'}
${renderDistricts(input.districts)}
${renderBoards(input.boards)}
${renderDownloads(input.downloads)}`;
  return renderLayout({
    title,
    breadcrumb: input.parent ? [input.parent, { label: "排名首页" }] : [{ label: "排名首页" }],
    body,
  });
}
