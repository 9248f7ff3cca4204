import { posix } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadReportData, type Query } from "../reports/load.ts";
import { buildSite, describeDataPeriod, renderSite } from "../reports/site.ts";
import { DEFAULT_SITE_SETTINGS, type SiteSettings } from "../reports/site-config.ts";
import { openAnalystDb } from "./fixtures/reports-hangzhou/duckdb.ts";
import * as fx from "./fixtures/reports-hangzhou/rows.ts";

const NOW = new Date("2026-11-20T01:30:00Z");
let db: Awaited<ReturnType<typeof openAnalystDb>>;

beforeAll(async () => {
  db = await openAnalystDb(fx);
});
afterAll(() => db.close());

/** Counts the statements a run sends. */
function counting(query: Query): { query: Query; count: () => number } {
  let n = 0;
  return {
    query: (<T>(sql: string, params?: unknown[]) => {
      n++;
      return query<T>(sql, params);
    }) as Query,
    count: () => n,
  };
}

describe("load.ts against the analyst views (in-memory DuckDB)", () => {
  it("loads only each indicator's latest period and takes month-12-only indicators as annual", async () => {
    const data = await loadReportData(db.query);
    expect(data.periods.get("hte_count")).toEqual({ year: 2026, month: 10, annual: false });
    expect(data.periods.get("rd_intensity")).toEqual({ year: 2025, month: 12, annual: true });
    expect(data.rankings.some((r) => r.month === 9 || r.year === 2024)).toBe(false);
    expect(data.growth.some((g) => g.month === 9 || g.year === 2024)).toBe(false);
    expect(typeof data.rankings[0]!.rank).toBe("number");
  });

  it("uses the catalog frequency when the view has it", async () => {
    const withFrequency = await openAnalystDb({
      ...fx,
      indicators: fx.indicators.map((i) => ({ ...i, frequency: i.indicator_code === "rd_intensity" ? "annual" : "monthly" })),
      // A stray mid-year figure of an annual indicator, and a monthly indicator last reported in December.
      rankings: [
        ...fx.rankings.filter((r) => r.indicator_code === "rd_intensity"),
        { ...fx.rankings.find((r) => r.indicator_code === "rd_intensity")!, year: 2026, month: 6 },
        ...fx.rankings.filter((r) => r.indicator_code === "hte_count").map((r) => ({ ...r, year: 2025, month: 12 })),
      ],
    });
    try {
      const data = await loadReportData(withFrequency.query);
      expect(data.periods.get("rd_intensity")).toEqual({ year: 2025, month: 12, annual: true });
      expect(data.periods.get("hte_count")).toEqual({ year: 2025, month: 12, annual: false });
      expect(data.rankings.filter((r) => r.indicator_code === "rd_intensity").every((r) => r.year === 2025)).toBe(true);
    } finally {
      withFrequency.close();
    }
  });

  it("keeps to the scope province", async () => {
    const data = await loadReportData(db.query, { scopeProvince: "330000" });
    const groups = new Set(data.rankings.map((r) => r.peer_group_id));
    expect(groups).toEqual(new Set(["city:330100", "city:330200", "custom:A类地区"]));
    expect(data.growth.some((g) => g.region_code === "320102")).toBe(false);
    expect(data.regions.every((r) => r.province_code === "330000")).toBe(true);
  });

  it("loads everything in a fixed handful of queries, however many pages there are", async () => {
    const run = async (settings: SiteSettings) => {
      const c = counting(db.query);
      const { pages } = await renderSite({ query: c.query, outDir: "/site", now: NOW, settings, writeFile: async () => undefined });
      return { pages, queries: c.count() };
    };
    const latestOnly = await run({ ...DEFAULT_SITE_SETTINGS, history: { years: 0, currentYearMonths: "none" } });
    const withHistory = await run({ ...DEFAULT_SITE_SETTINGS, history: { years: 4, currentYearMonths: "all" } });
    expect(withHistory.pages).toBeGreaterThan(latestOnly.pages);
    expect(withHistory.queries).toBe(latestOnly.queries);
    // Six loads for the rankings, one look at their views' columns, the claims, and one listing of the
    // analyst views for the rest.
    expect(withHistory.queries).toBeLessThanOrEqual(11);
  });
});

const LATEST_ONLY: SiteSettings = { ...DEFAULT_SITE_SETTINGS, history: { years: 0, currentYearMonths: "none" } };

describe("renderSite", () => {
  async function site(scopeProvince?: string, settings = LATEST_ONLY): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    const { pages } = await renderSite({
      query: db.query,
      outDir: "/out/site",
      now: NOW,
      scopeProvince,
      settings,
      writeFile: async (p, c) => void files.set(p, c),
    });
    expect(pages).toBe(files.size);
    return files;
  }

  it("writes the index and one page per peer group × indicator at stable paths", async () => {
    const files = await site("330000");
    expect([...files.keys()].filter((p) => p === "/out/site/index.html" || /rankings\/.*\.html$/.test(p)).sort()).toEqual(
      [
        "/out/site/index.html",
        "/out/site/rankings/city-330100/hte_count-2026-10.html",
        "/out/site/rankings/city-330100/rd_intensity-2025-12.html",
        "/out/site/rankings/city-330200/hte_count-2026-10.html",
        `/out/site/rankings/custom-_41_e7_b1_bb_e5_9c_b0_e5_8c_ba/hte_count-2026-10.html`,
      ].sort(),
    );
  });

  it("links pages relatively so every link of every page resolves from file://", async () => {
    const files = await site(undefined, DEFAULT_SITE_SETTINGS);
    const root = "/out/site";
    const index = parseHTML(files.get(`${root}/index.html`)!).document;
    const rankingLinks = [...index.querySelectorAll("main section a")].map((a) => a.getAttribute("href")!);
    expect(rankingLinks.length).toBe([...files.keys()].filter((p) => p.endsWith(".html") && p.includes("/rankings/") && /-2026-10|-2025-12/.test(p)).length);
    let checked = 0;
    for (const [path, html] of files) {
      if (!path.endsWith(".html")) continue;
      for (const a of parseHTML(html).document.querySelectorAll("a[href]")) {
        const href = a.getAttribute("href")!;
        expect(href.startsWith("/") || /^[a-z]+:/.test(href)).toBe(false);
        const file = href.split("#")[0]!;
        if (file) expect(files.has(posix.join(posix.dirname(path), file)), `${path} → ${href}`).toBe(true);
        checked++;
      }
      if (path.includes("/rankings/")) {
        const back = parseHTML(html).document.querySelector("nav.crumbs a")!.getAttribute("href")!;
        expect(posix.join(posix.dirname(path), back)).toBe(`${root}/index.html`);
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("links earlier periods of a ranking from its page, latest first", async () => {
    const files = await site("330000", { ...DEFAULT_SITE_SETTINGS, history: { years: 4, currentYearMonths: "quarters" } });
    const page = parseHTML(files.get("/out/site/rankings/city-330100/hte_count-2026-10.html")!).document;
    const periods = [...page.querySelectorAll("nav.periods li")].map((li) => [li.textContent, li.querySelector("a")?.getAttribute("href") ?? null]);
    expect(periods).toEqual([
      ["2026年1-10月", null],
      ["2026年1-9月", "hte_count-2026-9.html"],
    ]);
    expect(files.has("/out/site/rankings/city-330100/hte_count-2026-9.html")).toBe(true);
    expect(files.has("/out/site/rankings/city-330100/rd_intensity-2024-12.html")).toBe(true);
  });

  it("states the data period and generation time on the index", async () => {
    const text = parseHTML((await site()).get("/out/site/index.html")!).document.body.textContent;
    expect(text).toContain("数据期：2026年1-10月（年度指标：2025年）");
    expect(text).toContain("2026年11月20日 09:30");
  });

  it("lists a city member without rows as 无数据 on the city page", async () => {
    const html = (await site()).get("/out/site/rankings/city-330100/hte_count-2026-10.html")!;
    const rows = [...parseHTML(html).document.querySelectorAll("tbody tr")].map((tr) => tr.textContent ?? "");
    expect(rows.at(-1)).toContain("余杭区");
    expect(rows.at(-1)).toContain("无数据");
  });
});

describe("buildSite from plain rows", () => {
  it("still builds a group's pages when analyst.peer_groups lacks the group", () => {
    const files = buildSite(
      {
        indicators: fx.indicators,
        peerGroups: [],
        regions: fx.regions,
        periods: new Map([["hte_count", { year: 2026, month: 10, annual: false }]]),
        rankings: fx.rankings.filter((r) => r.peer_group_id === "city:330200" && r.indicator_code === "hte_count" && r.month === 10),
        growth: fx.growth,
      },
      { generatedAt: NOW },
    );
    expect(files.map((f) => f.path)).toEqual([
      "index.html",
      "rankings/city-330200/hte_count-2026-10.html",
      "rankings/city-330200/hte_count-2026-10.csv",
      "districts/330203.html",
    ]);
    expect(files[1]!.content).toContain("宁波市");
  });

  it("describes the latest monthly and annual periods together", () => {
    expect(
      describeDataPeriod([
        { year: 2026, month: 9, annual: false },
        { year: 2026, month: 10, annual: false },
        { year: 2025, month: 12, annual: true },
      ]),
    ).toBe("2026年1-10月（年度指标：2025年）");
    expect(describeDataPeriod([])).toBe("暂无数据");
  });
});
