// A warehouse covering several provinces (a national or research run) gets one complete site per
// province under <site>/<province code>/, each exactly what a provincial bureau would get from its
// own run, plus a landing page listing them. Building one province at a time keeps memory bounded by
// the largest province instead of the whole country.
import { escapeHtml, renderLayout } from "./html.ts";
import { formatDateTime, formatNumber } from "./format.ts";
import type { Query } from "./load.ts";

export interface RankedProvince {
  code: string;
  name: string;
}

/** Provinces whose units have rankings, in code order (the order of the national statistics). */
export async function listRankedProvinces(query: Query): Promise<RankedProvince[]> {
  const has = await query<{ n: number }>(
    "select count(*)::integer as n from information_schema.tables where table_schema = 'analyst' and table_name in ('rankings', 'peer_groups')",
  );
  if (Number(has[0]?.n ?? 0) < 2) return [];
  const rows = await query<{ peer_group_id: string; peer_group_name: string }>(
    `select g.peer_group_id, g.peer_group_name from analyst.peer_groups g
     where g.kind = 'province' and g.peer_group_id in (select distinct peer_group_id from analyst.rankings where peer_group_id like 'province:%')
     order by g.peer_group_id`,
  );
  return rows.map((r) => ({ code: r.peer_group_id.slice("province:".length), name: r.peer_group_name }));
}

export interface ProvinceListInput {
  title: string;
  generatedAt: Date;
  provinces: { name: string; href: string; dataPeriod: string; districts: number; pages: number }[];
}

export function renderProvinceList(input: ProvinceListInput): string {
  const rows = input.provinces
    .map(
      (p) =>
        `<tr><th scope="row" class="name"><a href="${escapeHtml(p.href)}">${escapeHtml(p.name)}</a></th><td class="text">${escapeHtml(p.dataPeriod)}</td><td>${formatNumber(p.districts, 0)}</td><td>${formatNumber(p.pages, 0)}</td></tr>`,
    )
    .join("\n");
  const districts = input.provinces.reduce((n, p) => n + p.districts, 0);
  const body = `<h1>${escapeHtml(input.title)}</h1>
<p class="meta"><span class="item">${input.provinces.length}个省级地区 · ${formatNumber(districts, 0)}个县级地区</span> · <span class="item">生成时间：${escapeHtml(formatDateTime(input.generatedAt))}</span></p>
<p class="note">各省的排名、地区画像、目标与综合指数各成一套，请先选择省份。</p>
<div class="table-wrap"><table>
<thead><tr><th scope="col">省级地区</th><th scope="col">数据期</th><th scope="col">县级地区</th><th scope="col">页面</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
  return renderLayout({ title: input.title, breadcrumb: [{ label: "全国" }], body });
}
