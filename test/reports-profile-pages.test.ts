// District profiles, targets boards, composite index and data quality pages built from hand-made rows
// (the reports-hangzhou fixture plus statements, targets and index rows written here).
import { posix } from "node:path";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import type { ExtraData } from "../reports/load-extras.ts";
import type { CompositeRow, StatementRow, TargetRow } from "../reports/model.ts";
import { buildSite, type SiteFile } from "../reports/site.ts";
import { DEFAULT_SITE_SETTINGS } from "../reports/site-config.ts";
import * as fx from "./fixtures/reports-hangzhou/rows.ts";

const NOW = new Date("2026-11-20T01:30:00Z");
const EVIL = `<script>alert("x")</script>&amp;`;

const statement = (s: Partial<StatementRow>): StatementRow => ({
  region_code: "330102", year: 2026, month: 10, kind: "highlight", text: "", indicator_code: "hte_count", peer_group_id: "city:330100",
  basis: "value", rank: 2, lead: "高新技术企业数达820家，同比增长7.9%", basis_word: "", tied: true, rank_core: "并列全市第二", rank_note: null,
  change_text: null, event: "top", ...s,
});

const target = (t: Partial<TargetRow>): TargetRow => ({
  region_code: "330102", indicator_code: "hte_count", year: 2026, month: 10, target_kind: "level", target_value: 800, actual: 820,
  completion_pct: 102.5, time_progress_pct: null, status: "on_track", reached: true, ...t,
});

const composite = (c: Partial<CompositeRow>): CompositeRow => ({
  method: "eis", peer_group_id: "city:330100", region_code: "330102", year: 2025, score: 60, coverage: 1, relative_pct: 120, tier: "strong",
  rank: 2, peer_count: 3, prev_rank: 3, rank_change: 1, ...c,
});

const extras: Partial<ExtraData> = {
  statements: [
    statement({ text: "高新技术企业数达820家，同比增长7.9%，并列全市第二" }),
    statement({ peer_group_id: "custom:A类地区", rank_core: "A类地区第二", tied: false, text: "x" }),
    statement({ kind: "shortfall", basis: "pp_change", indicator_code: "rd_intensity", year: 2025, month: 12, rank: 5, peer_group_id: "city:330100",
      lead: `R&D经费投入强度2.50%，下降0.12个百分点${EVIL}`, basis_word: "提高幅度", tied: false, rank_core: "全市第五", rank_note: "末位",
      text: `R&D经费投入强度2.50%，下降0.12个百分点${EVIL}，提高幅度居全市第五（末位）` }),
    statement({ basis: "target", peer_group_id: null, rank: null, lead: null, rank_core: null, text: "高新技术企业数达820家，已提前完成年度目标（800家），完成率102.5%" }),
  ],
  targets: [
    target({}),
    target({ region_code: "330106", target_value: 1000, actual: 820, completion_pct: 82, status: "behind", reached: false }),
    target({ region_code: "330108", indicator_code: "hte_count", target_kind: "growth", target_value: 10, actual: 9.6, completion_pct: 96, status: "behind", reached: false }),
    target({ region_code: "330109", year: 2025, month: 12, target_value: 700, actual: 640, completion_pct: 91.4, status: "missed", reached: false }),
  ],
  composite: [
    composite({}),
    composite({ region_code: "330108", score: 90, relative_pct: 180, tier: "leader", rank: 1, prev_rank: 1, rank_change: 0 }),
    composite({ region_code: "330106", score: 0, relative_pct: 0, tier: "emerging", rank: 3, prev_rank: 2, rank_change: -1 }),
    composite({ method: "monitor", score: 70 }),
  ],
  compositeIndicators: [{ indicator_code: "hte_count", weight: 1, standard_value: 1000, transform: "sqrt", index_name: "区域科技创新指数", min_coverage: 0.7 }],
  quality: {
    sources: [{ sourceId: "history", files: 2, rows: 10, lastLoadedAt: "2026年11月20日 09:00", failed: 0, lastError: null }],
    runs: [
      { runId: 2, startedAt: "2026年11月21日 02:30", outcome: "running", rowsLoaded: null, rowsQuarantined: null, message: null, durationS: null, build: null },
      { runId: 1, startedAt: "2026年11月20日 09:00", outcome: "ok", rowsLoaded: 10, rowsQuarantined: 1, message: null, durationS: 42.56, build: "built" },
    ],
    quarantineTotal: 1,
    quarantine: [{ file: "a.csv", row: 3, field: "value", reason: "value is masked", raw: EVIL }],
    checks: [{ name: "observations_unique_key", severity: "error", failing: 0 }],
  },
  freshness: "2026年11月20日 09:00",
};

const regions = fx.regions.map((r) => (r.region_code === "330105" ? { ...r, name: EVIL } : r));

function site(over: Partial<ExtraData> = {}): Map<string, string> {
  const files: SiteFile[] = buildSite(
    {
      indicators: fx.indicators,
      peerGroups: fx.peerGroups,
      regions,
      periods: new Map([["hte_count", { year: 2026, month: 10, annual: false }], ["rd_intensity", { year: 2025, month: 12, annual: true }]]),
      rankings: fx.rankings.filter((r) => (r.indicator_code === "hte_count" ? r.month === 10 : r.year === 2025)),
      growth: fx.growth,
    },
    { generatedAt: NOW, extras: { ...extras, ...over }, settings: { ...DEFAULT_SITE_SETTINGS, mainIndicators: ["hte_count"] } },
  );
  return new Map(files.map((f) => [f.path, f.content]));
}

const doc = (html: string) => parseHTML(html).document;

describe("district profile", () => {
  const files = site();
  const page = doc(files.get("districts/330102.html")!);

  it("merges a figure's statements across groups and links each group's ranking row", () => {
    const items = [...page.querySelectorAll("#highlights + ul li")];
    const merged = items.find((li) => li.textContent!.includes("高新技术企业数达820家"))!;
    expect(merged.textContent).toContain("高新技术企业数达820家，同比增长7.9%，并列全市第二、A类地区第二");
    const hrefs = [...merged.querySelectorAll("a")].map((a) => a.getAttribute("href"));
    expect(hrefs).toEqual(["../rankings/city-330100/hte_count-2026-10.html#r330102", `../rankings/custom-_41_e7_b1_bb_e5_9c_b0_e5_8c_ba/hte_count-2026-10.html#r330102`]);
    const ranking = doc(files.get("rankings/city-330100/hte_count-2026-10.html")!);
    expect(ranking.querySelector("tr#r330102")).not.toBeNull();
  });

  it("lists target sentences among the highlights and shortfalls at the bottom of the group", () => {
    expect(page.querySelector("#highlights + ul")!.textContent).toContain("已提前完成年度目标（800家）");
    expect(page.querySelector("#shortfalls + ul")!.textContent).toContain("提高幅度居全市第五（末位）");
  });

  it("escapes text from the data in statements and names", () => {
    const html = files.get("districts/330102.html")!;
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;");
    for (const [path, content] of files) if (path.endsWith(".html")) expect(content.includes("<script"), path).toBe(false);
  });

  it("draws the ranks as a strip chart with an accessible title and lists them in a table", () => {
    const svg = page.querySelector("figure.rank-strip svg")!;
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.querySelector("title")!.textContent).toBe("上城区各指标在杭州市和全省的位次");
    expect(page.querySelector("table.positions")!.textContent).toContain("并列2/5");
  });

  it("shows the district's targets with their status and its composite index", () => {
    expect(page.querySelector("#targets + .table-wrap")!.textContent).toContain("提前完成");
    expect(page.querySelector("table.composite")!.textContent).toContain("强劲型");
  });
});

describe("targets board", () => {
  const files = site();
  it("is published in three orders that link each other", () => {
    const paths = ["targets/city-330100.html", "targets/city-330100.by-completion.html", "targets/city-330100.by-region.html"];
    for (const p of paths) {
      expect(files.has(p)).toBe(true);
      for (const a of doc(files.get(p)!).querySelectorAll("nav.sort a")) expect(files.has(posix.join("targets", a.getAttribute("href")!))).toBe(true);
    }
  });

  it("puts problems first: behind by lowest completion, then on track", () => {
    const rows = [...doc(files.get("targets/city-330100.html")!).querySelectorAll("table.targets")[0]!.querySelectorAll("tbody tr")];
    expect(rows.map((r) => r.className)).toEqual(["status-behind", "status-behind", "status-on_track"]);
    expect(rows[0]!.textContent).toContain("82.0%");
  });

  it("orders by completion, highest first, on its variant", () => {
    const rows = [...doc(files.get("targets/city-330100.by-completion.html")!).querySelectorAll("table.targets")[0]!.querySelectorAll("tbody tr")];
    expect(rows.map((r) => r.querySelector("td:nth-child(6)")!.textContent)).toEqual(["102.5%", "96.0%", "82.0%"]);
  });

  it("reports last year's final results below", () => {
    expect(doc(files.get("targets/city-330100.html")!).body.textContent).toContain("2025年目标完成结果");
  });

  it("says how each chart's 完成率 is worked out: a stock target by its net increase over last year's end", () => {
    const heads = (f: Map<string, string>) => [...doc(f.get("targets/city-330100.html")!).querySelectorAll("h3 .kind")].map((h) => h.textContent);
    expect(heads(files).sort()).toEqual(["（增速目标，完成率＝完成值÷（上年同期值×（1＋目标增速）））", "（总量目标，完成率＝完成值÷年度目标）"]);
    const net = site({ targets: extras.targets!.map((t) => (t.target_kind === "level" ? { ...t, completion_basis: "net_increase" as const } : t)) });
    expect(heads(net)).toContain("（总量目标，完成率＝比上年末净增÷计划净增（年度目标－上年末值））");
  });
});

describe("composite index page", () => {
  const files = site();
  const page = doc(files.get("composite/city-330100.html")!);
  it("shows each method with tiers, ranks and 进退位, and the indicator weights", () => {
    const eis = page.querySelector("#eis")!.nextElementSibling!.nextElementSibling!.nextElementSibling!;
    const rows = [...eis.querySelectorAll("tbody tr")].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows[0]).toEqual(["1", "滨江区", "90.0", "180.0%", "领先型", "持平", "100%"]);
    expect(rows[2]).toEqual(["3", "西湖区", "0.0", "0.0%", "追赶型", "退位1", "100%"]);
    expect(page.body.textContent).toContain("科技进步监测法");
    expect(page.querySelector("#method + .table-wrap")!.textContent).toContain("100.0%");
  });
});

describe("data quality page", () => {
  it("lists sources, runs, quarantined rows (escaped) and checks", () => {
    const html = site().get("quality.html")!;
    const page = doc(html);
    expect(page.body.textContent).toContain("共1行未能使用");
    expect(page.body.textContent).toContain("1项数据检查，全部通过");
    const runs = [...page.querySelectorAll("h2 + .table-wrap")][1]!.querySelectorAll("tbody tr");
    expect([...runs].map((tr) => [...tr.querySelectorAll("td")].map((c) => c.textContent))).toEqual([
      ["2", "2026年11月21日 02:30", "进行中（本次）", "—", "—", "—", ""],
      ["1", "2026年11月20日 09:00", "成功", "42.6秒", "10", "1", "重新计算"],
    ]);
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script>");
  });
});

describe("index", () => {
  it("links the district profiles, boards, composite index and quality pages", () => {
    const files = site();
    const index = doc(files.get("index.html")!);
    const hrefs = [...index.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")!.split("#")[0]!).filter(Boolean);
    for (const h of hrefs) expect(files.has(h), h).toBe(true);
    expect(hrefs).toEqual(expect.arrayContaining(["districts/330102.html", "targets/city-330100.html", "composite/city-330100.html", "quality.html"]));
    expect(index.body.textContent).toContain("数据更新：2026年11月20日 09:00");
  });
});
