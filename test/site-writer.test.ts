// Incremental site writing: unchanged files are not rewritten, unchanged pages are not even rendered,
// changed pages are, and files no page produces any more are removed from the site's folders.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { PageJob } from "../reports/page-jobs.ts";
import { renderPage } from "../reports/render-page.ts";
import { pageKey, writeSite } from "../reports/site-writer.ts";

function jobs(quality: string): PageJob[] {
  const table = {
    indicator: { indicator_code: "hte_count", name_zh: "高新技术企业数", unit: "家", kind: "stock" as const, higher_is_better: true },
    peerGroup: { peer_group_id: "city:330100", peer_group_name: "杭州市", kind: "city" as const, member_count: 1 },
    period: { year: 2026, month: 10, annual: false },
    rows: [{ regionCode: "330102", name: "上城区", value: 820, rank: 1, tied: false, yoyPct: 7.9, increment: 60, ppChange: null, growthRank: 1, growthTied: false, prevRank: 1, rankChange: 0 }],
    median: 820,
    unlistedWithoutData: 0,
  };
  return [
    { kind: "ranking", path: "rankings/city-330100/hte_count-2026-10.html", input: { table } },
    { kind: "ranking-csv", path: "rankings/city-330100/hte_count-2026-10.csv", input: { table } },
    {
      kind: "quality",
      path: "quality.html",
      input: { generatedAt: new Date(0), dataPeriod: quality, sources: [], runs: [], quarantineTotal: 0, quarantine: [], checks: [], indexHref: "index.html" },
    },
  ];
}

async function write(dir: string, list: PageJob[]) {
  const rendered: string[] = [];
  const written: string[] = [];
  const result = await writeSite(list, {
    outDir: dir,
    render: async (batch) => batch.map((j) => (rendered.push(j.path), renderPage(j))),
    writeFile: async (p, c) => {
      written.push(path.relative(dir, p));
      await fs.mkdir(path.dirname(p), { recursive: true });
      await fs.writeFile(p, c);
    },
  });
  return { result, rendered, written };
}

describe("writing the site incrementally", () => {
  it("writes every file the first time and nothing when nothing changed", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "weici-site-"));
    const first = await write(dir, jobs("2026年1-10月"));
    expect(first.result).toMatchObject({ pages: 3, written: 3 });
    const second = await write(dir, jobs("2026年1-10月"));
    expect(second.result).toMatchObject({ pages: 3, written: 0, reused: 2 });
    // HTML pages with an unchanged input are not rendered at all; the CSV is rendered and compared.
    expect(second.rendered).toEqual(["rankings/city-330100/hte_count-2026-10.csv"]);
  });

  it("rewrites only the page whose input changed", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "weici-site-"));
    await write(dir, jobs("2026年1-10月"));
    const next = await write(dir, jobs("2026年1-11月"));
    expect(next.written).toEqual(["quality.html"]);
    expect(readFileSync(path.join(dir, "quality.html"), "utf8")).toContain("2026年1-11月");
  });

  it("renders a page again when its file was edited by hand, and restores it", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "weici-site-"));
    await write(dir, jobs("2026年1-10月"));
    const file = path.join(dir, "rankings/city-330100/hte_count-2026-10.html");
    writeFileSync(file, "edited");
    const next = await write(dir, jobs("2026年1-10月"));
    expect(next.written).toEqual(["rankings/city-330100/hte_count-2026-10.html"]);
    expect(readFileSync(file, "utf8")).toContain(`<meta name="weici-page" content="${pageKey(jobs("")[0]!)}">`);
  });

  it("removes stale files from the site's folders but leaves other files alone", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "weici-site-"));
    mkdirSync(path.join(dir, "rankings/city-330100"), { recursive: true });
    writeFileSync(path.join(dir, "rankings/city-330100/hte_count-2026-9.html"), "old");
    writeFileSync(path.join(dir, "notes.html"), "mine");
    const { result } = await write(dir, jobs("2026年1-10月"));
    expect(result.removed).toBe(1);
    expect(existsSync(path.join(dir, "rankings/city-330100/hte_count-2026-9.html"))).toBe(false);
    expect(existsSync(path.join(dir, "notes.html"))).toBe(true);
  });

  it("keys a page by its input: a different figure gives a different key", () => {
    const [a] = jobs("x");
    const b = structuredClone(a!) as Extract<PageJob, { kind: "ranking" }>;
    b.input.table.rows[0]!.value = 821;
    expect(pageKey(a!)).not.toBe(pageKey(b));
    expect(pageKey(a!)).toBe(pageKey(structuredClone(a!)));
  });
});
