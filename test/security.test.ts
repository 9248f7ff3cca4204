// Hostile input from the sources: names with markup, quotes, `&`, SQL and spreadsheet formulas in
// peer groups, file names, region and indicator names, report text and sidecars. Every page written
// must show them as text (no element, attribute or entity smuggled in), every CSV download must keep
// them from running as formulas (while negative figures stay numbers), no name may break the SQL,
// and no source configuration, glob or symbolic link may read a file outside its folder.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../pipelines/config.ts";
import { ConfigError } from "../pipelines/errors.ts";
import { listFiles, sourceFileReader } from "../pipelines/files.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { runPipeline, type RunSummary } from "../pipelines/run.ts";
import { ident, literal, Warehouse } from "../pipelines/warehouse.ts";
import { renderSite } from "../reports/site.ts";
import { copyFixture, queryWarehouse } from "./helpers/fixture.ts";
import { configOf, removeWhenDone } from "./helpers/faults.ts";
import { parseCsv } from "./helpers/csv.ts";

const NOW = new Date("2026-07-15T02:00:00Z");

// Each payload carries a marker so the test can prove it reached a page (as text).
// Quotes that would end an attribute and start an event handler, if a name reached one unescaped.
const PEER_GROUP = `P<script>alert("pg")</script>" onmouseover="alert(5)' onfocus='alert(6)&amp;<b>组`;
const SQL_GROUP = `x'; drop table raw.peer_group_rows; --"`;
const FORMULA_GROUP = `=HYPERLINK("http://evil.example","fg")`;
const FILE = `evil'; drop table meta.runs; --<b>&.csv`;
const REGION = `<script>alert("region")</script>`;
const INDICATOR = `<img src=x onerror=alert("ind")>`;
const PUBLISHER = `<script>alert("pub")</script>"'&`;
// Markup right after a rank claim in a report: extraction must not choke on it. It lies outside the
// claim's quoted span, so it reaches no page (the pages are checked for <svg onload all the same).
const CLAIM = `<svg onload=alert("claim")>`;

let dir: string;
let summary: RunSummary;
let pages: { file: string; html: string }[];
let csvs: { file: string; text: string }[];

function walk(root: string, rel = ""): string[] {
  return readdirSync(path.join(root, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? walk(root, r) : [r];
  });
}

beforeAll(async () => {
  dir = copyFixture("hangzhou-five-districts");
  const groups = readFileSync(path.join(dir, "peer-groups.csv"), "utf8").trimEnd();
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  writeFileSync(path.join(dir, "peer-groups.csv"), `${groups}\n${[PEER_GROUP, SQL_GROUP, FORMULA_GROUP].flatMap((g) =>
    [["330102", "上城区"], ["330105", "拱墅区"], ["330109", "萧山区"]].map(([c, n]) => `${q(g)},${c},${n}`)).join("\n")}\n`);
  writeFileSync(path.join(dir, "history", FILE), [
    "地区代码,地区名称,指标名称,计量单位,年份,月份,数值",
    "330109,萧山区,技术合同成交额,亿元,2026,6,5",
    // A decline, so the CSVs have a negative increment that must stay a number.
    "330109,萧山区,技术合同成交额,亿元,2025,6,9",
    `,${q(REGION)},技术合同成交额,亿元,2026,6,7`,
    `330106,西湖区,${q(INDICATOR)},亿元,2026,6,8`,
    "330105,拱墅区,技术合同成交额,亿元,2026,6,=1+1",
  ].join("\n"));
  const sidecar = path.join(dir, "reports", "330102-2025-工作总结.json");
  writeFileSync(sidecar, JSON.stringify({ ...JSON.parse(readFileSync(sidecar, "utf8")), publisher: PUBLISHER }));
  const report = path.join(dir, "reports", "330102-2025-工作总结.txt");
  writeFileSync(report, readFileSync(report, "utf8").replace("增速居全市第一。", `增速居全市第一${CLAIM}。`));
  summary = await runPipeline(configOf(dir), { logger: memoryLogger(), now: () => NOW, renderSite });
  const site = path.join(dir, "target", "site");
  const files = walk(site);
  pages = files.filter((f) => f.endsWith(".html")).map((f) => ({ file: f, html: readFileSync(path.join(site, f), "utf8") }));
  csvs = files.filter((f) => f.endsWith(".csv")).map((f) => ({ file: f, text: readFileSync(path.join(site, f), "utf8") }));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("hostile names from the sources", () => {
  it("load as data: the run succeeds and every name is stored exactly, nothing dropped or executed", async () => {
    expect(summary.outcome).toBe("ok");
    const wh = configOf(dir).warehouse;
    expect(await queryWarehouse(wh, "select count(*)::int as n from analyst.runs")).toEqual([{ n: 1 }]);
    expect(await queryWarehouse(wh, `select value from analyst.observations where file = ${literal(FILE)} order by year`)).toEqual([{ value: 9 }, { value: 5 }]);
    const groups = await queryWarehouse<{ peer_group_id: string; n: number }>(wh,
      "select peer_group_id, count(*)::int as n from analyst.peer_group_members group by 1 order by 1");
    for (const g of [PEER_GROUP, SQL_GROUP, FORMULA_GROUP]) expect(groups).toContainEqual({ peer_group_id: `custom:${g}`, n: 3 });
    const rejected = await queryWarehouse<{ raw: string }>(wh, `select raw from analyst.quarantine where file = ${literal(FILE)} order by row_number`);
    expect(rejected.map((r) => r.raw).join("\n")).toContain(REGION);
    expect(rejected.map((r) => r.raw).join("\n")).toContain(INDICATOR);
  });

  it("are text on every page: no script, no event handler, no smuggled element or entity", () => {
    expect(pages.length).toBeGreaterThan(20);
    const allText: string[] = [];
    for (const { file, html } of pages) {
      const { document } = parseHTML(html);
      const where = `${file}`;
      expect(document.querySelectorAll("script, img, iframe, object, embed").length, where).toBe(0);
      for (const el of document.querySelectorAll("*")) {
        for (const a of el.attributes) {
          expect(a.name.startsWith("on"), `${where}: <${el.tagName.toLowerCase()} ${a.name}>`).toBe(false);
          if (a.name === "href" || a.name === "src") expect(a.value, where).not.toMatch(/^\s*(javascript|data|vbscript):/i);
        }
      }
      // The site's own SVG charts never carry the payload's tag: any <svg onload…> would be ours.
      expect(html, where).not.toMatch(/<(script|img|svg\s+onload)/i);
      allText.push(document.documentElement.textContent ?? "");
    }
    const text = allText.join("\n");
    // Every payload made it to some page, verbatim as text (so the checks above are not vacuous).
    for (const payload of [PEER_GROUP, SQL_GROUP, FORMULA_GROUP, REGION, INDICATOR, "drop table meta.runs", PUBLISHER]) expect(text).toContain(payload);
    // `&amp;` in a name stays the five characters it was, not an ampersand.
    expect(text).toContain(`alert(6)&amp;<b>组`);
  });

  it("give page files plain names: no markup, quotes or path separators in a URL", () => {
    for (const { file } of pages) expect(file).toMatch(/^[a-z0-9_\-./]+$/);
  });

  // The downloads name regions by their official names, so no hostile text of these sources reaches a
  // CSV: a formula-like name in a cell is tested in reports-csv.test.ts. Here: the real site's CSVs.
  it("have no CSV cell a spreadsheet would run as a formula; negative figures stay numbers", () => {
    expect(csvs.length).toBeGreaterThan(5);
    let negative = 0;
    for (const { file, text } of csvs) {
      expect(text.charCodeAt(0), file).toBe(0xfeff);
      for (const row of parseCsv(text.slice(1))) {
        for (const cell of row) {
          if (/^[=+\-@\t\r]/.test(cell)) expect(cell, `${file}: ${JSON.stringify(cell)}`).toMatch(/^[+-]?\d{1,3}(,\d{3})*(\.\d+)?%?$|^[+-]?\d+(\.\d+)?%?$/);
          if (/^-\d[\d,.]*%?$/.test(cell)) negative++;
        }
      }
    }
    expect(negative).toBeGreaterThan(0);
  });
});

describe("identifiers and literals built into SQL", () => {
  it("are quoted so that quotes and semicolons stay inside the name", async () => {
    expect(ident(`a"; drop table t; --`)).toBe(`"a""; drop table t; --"`);
    expect(literal(`it's'; drop table t; --`)).toBe(`'it''s''; drop table t; --'`);
    const wh = await Warehouse.open(":memory:");
    try {
      await wh.exec(`create schema ${ident(SQL_GROUP)}; create table ${ident(SQL_GROUP)}.${ident(FILE)} (${ident(INDICATOR)} varchar)`);
      await wh.exec(`insert into ${ident(SQL_GROUP)}.${ident(FILE)} values (${literal(SQL_GROUP)})`);
      expect(await wh.all(`select * from ${ident(SQL_GROUP)}.${ident(FILE)}`)).toEqual([{ [INDICATOR]: SQL_GROUP }]);
    } finally {
      await wh.close();
    }
  });
});

describe("source configuration stays inside its folders", () => {
  const cfg = (source: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    () => parseConfig({ sources: [{ id: "s", kind: "csv", dir: "in", pattern: "*.csv", ...source }], ...extra }, "/srv/weici/weici.config.json");

  it("refuses a relative dir that climbs out of the configuration's folder, and says how to write one elsewhere", () => {
    for (const d of ["../../etc", "in/../../etc", ".."]) {
      expect(cfg({ dir: d })).toThrow(ConfigError);
      expect(cfg({ dir: d })).toThrow(`sources[s].dir "${d}" leads outside the folder of the configuration file (/srv/weici); keep source folders under it, or write the folder's absolute path if it really lives elsewhere`);
    }
    expect(cfg({ dir: "in/../in" })().sources[0]!.absDir).toBe("/srv/weici/in");
    expect(cfg({ dir: "/data/incoming" })().sources[0]!.absDir).toBe("/data/incoming");
  });

  it("refuses a pattern into sub-folders of a dir that holds weici's own outputs (the site's CSVs, decoded copies)", () => {
    expect(cfg({ dir: ".", pattern: "**/*.csv" })).toThrow(/sources\[s\]\.pattern "\*\*\/\*\.csv" would read weici's own output: site_dir \(\/srv\/weici\/target\/site\) is inside its dir \/srv\/weici/);
    expect(cfg({ dir: ".", pattern: "peer-groups.csv" })().sources[0]!.absDir).toBe("/srv/weici");
  });

  it("refuses glob patterns that leave the dir", () => {
    for (const p of ["../*.csv", "**/../../*.csv", "/etc/*", "..\\secret.csv"]) {
      expect(cfg({ pattern: p })).toThrow(/pattern must stay inside its dir \(no "\.\.", no absolute path\)/);
    }
  });

  it("refuses a site folder that holds anything else, since each run replaces it as a whole", () => {
    expect(cfg({}, { site_dir: "." })).toThrow(/site_dir "\." contains the folder of the configuration file \(\/srv\/weici\)/);
    expect(cfg({}, { site_dir: "target" })).toThrow(/site_dir "target" contains warehouse \(\/srv\/weici\/target\/warehouse\.duckdb\)/);
    expect(cfg({ dir: "public/in" }, { site_dir: "public" })).toThrow(/site_dir "public" contains the dir of source s/);
    expect(cfg({}, { site_dir: "target/site" })().siteDir).toBe("/srv/weici/target/site");
  });

  describe("symbolic links", () => {
    let root: string;
    let secret: string;
    beforeAll(() => {
      root = mkdtempSync(path.join(os.tmpdir(), "weici-links-"));
      const outside = path.join(root, "outside");
      mkdirSync(path.join(outside, "deep"), { recursive: true });
      secret = path.join(outside, "secret.csv");
      writeFileSync(secret, "TOPSECRET-4711");
      writeFileSync(path.join(outside, "deep", "x.csv"), "TOPSECRET-4712");
      const inDir = path.join(root, "in");
      mkdirSync(path.join(inDir, "sub"), { recursive: true });
      writeFileSync(path.join(inDir, "a.csv"), "ok");
      symlinkSync(secret, path.join(inDir, "leak.csv"));
      symlinkSync(path.join(outside, "deep"), path.join(inDir, "outdir"));
      symlinkSync(path.join(inDir, "a.csv"), path.join(inDir, "sub", "alias.csv"));
      symlinkSync(path.join(inDir, "sub"), path.join(inDir, "subdir.csv"));
    });

    it("are listed only when they lead to a file inside the folder; linked folders are not walked", async () => {
      expect(await listFiles(path.join(root, "in"), "**/*.csv")).toEqual(["a.csv", "sub/alias.csv"]);
    });

    it("are refused at read time when they lead outside (a sidecar is read without listing)", async () => {
      const read = sourceFileReader([{ id: "s", absDir: path.join(root, "in") }]);
      expect((await read(path.join(root, "in", "a.csv"))).toString()).toBe("ok");
      await expect(read(path.join(root, "in", "leak.csv"))).rejects.toThrow("source s (leak.csv): leak.csv leads outside the folder");
      await expect(read(path.join(root, "in", "outdir", "x.csv"))).rejects.toThrow(/leads outside the folder/);
      await expect(read(path.join(root, "in", "..", "outside", "secret.csv"))).rejects.toThrow(/is not inside any source folder/);
    });
  });

  it("a report whose sidecar links to a secret file fails alone, and the secret reaches neither warehouse nor pages", async () => {
    const d = removeWhenDone(copyFixture("hangzhou-five-districts"));
    const secret = path.join(mkdtempSync(path.join(os.tmpdir(), "weici-secret-")), "passwd");
    writeFileSync(secret, "TOPSECRET-root:x:0:0:root:/root:/bin/bash\n");
    const sidecar = path.join(d, "reports", "330105-2025-工作总结.json");
    rmSync(sidecar);
    symlinkSync(secret, sidecar);
    const config = configOf(d);
    const run = await runPipeline(config, { logger: memoryLogger(), now: () => NOW, renderSite });
    expect(run.outcome).toBe("partial");
    expect(run.ingest.failures).toEqual([{
      sourceId: "reports", file: "330105-2025-工作总结.txt",
      message: expect.stringContaining("330105-2025-工作总结.json leads outside the folder"),
    }]);
    // The other reports and sources loaded.
    expect(run.ingest.filesLoaded).toBe(7);
    const dump = await queryWarehouse<{ t: string }>(config.warehouse,
      "select string_agg(coalesce(reason, '') || coalesce(raw, ''), ' ') as t from analyst.quarantine");
    const loads = await queryWarehouse<{ t: string }>(config.warehouse, "select string_agg(coalesce(error, ''), ' ') as t from analyst.loads");
    expect(`${dump[0]!.t} ${loads[0]!.t}`).not.toContain("TOPSECRET");
    for (const f of walk(config.siteDir)) expect(readFileSync(path.join(config.siteDir, f), "utf8"), f).not.toContain("TOPSECRET");
  });
});
