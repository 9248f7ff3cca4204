// Shared pieces of the fault tests: a fixture touching every source kind, the CLI as a real child
// process, and snapshots that tell the previous published state from the new one, and either from a
// torn one (a mix, a half-written file, a file that does not open).
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { onTestFinished } from "vitest";
import { loadConfig, type ResolvedConfig } from "../../pipelines/config.ts";
import { memoryLogger } from "../../pipelines/logger.ts";
import { type RunDeps, type RunSummary, runPipeline } from "../../pipelines/run.ts";
import { renderSite } from "../../reports/site.ts";
import { Warehouse } from "../../pipelines/warehouse.ts";
import { copyFixture, writeMonthlyReport } from "./fixture.ts";
import { checkZip } from "../../sources/zip-guard.ts";

export const BIN = fileURLToPath(new URL("../../bin/weici.js", import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `weici <args>` in `cwd` as a child process (asynchronous, so several can run at once). */
export function weiciAsync(cwd: string, env: Record<string, string> = {}, args: string[] = ["run"]): Promise<CliResult> {
  const base = { ...process.env };
  for (const k of ["WEICI_FAIL_AT", "WEICI_PAUSE_AT", "WEICI_RESUME_FILE"]) delete base[k];
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...base, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A run in this process with the real site renderer and the real clock (like the CLI's). */
export const runInProcess = (config: ResolvedConfig, over: Partial<RunDeps> = {}): Promise<RunSummary> =>
  runPipeline(config, { logger: memoryLogger(), now: () => new Date(), renderSite, ...over });

const GBK_2026 = "330100-杭州市-2026.csv";

/**
 * The five-district fixture plus a district XLSX report: every file source kind (CSV in UTF-8 and GBK,
 * XLSX, targets, peer groups, report text with sidecars).
 */
export async function setupAllKinds(): Promise<string> {
  const dir = copyFixture("hangzhou-five-districts");
  mkdirSync(path.join(dir, "monthly", "2026-07"), { recursive: true });
  await writeXlsx(dir, 4.2);
  return dir;
}

const writeXlsx = (dir: string, value: number) =>
  writeMonthlyReport(path.join(dir, "monthly", "2026-07", "330108-滨江区.xlsx"), {
    name: "滨江区", code: "330108", year: 2026, month: 7,
    rows: [["技术合同成交额(亿元)", null, value, 3.5, 20], ["高新技术产业投资", "亿元", 2.5, 2, null]],
  });

const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  writeFileSync(file, text.replace(from, to));
};

/** The next night's submissions: one new figure in a file of every kind. */
export async function changeAllKinds(dir: string): Promise<void> {
  edit(path.join(dir, "history", "330100-杭州市.csv"), "330106,西湖区,高新技术企业数,家,2024,12,800", "330106,西湖区,高新技术企业数,家,2024,12,810");
  const gbk = path.join(dir, "history", GBK_2026);
  const text = iconv.decode(readFileSync(gbk), "gbk");
  if (!text.includes(",12\r\n") && !text.includes(",12\n")) throw new Error(`${gbk} changed shape`);
  writeFileSync(gbk, iconv.encode(text.replace(/,2026,6,12(\r?\n)/, ",2026,6,13$1"), "gbk"));
  await writeXlsx(dir, 4.6);
  edit(path.join(dir, "targets", "targets-2026.csv"), "330102,上城区,2026,技术合同成交额,总量,20,亿元", "330102,上城区,2026,技术合同成交额,总量,25,亿元");
  writeFileSync(path.join(dir, "peer-groups.csv"), `${readFileSync(path.join(dir, "peer-groups.csv"), "utf8").trimEnd()}\nA类地区,330105,拱墅区\n`);
  edit(path.join(dir, "reports", "330105-2025-工作总结.txt"), "居全市第三", "居全市第二");
}

export type Scenario = "change" | "unchanged" | "remove";

export async function applyScenario(dir: string, scenario: Scenario): Promise<void> {
  if (scenario === "unchanged") return;
  await changeAllKinds(dir);
  if (scenario === "remove") rmSync(path.join(dir, "monthly", "2026-07", "330108-滨江区.xlsx"));
}

/** Removes a test's folder when the test ends (warehouse copies are tens of MB each). Call inside a test. */
export function removeWhenDone<T extends string>(dir: T): T {
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh copy of a prepared folder (inputs, work dir, published files and site). */
export function cloneDir(from: string): string {
  const dir = path.join(os.tmpdir(), `weici-fault-${path.basename(from)}-${Math.random().toString(36).slice(2, 8)}`);
  cpSync(from, dir, { recursive: true });
  return dir;
}

export const configOf = (dir: string) => loadConfig(path.join(dir, "weici.config.json"));

const SNAPSHOT_QUERIES = [
  "select region_code, indicator_code, year, month, value, source_id, file, row_number from analyst.observations order by all",
  "select region_code, indicator_code, year, target_value from analyst.targets order by all",
  "select peer_group_id, region_code from analyst.peer_group_members order by all",
  "select region_code, claimed_rank, verdict from analyst.claims order by all",
  "select count(*)::int as n from analyst.rankings",
];

/**
 * What a published warehouse says, as one comparable text, and its run log (which changes on every
 * publish); `null` when the file is missing or does not open and answer read-only.
 */
export async function readPublished(file: string): Promise<{ data: string; runs: string[] } | null> {
  if (!existsSync(file)) return null;
  let wh: Warehouse | undefined;
  try {
    wh = await Warehouse.open(file, { readOnly: true });
    const parts = [];
    for (const q of SNAPSHOT_QUERIES) parts.push(await wh.all(q));
    const runs = (await wh.all<{ outcome: string }>("select run_id, outcome from analyst.runs order by run_id")).map((r) => r.outcome);
    return { data: JSON.stringify(parts), runs };
  } catch {
    return null;
  } finally {
    await wh?.close();
  }
}

export const publishedData = async (file: string) => (await readPublished(file))?.data ?? null;

/**
 * Times of day, page keys and the run log on the quality page (a recovered run lists the killed one)
 * differ between runs of the same data; everything else must not.
 */
const normalise = (text: string) =>
  text.replace(/\d{4}年\d{1,2}月\d{1,2}日 ?\d{1,2}:\d{2}/g, "<time>").replace(/<meta name="weici-page" content="[^"]*">/g, "")
    .replace(/<h2>最近运行<\/h2>[\s\S]*?(?=<h2>)/, "<runs>");

/** An office file's parts as text, run times blanked: its zip bytes also carry the run's time. */
function officeText(buf: Buffer): string {
  const parts = checkZip(buf, 64 * 1024 * 1024, () => true);
  return [...parts].sort(([a], [b]) => a.localeCompare(b))
    .map(([name, data]) => `${name}\n${normalise(data.toString("utf8")).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, "<time>")}`).join("\n");
}

/** Every file of a site (relative path → content with run times blanked); `null` when there is no site. */
export function siteSnapshot(siteDir: string): Map<string, string> | null {
  if (!existsSync(siteDir)) return null;
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(siteDir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (/\.(docx|xlsx)$/.test(r)) out.set(r, officeText(readFileSync(path.join(siteDir, r))));
      // The office files' manifest keys hash their inputs, load times included: a cache, not content.
      else if (r === "downloads/manifest.json") out.set(r, readFileSync(path.join(siteDir, r), "utf8").replace(/"key": "[^"]*"/g, '"key": ""'));
      else out.set(r, normalise(readFileSync(path.join(siteDir, r), "utf8")));
    }
  };
  walk("");
  return out;
}

const same = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/** Which complete state a site is in: the previous, the new, none at all, or torn (with the first differences). */
export function classifySite(site: Map<string, string> | null, old: Map<string, string>, next: Map<string, string>): string {
  if (!site) return "missing";
  if (same(site, old)) return "old";
  if (same(site, next)) return "new";
  const diff = [...new Set([...site.keys(), ...old.keys(), ...next.keys()])]
    .filter((k) => site.get(k) !== old.get(k) && site.get(k) !== next.get(k)).slice(0, 3);
  return `torn (${diff.join(", ")})`;
}

/** Which complete state a published warehouse is in, or torn / unopenable. */
export function classifyPublished(data: string | null, old: string, next: string): string {
  if (data === null) return "unopenable";
  return data === old ? "old" : data === next ? "new" : "torn";
}

/** Files a crash may leave behind that a recovered run must have removed: temps, stages, logs, locks. */
export function leftovers(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (/\.tmp|\.next$|\.old$|\.wal$|^run\.lock/.test(e.name)) out.push(r);
      else if (e.isDirectory()) walk(r);
    }
  };
  walk("");
  return out;
}

export const sizeOf = (p: string) => statSync(p).size;
