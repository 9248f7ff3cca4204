// Renders and writes the office files (workbooks and drafts) under the site folder. Like the pages,
// each file is keyed by a hash of the report code and its input (kept in downloads/manifest.json): a
// file whose key is unchanged is not even rendered again. Their bytes depend only on their input
// (zip-dates.ts), so a file whose bytes are already on disk is left alone (its time and, in a staged
// site, its hard link to the live file); a changed file replaces the old one (removed first, never
// written through a hard link into the live site). Files that no job produces any more are removed.
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { renderDraft } from "../draft/bulletin-docx.ts";
import { renderCompletionWorkbook } from "../workbook/completion-workbook.ts";
import { renderVersion } from "../site-writer.ts";
import type { OfficeJob } from "./plan-office.ts";

export const DOWNLOADS_FOLDER = "downloads";

export async function renderOffice(job: OfficeJob): Promise<Buffer> {
  return job.kind === "workbook" ? renderCompletionWorkbook(job.input) : renderDraft(job.input);
}

/** Hash of the report code and the file's input: equal keys, equal files. */
export function officeKey(job: OfficeJob): string {
  return createHash("sha256").update(renderVersion()).update(job.kind).update(JSON.stringify(job.input)).digest("hex").slice(0, 24);
}

export type WriteBytes = (p: string, bytes: Uint8Array) => Promise<void>;

/** Replaces a file only when its bytes change. */
export const writeIfChanged: WriteBytes = async (p, bytes) => {
  const old = await fs.readFile(p).catch(() => null);
  if (old && old.equals(bytes)) return;
  await fs.mkdir(path.dirname(p), { recursive: true });
  await fs.rm(p, { force: true });
  await fs.writeFile(p, bytes);
};

export interface WriteOfficeResult {
  files: number;
  /** Files whose input was unchanged, so they were not rendered. */
  reused: number;
  removed: number;
  ms: number;
}

export async function writeOffice(jobs: OfficeJob[], opts: { outDir: string; write?: WriteBytes }): Promise<WriteOfficeResult> {
  const started = performance.now();
  const write = opts.write ?? writeIfChanged;
  const keep = new Set<string>();
  const manifest = path.join(opts.outDir, DOWNLOADS_FOLDER, "manifest.json");
  const before = new Map<string, string>();
  try {
    for (const e of JSON.parse(await fs.readFile(manifest, "utf8")) as { file: string; key?: string }[]) if (e.key) before.set(e.file, e.key);
  } catch {
    // No manifest yet (first run) or an unreadable one: render everything.
  }
  let reused = 0;
  const entries: { file: string; name: string; key: string }[] = [];
  for (const job of jobs) {
    const file = path.join(opts.outDir, ...job.path.split("/"));
    keep.add(file);
    const key = officeKey(job);
    entries.push({ file: job.path, name: job.name, key });
    if (before.get(job.path) === key && (await fs.stat(file).then((s) => s.isFile(), () => false))) {
      reused++;
      continue;
    }
    await write(file, await renderOffice(job));
  }
  // The manifest also gives each file the name a person reads (for the outbox copy or a mail script).
  keep.add(manifest);
  await write(manifest, Buffer.from(`${JSON.stringify(entries, null, 1)}\n`));
  let removed = 0;
  const dir = path.join(opts.outDir, DOWNLOADS_FOLDER);
  for (const e of await fs.readdir(dir).catch(() => [] as string[])) {
    const p = path.join(dir, e);
    if (keep.has(p) || !/\.(xlsx|docx|json)$/.test(e)) continue;
    await fs.rm(p, { force: true });
    removed++;
  }
  return { files: jobs.length, reused, removed, ms: performance.now() - started };
}
