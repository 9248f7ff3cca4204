// The files a bureau mails out, built by a real run on the five hand-worked Hangzhou districts
// (test/fixtures/hangzhou-five-districts, latest month 2026-06): the 完成情况表 workbook must carry the
// numbers of analyst.rankings and analyst.growth, the 通报 the statements of the district pages and
// the table, both in a structure Word, WPS and Excel open (fonts, A4 landscape, page numbers).
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../pipelines/config.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { runPipeline } from "../pipelines/run.ts";
import { renderSite } from "../reports/site.ts";
import { checkZip } from "../sources/zip-guard.ts";
import { valueDecimals } from "../reports/office/display.ts";
import { copyFixture, queryWarehouse } from "./helpers/fixture.ts";

let dir: string;
let wh: string;
let site: string;
const now = () => new Date("2026-07-15T02:00:00Z");
beforeAll(async () => {
  dir = copyFixture("hangzhou-five-districts");
  const config = loadConfig(path.join(dir, "weici.config.json"));
  await runPipeline(config, { logger: memoryLogger(), now, renderSite });
  wh = config.warehouse;
  site = config.siteDir;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WORKBOOK = "downloads/city-330100-2026-6.xlsx";
const DRAFT = "downloads/city-330100-2026-6.docx";

async function workbook(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path.join(site, WORKBOOK)) as unknown as ArrayBuffer);
  return wb;
}

const cellValue = (ws: ExcelJS.Worksheet, r: number, c: number) => {
  const v = ws.getCell(r, c).value;
  return v == null || v === "" ? null : v;
};

/** Paragraph texts of a Word part (runs joined). */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]!.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">")).join(""),
  );
}

describe("the 完成情况表 workbook", () => {
  it("has the title with the period, a unit line and the two-level header", async () => {
    const ws = (await workbook()).getWorksheet("完成情况表")!;
    expect(ws.getCell(1, 1).value).toBe("杭州市各区、县(市)主要科技指标完成情况表（2026年1-6月）");
    expect(String(ws.getCell(2, 1).value)).toMatch(/^单位：亿元/);
    expect(ws.getCell(3, 3).value).toBe("技术合同成交额(亿元)");
    expect([3, 4, 5, 6].map((c) => ws.getCell(4, c).value)).toEqual(["本年累计", "去年同期", "同比增长(%)", "位次"]);
    // The indicator name is merged over its four sub-columns.
    expect(ws.getCell(3, 6).isMerged && ws.getCell(3, 6).master.address).toBe("C3");
    expect(ws.pageSetup.orientation).toBe("landscape");
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
  });

  it("shows each district's figures as analyst.rankings and analyst.growth have them, and the 全市 sum first", async () => {
    const ws = (await workbook()).getWorksheet("完成情况表")!;
    const truth = await queryWarehouse<{ region_code: string; name: string; value: number; rank: number; prev_value: number | null; yoy_pct: number | null }>(wh,
      `select r.region_code::varchar as region_code, g2.name, r.value, r.rank, g.prev_value, g.yoy_pct
       from analyst.rankings r join analyst.growth g using (region_code, indicator_code, year, month) join analyst.regions g2 using (region_code)
       where r.peer_group_id = 'city:330100' and r.indicator_code = 'tech_contract_value' and r.year = 2026 and r.month = 6 and r.basis = 'value'
       order by r.region_code`);
    expect(truth.length).toBe(3);
    // Row 5 is 全市: 12.5 + 12 + 3; no 同比 because 滨江区's 2025 figure was quarantined (XX).
    expect([1, 2, 3, 4, 5, 6].map((c) => cellValue(ws, 5, c))).toEqual(["全市", null, 27.5, null, null, null]);
    truth.forEach((t, k) => {
      const row = 6 + k;
      expect(cellValue(ws, row, 1)).toBe(t.name);
      expect(cellValue(ws, row, 2)).toBe(t.region_code);
      expect(cellValue(ws, row, 3)).toBe(Math.round(t.value * 100) / 100);
      expect(cellValue(ws, row, 4)).toBe(t.prev_value == null ? null : Math.round(t.prev_value * 100) / 100);
      expect(cellValue(ws, row, 5)).toBe(t.yoy_pct == null ? null : Math.round(t.yoy_pct * 10) / 10);
      expect(cellValue(ws, row, 6)).toBe(t.rank);
    });
    // Hand-worked: 上城区 12亿 against 8亿 last year: +50.0%, second.
    expect([3, 4, 5, 6].map((c) => cellValue(ws, 6, c))).toEqual([12, 8, 50, 2]);
    expect(ws.getCell(6, 3).numFmt).toBe("#,##0.00");
  });

  it("has the targets board and the rank changes with 追赶分析", async () => {
    const wb = await workbook();
    const targets = wb.getWorksheet("目标完成")!;
    const rows = targets.getSheetValues().slice(4).filter(Boolean) as unknown[][];
    const shangcheng = rows.find((r) => r[1] === "上城区" && String(r[3]).startsWith("技术合同成交额"))!;
    // Target 20亿, 12亿 done: 60.0% at 时序进度 50.0%.
    expect(shangcheng.slice(5, 9)).toEqual([20, 12, 60, 50]);
    const ranks = wb.getWorksheet("位次变化")!;
    const r = (ranks.getSheetValues().slice(4).filter(Boolean) as unknown[][]).find((x) => x[1] === "滨江区" && String(x[3]).startsWith("技术合同成交额"))!;
    // 滨江区 3亿, third: 9亿 behind 上城区 (second), 9.5亿 behind 西湖区.
    expect([r[4], r[5], r[8], r[9]]).toEqual([3, "3/3", 9, 9.5]);
    expect(r[12]).toBe("距第2位差9.00亿元，距首位差9.50亿元");
    const up = (ranks.getSheetValues().slice(4).filter(Boolean) as unknown[][]).find((x) => x[1] === "上城区")!;
    expect(up[12]).toBe("距第1位差0.50亿元；完成年度目标尚需8.00亿元，月均1.33亿元");
  });

  it("puts the same 追赶分析 on the district page", () => {
    const page = readFileSync(path.join(site, "districts", "330108.html"), "utf8");
    expect(page).toContain('<h2 id="catch-up">追赶分析</h2>');
    expect(page).toMatch(/技术合同成交额<\/th><td class="text">2026年1-6月<\/td><td class="text">杭州市<\/td><td class="rank">第3位\/3<\/td><td class="text">距第2位差9.00亿元，距首位差9.50亿元<\/td>/);
    const shangcheng = readFileSync(path.join(site, "districts", "330102.html"), "utf8");
    expect(shangcheng).toContain("完成年度目标尚需8.00亿元，月均1.33亿元");
  });

  it("is linked from the index under a name a person can read", () => {
    const index = readFileSync(path.join(site, "index.html"), "utf8");
    expect(index).toContain(`href="${WORKBOOK}" download="杭州市各区、县(市)主要科技指标完成情况表（2026年1-6月）.xlsx"`);
    expect(index).toContain(`href="${DRAFT}"`);
  });
});

describe("the drafted 通报", () => {
  const parts = () => checkZip(readFileSync(path.join(site, DRAFT)), 50e6, () => true);

  it("carries each district's lead 亮点 and 短板 exactly as its district page shows them", () => {
    const doc = paragraphs(parts().get("word/document.xml")!.toString("utf8"));
    const text = doc.join("\n");
    for (const code of ["330102", "330105", "330106", "330108", "330109"]) {
      const page = readFileSync(path.join(site, "districts", `${code}.html`), "utf8");
      const lists = [...page.matchAll(/<h2 id="(highlights|shortfalls)">[^<]*<\/h2>\n(?:<ul class="statements">([\s\S]*?)<\/ul>|<p class="empty">)/g)];
      expect(lists).toHaveLength(2);
      for (const [, kind, list] of lists) {
        const items = [...(list ?? "").matchAll(/<li>([^<]*)/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
        if (items.length === 0) {
          expect(doc).toContain(kind === "highlights" ? "亮点：本期暂无位居前列或明显进位的指标。" : "短板：本期暂无位居末段或明显退位的指标。");
          continue;
        }
        const line = doc.find((p) => p.startsWith(kind === "highlights" ? "亮点：" : "短板：") && items.every((i) => p.includes(i)));
        expect(line, `${code} ${kind}: ${items.join(" | ")}`).toBeDefined();
      }
    }
    expect(text).toContain("技术合同成交额3.00亿元，居全市第三（末位）");
    expect(text).toContain("技术合同成交额居全市第3位，距第2位差9.00亿元，距首位差9.50亿元。");
    expect(text).toContain("1-6月，全市技术合同成交额合计27.50亿元；3个区、县(市)中，同比增长的有2个。");
  });

  it("has the 完成情况表 as a Word table with the same figures", () => {
    const xml = parts().get("word/document.xml")!.toString("utf8");
    const table = /<w:tbl>[\s\S]*<\/w:tbl>/.exec(xml)![0];
    const cells = [...table.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => paragraphs(m[0]).join(""));
    expect(cells.slice(0, 2)).toEqual(["地区", "技术合同成交额（亿元）"]);
    const row = (name: string) => cells.slice(cells.indexOf(name), cells.indexOf(name) + 5);
    expect(row("全市")).toEqual(["全市", "27.50", "—", "—", "—"]);
    expect(row("上城区")).toEqual(["上城区", "12.00", "8.00", "50.0", "2"]);
    expect(row("滨江区")).toEqual(["滨江区", "3.00", "—", "—", "3"]);
  });

  it("is a Word/WPS document: named Chinese fonts, A4 text then an A4 landscape table, page numbers", () => {
    const p = parts();
    expect([...p.keys()]).toEqual(expect.arrayContaining(["[Content_Types].xml", "word/document.xml", "word/styles.xml", "docProps/core.xml"]));
    const styles = p.get("word/styles.xml")!.toString("utf8");
    for (const f of ["黑体", "仿宋", "宋体"]) expect(styles).toContain(`w:eastAsia="${f}"`);
    expect(styles).toMatch(/w:styleId="Heading1"[\s\S]*?w:eastAsia="黑体"/);
    const xml = p.get("word/document.xml")!.toString("utf8");
    const sections = [...xml.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    expect(sections[0]).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(sections[1]).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    const footers = [...p.keys()].filter((k) => /^word\/footer\d*\.xml$/.test(k)).map((k) => p.get(k)!.toString("utf8"));
    expect(footers.length).toBeGreaterThan(0);
    expect(footers.every((f) => /PAGE/.test(f))).toBe(true);
  });
});

describe("incremental office files", () => {
  it("leaves a file alone when nothing it shows changed, and copies the files to the outbox under readable names", async () => {
    const before = readFileSync(path.join(site, WORKBOOK));
    const draft = readFileSync(path.join(site, DRAFT));
    const outbox = path.join(dir, "outbox");
    const config = { ...loadConfig(path.join(dir, "weici.config.json")), outboxDir: outbox };
    await runPipeline(config, { logger: memoryLogger(), now: () => new Date("2026-07-16T02:00:00Z"), renderSite, force: true });
    expect(readFileSync(path.join(site, WORKBOOK)).equals(before)).toBe(true);
    expect(readFileSync(path.join(site, DRAFT)).equals(draft)).toBe(true);
    expect(readFileSync(path.join(outbox, "杭州市各区、县(市)主要科技指标完成情况表（2026年1-6月）.xlsx")).equals(before)).toBe(true);
    expect(readdirSync(outbox).filter((f) => f.endsWith(".docx"))).toContain("杭州市各区、县(市)科技创新主要指标情况通报（2026年1-6月）.docx");
  }, 120_000);
});

describe("office file bytes", () => {
  const table = {
    peerGroupId: "city:330100", groupName: "杭州市", groupKind: "city", period: { year: 2026, month: 6, annual: false },
    columns: [{ indicatorCode: "tech_contract_value", name: "技术合同成交额", unit: "亿元", ratio: false }],
    rows: [{ regionCode: "330102", name: "上城区", cells: [{ value: 12, prev: 8, change: 50, rank: 1, tied: false, prevRank: null, rankChange: null }] }],
    total: null,
  };
  it("depend on the input only, not on the clock", async () => {
    const { renderCompletionWorkbook } = await import("../reports/workbook/completion-workbook.ts");
    const { renderDraft } = await import("../reports/draft/bulletin-docx.ts");
    const stamp = "2026-06-01T00:00:00Z";
    const book = { table, title: "t", targetsTitle: "t", ranksTitle: "t", targets: [], ranks: [], notes: [], stamp };
    const draft = { title: "t", period: "2026年1-6月", overview: ["x"], districts: [], table, tableTitle: "t", closing: "c", stamp };
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2026-07-01T01:02:03Z"));
      const [b1, d1] = [await renderCompletionWorkbook(book), await renderDraft(draft)];
      vi.setSystemTime(new Date("2027-01-09T11:12:13Z"));
      const [b2, d2] = [await renderCompletionWorkbook(book), await renderDraft(draft)];
      expect(b1.equals(b2)).toBe(true);
      expect(d1.equals(d2)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the 完成情况表 read back as an input", () => {
  it("loads through a table source with no hint and gives every district figure back at its shown precision, its 位次 agreeing with ours", async () => {
    // A bureau that receives our workbook (or edits it and sends it on) drops it into a table source.
    const back = mkdtempSync(path.join(os.tmpdir(), "weici-roundtrip-"));
    try {
      mkdirSync(path.join(back, "in"));
      copyFileSync(path.join(site, WORKBOOK), path.join(back, "in", "杭州市完成情况表.xlsx"));
      writeFileSync(path.join(back, "weici.config.json"), JSON.stringify({
        warehouse: "target/warehouse.duckdb", work_dir: "target/work", site_dir: "target/site",
        sources: [{ id: "back", kind: "table", dir: "in", region_scope: "330100" }],
      }));
      const config = loadConfig(path.join(back, "weici.config.json"));
      const summary = await runPipeline(config, { logger: memoryLogger(), now });
      expect(summary.outcome).toBe("ok");
      type Fig = { region_code: string; indicator_code: string; value: number; unit: string };
      const read = await queryWarehouse<Fig>(config.warehouse,
        "select region_code, indicator_code, value, unit from analyst.observations where year = 2026 and month = 6 order by 1, 2");
      const orig = await queryWarehouse<Fig>(wh, `select o.region_code, o.indicator_code, o.value, o.unit from analyst.observations o
        where o.year = 2026 and o.month = 6 and o.region_code in (select region_code from analyst.regions where city_code = '330100') order by 1, 2`);
      const origBy = new Map(orig.map((o) => [`${o.region_code}|${o.indicator_code}`, o]));
      expect(read.length).toBeGreaterThan(0);
      for (const r of read) {
        const o = origBy.get(`${r.region_code}|${r.indicator_code}`);
        expect(o, `${r.region_code} ${r.indicator_code}`).toBeDefined();
        // The cell holds the figure as shown (2 decimals for 亿元, whole 家): equal to it within half its last digit.
        expect(Math.abs(r.value - o!.value), `${r.region_code} ${r.indicator_code}`).toBeLessThanOrEqual(0.5 * 10 ** -valueDecimals(o!.unit, o!.value) + 1e-9);
      }
      // Every monthly indicator of the main table came back for every district that has it.
      const monthly = new Set((await workbook()).getWorksheet("完成情况表")!.getRow(3).values as unknown[]);
      expect(monthly.size).toBeGreaterThan(1);
      // The targets board is no table of figures: that sheet alone is refused, saying why and which hint
      // would read it; the 位次变化 sheet repeats the figures of the table and counts once.
      const quarantined = await queryWarehouse<{ sheet: string; reason: string }>(config.warehouse, "select sheet, reason from analyst.quarantine");
      expect(quarantined).toEqual([{ sheet: "目标完成", reason: expect.stringMatching(/^sheet not read: sheet 目标完成: indicator "年度目标" has 3 value columns .*ignore_columns/) }]);
      const ranks = await queryWarehouse<{ n: number; agree: number }>(config.warehouse,
        "select count(*)::integer as n, count(*) filter (where agrees)::integer as agree from analyst.reported_ranks");
      expect(ranks[0]!.n).toBeGreaterThan(0);
      expect(ranks[0]!.agree).toBe(ranks[0]!.n);
    } finally {
      rmSync(back, { recursive: true, force: true });
    }
  }, 120_000);
});
