// The site as a person sees it: a real headless Chromium opens pages of a site built from the
// hand-worked Hangzhou fixture (plus year-end figures so the composite index has scores) and checks
// for console errors, network requests, charts drawn with a CJK font, phone width and A4 print size;
// every link of every page must lead to an existing file (and anchor). Screenshots of the index, a
// ranking page and a district page go to target/test-artifacts/ for a human to look at.
//
// Needs Debian's chromium and a CJK font (.ci/run installs both). Without chromium the test is
// skipped locally with a message; in CI (CI set) it fails instead.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseHTML } from "linkedom";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../pipelines/config.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { runPipeline } from "../pipelines/run.ts";
import { renderSite } from "../reports/site.ts";
import { copyFixture } from "./helpers/fixture.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const ARTIFACTS = fileURLToPath(new URL("../target/test-artifacts/", import.meta.url));
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

if (!HAVE_CHROMIUM && !process.env.CI) {
  console.warn(`site-browser.test.ts skipped: no Chromium at ${CHROMIUM}. Install it with\n  apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk\nor set CHROMIUM_PATH. (In CI, where CI is set, this test fails instead of skipping.)`);
}

const DISTRICTS = ["330102", "330105", "330106", "330108", "330109"];
/** Year-end figures of the composite index's indicators, so the fixture districts get index scores. */
function compositeFigures(): string {
  const rows = ["地区代码,指标名称,计量单位,年份,月份,数值"];
  const base: [string, string, number][] = [["规上工业研发费用占营业收入比重", "%", 2.1], ["科技型中小企业", "家", 300], ["高新技术产业增加值占规上工业增加值比重", "%", 60],
    ["每万人发明专利拥有量", "件/万人", 30], ["财政科技支出占一般公共预算支出比重", "%", 5], ["技术合同成交额", "亿元", 10]];
  DISTRICTS.forEach((code, i) => {
    for (const [name, unit, v] of base) for (const year of [2024, 2025]) rows.push(`${code},${name},${unit},${year},12,${(v * (1 + 0.15 * i) * (year === 2025 ? 1.1 : 1)).toFixed(2)}`);
  });
  return `${rows.join("\n")}\n`;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html")).map((f) => path.join(dir, f));
}

describe.skipIf(!HAVE_CHROMIUM && !process.env.CI)("the site in a real browser", () => {
  let siteDir: string;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    const dir = copyFixture("hangzhou-five-districts");
    writeFileSync(path.join(dir, "history", "330100-杭州市-年末.csv"), compositeFigures());
    const config = loadConfig(path.join(dir, "weici.config.json"));
    siteDir = config.siteDir;
    await runPipeline(config, { logger: memoryLogger(), now: () => new Date("2026-07-15T02:00:00Z"), renderSite });
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    // One context for all pages: a new context per page costs more than the page itself.
    context = await browser.newContext();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => browser?.close());

  /** Opens a page of the site and records console errors, page errors and any request leaving file://. */
  async function open(rel: string, viewport = { width: 1100, height: 900 }): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => !r.url().startsWith("file:") && !r.url().startsWith("data:") && problems.push(`request: ${r.url()}`));
    page.on("requestfailed", (r) => problems.push(`failed: ${r.url()}`));
    await page.goto(pathToFileURL(path.join(siteDir, rel)).href);
    return { page, problems };
  }

  it("has no broken link or anchor anywhere in the site", () => {
    const files = htmlFiles(siteDir);
    expect(files.length).toBeGreaterThan(20);
    const ids = new Map<string, Set<string>>();
    const idsOf = (file: string) => {
      if (!ids.has(file)) ids.set(file, new Set([...parseHTML(readFileSync(file, "utf8")).document.querySelectorAll("[id]")].map((e) => e.id)));
      return ids.get(file)!;
    };
    const broken: string[] = [];
    let links = 0;
    for (const file of files) {
      for (const a of parseHTML(readFileSync(file, "utf8")).document.querySelectorAll("a[href]")) {
        const href = a.getAttribute("href")!;
        links++;
        if (/^[a-z]+:/i.test(href) || href.startsWith("/")) {
          broken.push(`${path.relative(siteDir, file)}: absolute link ${href}`);
          continue;
        }
        const [target, anchor] = href.split("#");
        const resolved = target ? path.resolve(path.dirname(file), decodeURIComponent(target)) : file;
        if (!existsSync(resolved)) broken.push(`${path.relative(siteDir, file)} → ${href}`);
        else if (anchor && resolved.endsWith(".html") && !idsOf(resolved).has(anchor)) broken.push(`${path.relative(siteDir, file)} → ${href} (no #${anchor})`);
      }
    }
    expect(broken).toEqual([]);
    expect(links).toBeGreaterThan(200);
  });

  it("opens every kind of page without console errors or network requests, charts drawn in a CJK font", async () => {
    const kinds = ["index.html", "rankings/city-330100/hte_count-2025-12.html", "districts/330102.html", "targets/city-330100.html", "composite/city-330100.html", "quality.html", "claims.html"];
    for (const rel of kinds) {
      expect(existsSync(path.join(siteDir, rel)), rel).toBe(true);
      const { page, problems } = await open(rel);
      expect(problems, rel).toEqual([]);
      if (!["index.html", "quality.html", "claims.html"].includes(rel)) {
        // A Chinese label inside an SVG is laid out with a real width (not collapsed or missing).
        const width = await page.evaluate(() => {
          const t = [...document.querySelectorAll("svg text")].find((e) => /[\u4e00-\u9fff]/.test(e.textContent ?? "")) as SVGTextElement | undefined;
          return t ? t.getBBox().width : 0;
        });
        expect(width, rel).toBeGreaterThan(10);
      }
      await page.close();
    }
  });

  it("renders Chinese headings and chart labels with a CJK font, not a fallback box", async () => {
    const { page } = await open("rankings/city-330100/hte_count-2025-12.html");
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
    for (const selector of ["h1", "svg text"]) {
      const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
      const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
      expect(fonts.map((f) => f.familyName).join(", "), selector).toMatch(/CJK|Source Han|WenQuanYi|Hei|Song|Ming/i);
    }
    await page.close();
  });

  it("fits a phone screen: only tables and charts scroll sideways, not the page", async () => {
    for (const rel of ["index.html", "rankings/city-330100/hte_count-2025-12.html", "districts/330102.html"]) {
      const { page } = await open(rel, { width: 375, height: 800 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, rel).toBeLessThanOrEqual(1);
      await page.close();
    }
  });

  it("prints a ranking page on A4 without cutting a chart", async () => {
    // A4 less the page margins (12 mm, 14 mm) at 96 px per inch.
    const a4 = { width: Math.floor(((210 - 24) / 25.4) * 96), height: Math.floor(((297 - 28) / 25.4) * 96) };
    const { page } = await open("rankings/province-330000/hte_count-2025-12.html", a4);
    await page.emulateMedia({ media: "print" });
    const sizes = await page.evaluate(() => [...document.querySelectorAll("figure.chart svg")].map((s) => s.getBoundingClientRect()).map((r) => [r.width, r.height]));
    expect(sizes.length).toBeGreaterThan(0);
    for (const [w, h] of sizes) {
      expect(w).toBeLessThanOrEqual(a4.width);
      expect(h).toBeLessThanOrEqual(a4.height);
    }
    await page.pdf({ path: path.join(ARTIFACTS, "ranking-print.pdf"), format: "A4", printBackground: true });
    await page.close();
  });

  it("saves screenshots of the index, a ranking page and a district page", async () => {
    for (const [rel, name] of [["index.html", "index"], ["rankings/city-330100/hte_count-2025-12.html", "ranking"], ["districts/330102.html", "district"]]) {
      const { page } = await open(rel!);
      const file = path.join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect(readFileSync(file).length).toBeGreaterThan(10_000);
      await page.close();
    }
  });
});
