// The index page's own content: headline 亮点 (first places in the province for the main indicators,
// districts tied on the same figure on one line) and the district profiles listed by city.
import type { PeerGroupRow, RegionRow, StatementRow } from "./model.ts";
import type { IndexPageInput } from "./pages/index-page.ts";
import { rankingKey } from "./plan-rankings.ts";

export function planHeadlines(input: {
  groups: PeerGroupRow[];
  statements: StatementRow[];
  mainIndicators: string[];
  regionNames: Map<string, string>;
  pagePaths: Map<string, string>;
}): NonNullable<IndexPageInput["headlines"]> {
  const group = input.groups.find((g) => g.kind === "province") ?? input.groups[0];
  if (!group) return [];
  const headlines: NonNullable<IndexPageInput["headlines"]> = [];
  const byText = new Map<string, (typeof headlines)[number]>();
  for (const code of input.mainIndicators) {
    for (const s of input.statements) {
      if (s.peer_group_id !== group.peer_group_id || s.indicator_code !== code || s.rank !== 1 || s.basis === "target") continue;
      const name = input.regionNames.get(s.region_code) ?? s.region_code;
      const same = byText.get(s.text);
      if (same) {
        same.region += `、${name}`;
        continue;
      }
      const page = input.pagePaths.get(rankingKey(s.peer_group_id, code, s));
      const line = { region: name, text: s.text, href: page ? `${page}#r${s.region_code}` : null };
      byText.set(s.text, line);
      headlines.push(line);
    }
  }
  return headlines;
}

/** District profiles by city in the groups' order; units without a city group come last under 其他. */
export function planDistrictList(groups: PeerGroupRow[], regions: RegionRow[], districtPaths: Map<string, string>): NonNullable<IndexPageInput["districts"]> {
  const cities = groups.filter((g) => g.kind === "city");
  const out = cities
    .map((g) => ({
      groupName: g.peer_group_name,
      items: regions
        .filter((r) => `city:${r.city_code}` === g.peer_group_id && districtPaths.has(r.region_code))
        .map((r) => ({ name: r.name, href: districtPaths.get(r.region_code)! })),
    }))
    .filter((g) => g.items.length);
  const other = regions.filter((r) => districtPaths.has(r.region_code) && !cities.some((g) => g.peer_group_id === `city:${r.city_code}`));
  if (other.length) out.push({ groupName: "其他", items: other.map((r) => ({ name: r.name, href: districtPaths.get(r.region_code)! })) });
  return out;
}
