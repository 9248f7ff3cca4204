// Renders and writes the office files (workbooks and drafts) under the site folder. Their bytes depend
// only on their input (zip-dates.ts), so a file whose bytes are already on disk is left alone (its
// time and, in a staged site, its hard link to the live file); a changed file replaces the old one
// (removed first, never written through a hard link into the live site). Files of earlier periods or
// groups that no job produces any more are removed from downloads/.
import { promises as fs } from "node:fs";
import path from "node:path";
import { renderDraft } from "../draft/bulletin-docx.ts";
import { renderCompletionWorkbook } from "../workbook/completion-workbook.ts";
import type { OfficeJob } from "./plan-office.ts";

export const DOWNLOADS_FOLDER = "downloads";

export async function renderOffice(job: OfficeJob): Promise<Buffer> {
  return job.kind === "workbook" ? renderCompletionWorkbook(job.input) : renderDraft(job.input);
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
  removed: number;
  ms: number;
}

export async function writeOffice(jobs: OfficeJob[], opts: { outDir: string; write?: WriteBytes }): Promise<WriteOfficeResult> {
  const started = performance.now();
  const write = opts.write ?? writeIfChanged;
  const keep = new Set<string>();
  for (const job of jobs) {
    const file = path.join(opts.outDir, ...job.path.split("/"));
    keep.add(file);
    await write(file, await renderOffice(job));
  }
  // The manifest gives each file the name a person reads (for an outbox copy or a mail script).
  const manifest = path.join(opts.outDir, DOWNLOADS_FOLDER, "manifest.json");
  keep.add(manifest);
  await write(manifest, Buffer.from(`${JSON.stringify(jobs.map((j) => ({ file: j.path, name: j.name })), null, 1)}\n`));
  let removed = 0;
  const dir = path.join(opts.outDir, DOWNLOADS_FOLDER);
  for (const e of await fs.readdir(dir).catch(() => [] as string[])) {
    const p = path.join(dir, e);
    if (keep.has(p) || !/\.(xlsx|docx|json)$/.test(e)) continue;
    await fs.rm(p, { force: true });
    removed++;
  }
  return { files: jobs.length, removed, ms: performance.now() - started };
}
