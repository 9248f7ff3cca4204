import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { rankingBarGeometry, renderRankingBar, type RankingBar } from "../reports/charts/ranking-bar.ts";
import { textWidthPx } from "../reports/charts/text-width.ts";
import { PAGE_CSS, escapeHtml, renderLayout } from "../reports/html.ts";
import type { GrowthRow, IndicatorRow, PeerGroupRow, Period, RankingRow, RegionRow } from "../reports/model.ts";
import { renderIndexPage } from "../reports/pages/index-page.ts";
import { rankingBars, renderRankingPage } from "../reports/pages/ranking-page.ts";
import { buildRankingTable, membersOf, type RankingTable } from "../reports/ranking-table.ts";
import * as fx from "./fixtures/reports-hangzhou/rows.ts";

const NOW = new Date("2026-11-20T01:30:00Z");
const LATEST: Record<string, Period> = {
  hte_count: { year: 2026, month: 10, annual: false },
  rd_intensity: { year: 2025, month: 12, annual: true },
};

interface Overrides {
  regions?: RegionRow[];
  indicator?: Partial<IndicatorRow>;
  rankings?: RankingRow[];
}

function tableFor(indicatorCode: string, groupId: string, o: Overrides = {}): RankingTable {
  const regions = o.regions ?? fx.regions;
  const period = LATEST[indicatorCode]!;
  const indicator = { ...fx.indicators.find((i) => i.indicator_code === indicatorCode)!, ...o.indicator };
  const peerGroup = fx.peerGroups.find((g) => g.peer_group_id === groupId)!;
  const inPeriod = (r: { indicator_code: string; year: number; month: number }) =>
    r.indicator_code === indicatorCode && r.year === period.year && r.month === period.month;
  const growth = new Map<string, GrowthRow>(fx.growth.filter(inPeriod).map((g) => [g.region_code, g]));
  return buildRankingTable({
    indicator,
    peerGroup,
    period,
    rankings: (o.rankings ?? fx.rankings).filter((r) => r.peer_group_id === groupId && inPeriod(r)),
    growth,
    regions: new Map(regions.map((r) => [r.region_code, r])),
    members: membersOf(peerGroup, regions),
  });
}

function page(table: RankingTable): Document {
  return parseHTML(renderRankingPage({ table, generatedAt: NOW })).document as unknown as Document;
}

/** Table body as { region name → { column header → cell text } }. */
function tableCells(doc: Document): Map<string, Record<string, string>> {
  const heads = [...doc.querySelectorAll("thead th")].map((th) => th.textContent ?? "");
  const out = new Map<string, Record<string, string>>();
  for (const tr of doc.querySelectorAll("tbody tr")) {
    const cells = [...tr.children].map((c) => c.textContent ?? "");
    out.set(cells[1]!, Object.fromEntries(heads.map((h, i) => [h, cells[i]!])));
  }
  return out;
}

function rowOrder(doc: Document): string[] {
  return [...doc.querySelectorAll("tbody tr")].map((tr) => tr.children[1]?.textContent ?? "");
}

describe("ranking table", () => {
  it("shows 并列 for tied ranks in the table", () => {
    const cells = tableCells(page(tableFor("hte_count", "city:330100")));
    expect(cells.get("上城区")!["位次"]).toBe("并列2");
    expect(cells.get("西湖区")!["位次"]).toBe("并列2");
    expect(cells.get("滨江区")!["位次"]).toBe("1");
    expect(cells.get("萧山区")!["位次"]).toBe("4");
  });

  it("orders rows by rank and puts a member without data last as 无数据", () => {
    const doc = page(tableFor("hte_count", "city:330100"));
    expect(rowOrder(doc)).toEqual(["滨江区", "上城区", "西湖区", "萧山区", "拱墅区", "余杭区"]);
    const yuhang = tableCells(doc).get("余杭区")!;
    expect(yuhang["数值（家）"]).toBe("无数据");
    expect(yuhang["位次"]).toBe("—");
  });

  it("shows value, 同比, 增量 and the rank by 同比 in bureau wording", () => {
    const xihu = tableCells(page(tableFor("hte_count", "city:330100"))).get("西湖区")!;
    expect(xihu["数值（家）"]).toBe("820");
    expect(xihu["同比"]).toBe("增长17.1%");
    expect(xihu["增量（家）"]).toBe("+120");
    expect(xihu["增速位次"]).toBe("1");
    expect(tableCells(page(tableFor("hte_count", "city:330100"))).get("萧山区")!["同比"]).toBe("下降11.1%");
  });

  it("shows 进位 and 退位 against last year's rank", () => {
    const cells = tableCells(page(tableFor("hte_count", "city:330100")));
    expect(cells.get("西湖区")!["去年同期位次"]).toBe("4");
    expect(cells.get("西湖区")!["进退位"]).toBe("进位2");
    expect(cells.get("萧山区")!["进退位"]).toBe("退位1");
    expect(cells.get("滨江区")!["进退位"]).toBe("持平");
  });

  it("ranks a ratio's growth by its 百分点 change and drops the 增量 column", () => {
    const doc = page(tableFor("rd_intensity", "city:330100"));
    const heads = [...doc.querySelectorAll("thead th")].map((th) => th.textContent);
    expect(heads).toContain("比上年同期（百分点）");
    expect(heads).toContain("提高幅度位次");
    expect(heads).not.toContain("同比");
    expect(heads.some((h) => h?.startsWith("增量"))).toBe(false);
    const cells = tableCells(doc);
    expect(cells.get("西湖区")!["比上年同期（百分点）"]).toBe("提高0.36");
    expect(cells.get("西湖区")!["提高幅度位次"]).toBe("1");
    expect(cells.get("上城区")!["比上年同期（百分点）"]).toBe("下降0.12");
    expect(cells.get("上城区")!["提高幅度位次"]).toBe("5");
    expect(cells.get("萧山区")!["位次"]).toBe("并列3");
    expect(cells.get("西湖区")!["数值（%）"]).toBe("3.08");
  });

  it("tells apart repeated district names with their city", () => {
    const regions: RegionRow[] = [
      { region_code: "620102", name: "城关区", level: "district", city_code: "620100", province_code: "620000" },
      { region_code: "540102", name: "城关区", level: "district", city_code: "540100", province_code: "540000" },
    ];
    const rows: RankingRow[] = regions.map((r, i) => ({
      peer_group_id: "custom:同名", peer_group_name: "同名", indicator_code: "hte_count", year: 2026, month: 10, basis: "value",
      region_code: r.region_code, value: 10 - i, rank: i + 1, peer_count: 2, prev_rank: null, rank_change: null,
    }));
    const table = buildRankingTable({
      indicator: fx.indicators[0]!,
      peerGroup: { peer_group_id: "custom:同名", peer_group_name: "同名", kind: "custom", member_count: 2 },
      period: LATEST.hte_count!,
      rankings: rows,
      growth: new Map(),
      regions: new Map(regions.map((r) => [r.region_code, r])),
      cityNames: new Map([["620100", "兰州市"], ["540100", "拉萨市"]]),
    });
    expect(table.rows.map((r) => r.name)).toEqual(["城关区（兰州市）", "城关区（拉萨市）"]);
  });
});

describe("ranking page", () => {
  it("titles the page with indicator, peer group and year-to-date period", () => {
    const doc = page(tableFor("hte_count", "city:330100"));
    expect(doc.querySelector("h1")!.textContent).toBe("高新技术企业数 · 杭州市 · 2026年1-10月");
    expect(doc.querySelector("title")!.textContent).toBe("高新技术企业数 · 杭州市 · 2026年1-10月");
  });

  it("writes an annual indicator's period as the year alone", () => {
    const doc = page(tableFor("rd_intensity", "city:330100"));
    expect(doc.querySelector("h1")!.textContent).toBe("R&D经费投入强度 · 杭州市 · 2025年");
  });

  it("escapes a region name containing <script>", () => {
    const evil = `<script>alert("x")</script>&copy;'`;
    const regions = fx.regions.map((r) => (r.region_code === "330108" ? { ...r, name: evil } : r));
    const html = renderRankingPage({ table: tableFor("hte_count", "city:330100", { regions }), generatedAt: NOW });
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;");
    const doc = parseHTML(html).document;
    expect(doc.querySelectorAll("script").length).toBe(0);
    expect(rowOrder(doc as unknown as Document)[0]).toBe(evil);
  });

  it("escapes an indicator name with quotes and & in the title, heading and chart label", () => {
    const name = `R&D"投入'<b>`;
    const html = renderRankingPage({ table: tableFor("hte_count", "city:330100", { indicator: { name_zh: name } }), generatedAt: NOW });
    const doc = parseHTML(html).document;
    expect(doc.querySelectorAll("b").length).toBe(0);
    expect(doc.querySelector("h1")!.textContent).toContain(name);
    expect(doc.querySelector("svg")!.getAttribute("aria-label")).toContain(name);
    expect(html).not.toContain(`aria-label="${name}`);
  });

  it("is self-contained: no script, no external resource, only relative links", () => {
    const html = renderRankingPage({ table: tableFor("hte_count", "city:330100"), generatedAt: NOW });
    const doc = parseHTML(html).document;
    expect(doc.querySelectorAll("script, link, img, iframe").length).toBe(0);
    for (const a of doc.querySelectorAll("a")) expect(a.getAttribute("href")).not.toMatch(/^(https?:|\/\/|\/)/);
    expect(html).not.toMatch(/@import|url\(/);
    expect(doc.querySelector("html")!.getAttribute("lang")).toBe("zh-CN");
  });

  it("names many members without data in one line instead of a row each", () => {
    const extra: RegionRow[] = Array.from({ length: 12 }, (_, i) => ({
      region_code: String(330111 + i), name: `新区${i + 1}`, level: "district", city_code: "330100", province_code: "330000",
    }));
    const doc = page(tableFor("hte_count", "city:330100", { regions: [...fx.regions, ...extra] }));
    expect(rowOrder(doc)).toEqual(["滨江区", "上城区", "西湖区", "萧山区", "拱墅区"]);
    const note = [...doc.querySelectorAll("p.note")].map((p) => p.textContent).find((t) => t?.startsWith("无数据地区"));
    expect(note).toBe(`无数据地区（13个）：余杭区、${extra.map((r) => r.name).join("、")}`);
  });

  it("says how many members of a custom group have no data when they cannot be listed", () => {
    const table = tableFor("hte_count", "custom:A类地区");
    expect(table.unlistedWithoutData).toBe(1);
    expect(page(table).body.textContent).toContain("另有1个成员地区无数据");
  });
});

describe("ranking bar chart", () => {
  const bars = (table: RankingTable): RankingBar[] => rankingBars(table);

  it("renders an SVG with Chinese labels and a median rule", () => {
    const table = tableFor("hte_count", "city:330100");
    const html = renderRankingBar(bars(table), { title: "高新技术企业数 杭州市", median: table.median, medianLabel: "中位数 820家" });
    const doc = parseHTML(`<body>${html}</body>`).document;
    const svg = doc.querySelector("svg")!;
    expect(svg.firstElementChild!.tagName.toLowerCase()).toBe("title");
    expect(svg.getAttribute("aria-label")).toBe("高新技术企业数 杭州市");
    const texts = [...svg.querySelectorAll("text")].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(["滨江区", "西湖区", "1,096家", "并列2", "中位数 820家"]));
    const dashed = [...svg.querySelectorAll("line")].filter((l) => l.closest("[stroke-dasharray]") ?? l.getAttribute("stroke-dasharray"));
    expect(dashed.length).toBe(1);
    expect(table.median).toBe(820);
  });

  it("draws regions without data nowhere in the chart", () => {
    const table = tableFor("hte_count", "city:330100");
    const html = renderRankingBar(bars(table), { title: "t" });
    expect(html).not.toContain("余杭区");
    expect(parseHTML(`<body>${html}</body>`).document.querySelectorAll("rect").length).toBe(5);
  });

  it("sorts bars by rank from the top", () => {
    const html = renderRankingBar(bars(tableFor("hte_count", "city:330100")), { title: "t" });
    const doc = parseHTML(`<body>${html}</body>`).document;
    const ticks = [...doc.querySelectorAll('g[aria-label="y-axis tick label"] text')];
    const y = (t: Element) => Number(/translate\([^,]+,([^)]+)\)/.exec(t.getAttribute("transform") ?? "")![1]);
    const byY = [...ticks].sort((a, b) => y(a) - y(b)).map((t) => t.textContent);
    expect(byY).toEqual(["滨江区", "上城区", "西湖区", "萧山区", "拱墅区"]);
  });

  it("gives the chart enough left margin for long Chinese names", () => {
    const long = "杭州高新技术产业开发区";
    const input: RankingBar[] = [
      { key: "a", label: long, value: 10, rankLabel: "并列1", valueLabel: "10家" },
      { key: "b", label: "西湖区", value: 10, rankLabel: "并列1", valueLabel: "10家" },
    ];
    const g = rankingBarGeometry(input, { title: "t", fontSize: 14 });
    // 11 CJK characters at ≈1 em each plus the rank column: Plot's own Latin estimate would give ~70px.
    expect(g.marginLeft).toBeGreaterThanOrEqual(textWidthPx(long, 14) + textWidthPx("并列1", 14));
    const html = renderRankingBar(input, { title: "t", fontSize: 14 });
    expect(html).toContain(`>${long}<`);
  });

  it("cuts an extremely long name instead of squeezing every bar", () => {
    const name = "某某省某某市某某县级市某某高新技术产业开发区管理委员会";
    const g = rankingBarGeometry([{ key: "a", label: name, value: 1, rankLabel: "1", valueLabel: "1家" }], { title: "t", maxLabelEm: 10 });
    expect(g.marginLeft).toBeLessThan(textWidthPx(name, 14));
    expect(renderRankingBar([{ key: "a", label: name, value: 1, rankLabel: "1", valueLabel: "1家" }], { title: "t", maxLabelEm: 10 })).toContain("…");
  });

  it("sizes the chart height from the number of bars", () => {
    const five = bars(tableFor("hte_count", "city:330100"));
    const height = (b: RankingBar[]) =>
      Number(parseHTML(`<body>${renderRankingBar(b, { title: "t" })}</body>`).document.querySelector("svg")!.getAttribute("height"));
    expect(height(five) - height(five.slice(0, 1))).toBe(4 * rankingBarGeometry(five, { title: "t" }).step);
  });

  it("draws a group of one region", () => {
    const table = tableFor("hte_count", "city:330200");
    const html = renderRankingBar(bars(table), { title: "宁波市", median: table.median, medianLabel: "中位数 512家" });
    const doc = parseHTML(`<body>${html}</body>`).document;
    expect(doc.querySelectorAll("rect").length).toBe(1);
    expect(html).toContain("海曙区");
    expect(Number(doc.querySelector("rect")!.getAttribute("width"))).toBeGreaterThan(100);
  });

  it("shows a note instead of an empty chart when no region has data", () => {
    const html = renderRankingBar([{ key: "a", label: "余杭区", value: null, rankLabel: "—", valueLabel: "无数据" }], { title: "t" });
    expect(html).not.toContain("<svg");
    expect(html).toContain("暂无可绘制的数据");
  });

  it("splits a province-sized group into page-sized SVGs on one shared scale", () => {
    const many: RankingBar[] = Array.from({ length: 92 }, (_, i) => ({
      key: String(i), label: `区${i}`, value: 1000 - i * 10, rankLabel: String(i + 1), valueLabel: `${1000 - i * 10}家`,
    }));
    const doc = parseHTML(`<body>${renderRankingBar(many, { title: "全省", barsPerSvg: 30 })}</body>`).document;
    const svgs = [...doc.querySelectorAll("svg")];
    expect(svgs.length).toBe(4);
    expect(doc.querySelectorAll("rect").length).toBe(92);
    expect(new Set(svgs.map((s) => s.getAttribute("width"))).size).toBe(1);
    // Shared x scale: the first bar of a later SVG is not stretched to full width again.
    const firstWidth = (s: Element) => Number(s.querySelector("rect")!.getAttribute("width"));
    expect(firstWidth(svgs[3]!)).toBeLessThan(firstWidth(svgs[0]!));
  });
});

describe("layout and index", () => {
  it("escapes every kind of HTML-special character", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("prints on A4 without cutting charts or table rows", () => {
    expect(PAGE_CSS).toMatch(/@page\s*{\s*size:\s*A4/);
    const print = PAGE_CSS.slice(PAGE_CSS.indexOf("@media print"));
    expect(print).toMatch(/figure\.chart[^{]*{[^}]*break-inside:\s*avoid/);
    expect(print).toMatch(/tr\s*{[^}]*break-inside:\s*avoid/);
    expect(print).toMatch(/svg\s*{[^}]*max-width:\s*100%/);
  });

  it("makes the page fit a phone screen", () => {
    const html = renderLayout({ title: "t", breadcrumb: [], body: "" });
    expect(html).toContain('name="viewport" content="width=device-width, initial-scale=1"');
    expect(PAGE_CSS).toMatch(/figure\.chart svg\s*{[^}]*max-width:\s*100%/);
  });

  it("lists every indicator of every peer group, province first, with relative links", () => {
    const group = (id: string, name: string, kind: PeerGroupRow["kind"]): PeerGroupRow => ({ peer_group_id: id, peer_group_name: name, kind, member_count: 3 });
    const link = (groupId: string, code: string) => ({
      indicator: fx.indicators.find((i) => i.indicator_code === code)!,
      period: LATEST[code]!,
      href: `rankings/${groupId}/${code}.html`,
    });
    const html = renderIndexPage({
      groups: [
        { peerGroup: group("custom:A类地区", "A类地区", "custom"), links: [link("custom-a", "hte_count")] },
        { peerGroup: group("city:330100", "杭州市", "city"), links: [link("city-330100", "hte_count"), link("city-330100", "rd_intensity")] },
        { peerGroup: group("province:330000", "浙江省", "province"), links: [link("province-330000", "hte_count")] },
      ],
      dataPeriod: "2026年1-10月（年度指标：2025年）",
      generatedAt: NOW,
    });
    const doc = parseHTML(html).document;
    const sections = [...doc.querySelectorAll("section")];
    expect(sections.map((s) => s.querySelector("h2")!.firstChild!.textContent)).toEqual(["浙江省", "杭州市", "A类地区"]);
    expect([...sections[1]!.querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["高新技术企业数", "rankings/city-330100/hte_count.html"],
      ["R&D经费投入强度", "rankings/city-330100/rd_intensity.html"],
    ]);
    expect(sections[1]!.textContent).toContain("2025年");
    expect(doc.body.textContent).toContain("数据期：2026年1-10月（年度指标：2025年）");
    expect(doc.body.textContent).toContain("生成时间：2026年11月20日 09:30");
  });
});
