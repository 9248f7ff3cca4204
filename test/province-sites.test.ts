// A run over several provinces gets one complete site per province and a landing page listing them
// (reports/province-sites.ts), built one province at a time.
import { existsSync, mkdtempSync, promises as fs, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RankingRow } from "../reports/model.ts";
import { renderSite } from "../reports/site.ts";
import { DEFAULT_SITE_SETTINGS } from "../reports/site-config.ts";
import { openAnalystDb } from "./fixtures/reports-hangzhou/duckdb.ts";
import * as fx from "./fixtures/reports-hangzhou/rows.ts";

const NOW = new Date("2026-11-20T01:30:00Z");
const PROVINCE_OF: Record<string, [string, string]> = { "city:330100": ["province:330000", "浙江省"], "city:320100": ["province:320000", "江苏省"] };

// The fixture's city ranks, repeated as province ranks so both provinces have a 全省 group.
const provinceRanks: RankingRow[] = fx.rankings.flatMap((r) => {
  const p = PROVINCE_OF[r.peer_group_id];
  return p ? [{ ...r, peer_group_id: p[0], peer_group_name: p[1] }] : [];
});

let db: Awaited<ReturnType<typeof openAnalystDb>>;
let site: string;
let result: { pages: number; written: number };

const write = async (p: string, content: string) => {
  await fs.mkdir(path.dirname(p), { recursive: true });
  await fs.writeFile(p, content);
};

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => path.join(e.parentPath, e.name));
}

beforeAll(async () => {
  db = await openAnalystDb({
    ...fx,
    peerGroups: [
      ...fx.peerGroups,
      { peer_group_id: "province:330000", peer_group_name: "浙江省", kind: "province", member_count: 7 },
      { peer_group_id: "province:320000", peer_group_name: "江苏省", kind: "province", member_count: 1 },
    ],
    rankings: [...fx.rankings, ...provinceRanks],
  });
  site = mkdtempSync(path.join(os.tmpdir(), "weici-provinces-"));
  result = await renderSite({ query: db.query, outDir: site, writeFile: write, now: NOW, settings: DEFAULT_SITE_SETTINGS });
});
afterAll(() => db.close());

describe("a site over several provinces", () => {
  it("lists the provinces on a landing page, each linking to its own site", () => {
    const { document } = parseHTML(readFileSync(path.join(site, "index.html"), "utf8"));
    const links = [...document.querySelectorAll("tbody th a")].map((a) => [a.textContent, a.getAttribute("href")]);
    expect(links).toEqual([
      ["江苏省", "320000/index.html"],
      ["浙江省", "330000/index.html"],
    ]);
    expect(document.querySelector("p.meta")!.textContent).toContain("2个省级地区");
  });

  it("builds each province's districts only in that province's site, with a way back to the list", () => {
    expect(existsSync(path.join(site, "320000/districts/320102.html"))).toBe(true);
    expect(existsSync(path.join(site, "330000/districts/330102.html"))).toBe(true);
    expect(existsSync(path.join(site, "330000/districts/320102.html"))).toBe(false);
    expect(existsSync(path.join(site, "320000/districts/330102.html"))).toBe(false);
    const { document } = parseHTML(readFileSync(path.join(site, "330000/index.html"), "utf8"));
    expect(document.querySelector("nav.crumbs a")!.getAttribute("href")).toBe("../index.html");
    expect(result.pages).toBe(htmlFiles(site).length + readdirSync(site, { recursive: true }).filter((f) => String(f).endsWith(".csv")).length);
  });

  it("has no broken relative link anywhere", () => {
    const broken: string[] = [];
    for (const file of htmlFiles(site)) {
      const { document } = parseHTML(readFileSync(file, "utf8"));
      for (const a of document.querySelectorAll("a[href]")) {
        const href = a.getAttribute("href")!.split("#")[0]!;
        if (href && !existsSync(path.resolve(path.dirname(file), href))) broken.push(`${path.relative(site, file)} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
