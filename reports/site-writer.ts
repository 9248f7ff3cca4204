// Writes the site incrementally: a file is written only when its content changed, and an HTML page
// whose input is unchanged is not even rendered again. Each page carries a key (hash of the
// renderer's source and the page's input) in a <meta>; when the file on disk has the same key its
// content would be identical. Files of earlier runs that no page produces any more are removed
// from the site's own folders, so a link never leads to a stale ranking.
import { createHash } from "node:crypto";
import { promises as fs, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { projectPath } from "../pipelines/paths.ts";
import type { PageJob } from "./page-jobs.ts";

export interface WriteSiteOptions {
  outDir: string;
  /** Must create missing folders. */
  writeFile: (path: string, content: string) => Promise<void>;
  /** Renders a batch of jobs (in order); default in this process. */
  render: (jobs: PageJob[]) => Promise<string[]>;
  /** Reads an existing file, or null; default the file system. */
  readFile?: (path: string) => Promise<string | null>;
  /** Remove files of the site's folders that no job produced (default true). */
  prune?: boolean;
  /** Told how many pages need rendering before the first is rendered (e.g. to start workers). */
  prepare?: (pending: number) => void;
}

export interface WriteSiteResult {
  /** Files the site consists of. */
  pages: number;
  /** Files actually written (new or changed). */
  written: number;
  /** Pages whose input was unchanged, so they were not rendered at all. */
  reused: number;
  /** Stale files removed. */
  removed: number;
}

/** Folders holding generated files only; anything else in the site folder is left alone. */
export const GENERATED_FOLDERS = ["rankings", "districts", "targets", "composite"];

const REPORTS_DIR = projectPath("reports/");
const ROOT = path.join(REPORTS_DIR, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

let rendererVersion: string | undefined;

/**
 * Hash of everything that shapes a page besides its input: the report code, the site config and the
 * locked dependency versions (Plot's output may change with its version).
 */
export function renderVersion(): string {
  if (rendererVersion) return rendererVersion;
  const h = createHash("sha256");
  for (const f of sourceFiles(REPORTS_DIR).sort()) h.update(f.slice(REPORTS_DIR.length)).update(readFileSync(f));
  for (const f of ["config/site.json", "package-lock.json"]) {
    try {
      h.update(readFileSync(path.join(ROOT, f)));
    } catch {
      // A missing file is part of the state too.
      h.update(`no ${f}`);
    }
  }
  rendererVersion = h.digest("hex").slice(0, 16);
  return rendererVersion;
}

/** JSON with Maps as entry lists and Dates as ISO text, so equal inputs give equal keys. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? [...v] : v));
}

export function pageKey(job: PageJob): string {
  return createHash("sha256").update(renderVersion()).update(job.kind).update(stableJson(job.input)).digest("hex").slice(0, 24);
}

const KEY_META = (key: string) => `<meta name="weici-page" content="${key}">`;

/** Puts the key right after the charset declaration of an HTML page. */
export function withKey(html: string, key: string): string {
  const at = html.indexOf("<meta charset=\"utf-8\">");
  if (at < 0) return html;
  const end = at + "<meta charset=\"utf-8\">".length;
  return `${html.slice(0, end)}\n${KEY_META(key)}${html.slice(end)}`;
}

const defaultRead = async (p: string) => fs.readFile(p, "utf8").catch(() => null);

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (/\.(html|csv)$/.test(e.name)) out.push(p);
  }
  return out;
}

async function pruneStale(outDir: string, keep: Set<string>): Promise<number> {
  let removed = 0;
  for (const folder of GENERATED_FOLDERS) {
    for (const file of await listFiles(path.join(outDir, folder))) {
      if (keep.has(file)) continue;
      await fs.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

/** Batch size for rendering: large enough to keep a worker busy, small enough to stream writes. */
const BATCH = 48;
/** Batches rendered ahead of the writes (keeps every worker of a pool busy). */
const IN_FLIGHT = 6;
/** Files read or written at once. */
const IO_CONCURRENCY = 32;

async function forEachLimit<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
}

export async function writeSite(jobs: PageJob[], opts: WriteSiteOptions): Promise<WriteSiteResult> {
  const read = opts.readFile ?? defaultRead;
  const abs = (p: string) => path.join(opts.outDir, ...p.split("/"));
  let written = 0;
  let reused = 0;

  // Decide first which pages need rendering: an HTML page whose file has the same key is done.
  const slots: ({ job: PageJob; key: string | null; existing: string | null } | null)[] = new Array(jobs.length).fill(null);
  await forEachLimit(jobs, IO_CONCURRENCY, async (job, i) => {
    const existing = await read(abs(job.path));
    const key = job.path.endsWith(".html") ? pageKey(job) : null;
    if (key && existing?.includes(KEY_META(key))) reused++;
    else slots[i] = { job, key, existing };
  });
  const pending = slots.filter((s) => s != null);
  opts.prepare?.(pending.length);

  // Render ahead in batches, write each batch (only changed files) as it arrives, in order.
  const batches: (typeof pending)[] = [];
  for (let i = 0; i < pending.length; i += BATCH) batches.push(pending.slice(i, i + BATCH));
  const results: Promise<string[]>[] = [];
  const launch = (i: number) => {
    if (i >= batches.length || results[i]) return;
    results[i] = opts.render(batches[i]!.map((b) => b.job));
    // Awaited below in order; this only keeps an early failure from being reported as unhandled.
    results[i]!.catch(() => undefined);
  };
  for (let i = 0; i < IN_FLIGHT; i++) launch(i);
  for (let i = 0; i < batches.length; i++) {
    const contents = await results[i]!;
    launch(i + IN_FLIGHT);
    await forEachLimit(batches[i]!, IO_CONCURRENCY, async (b, k) => {
      const content = b.key ? withKey(contents[k]!, b.key) : contents[k]!;
      if (content === b.existing) return;
      await opts.writeFile(abs(b.job.path), content);
      written++;
    });
  }
  const removed = opts.prune === false ? 0 : await pruneStale(opts.outDir, new Set(jobs.map((j) => abs(j.path))));
  return { pages: jobs.length, written, reused, removed };
}
