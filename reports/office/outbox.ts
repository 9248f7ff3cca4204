// Copies the published office files to an outbox folder for mailing (`outbox_dir` in the config),
// under the names a person reads (downloads/manifest.json). Runs after the site is swapped in, so
// the outbox never gets files of a run that failed; a file already there with the same bytes is left
// alone, and only files the manifest names are touched: the outbox may hold anything else.
import { promises as fs } from "node:fs";
import path from "node:path";
import { DOWNLOADS_FOLDER, writeIfChanged } from "./write-office.ts";

export async function copyToOutbox(siteDir: string, outboxDir: string): Promise<number> {
  const manifest = path.join(siteDir, DOWNLOADS_FOLDER, "manifest.json");
  const text = await fs.readFile(manifest, "utf8").catch(() => null);
  if (text == null) return 0;
  const entries = JSON.parse(text) as { file: string; name: string }[];
  for (const e of entries) {
    // Names are built from group names and periods; keep them inside the outbox whatever they hold.
    const name = e.name.replace(/[\\/:*?"<>|]/g, "_");
    await writeIfChanged(path.join(outboxDir, name), await fs.readFile(path.join(siteDir, ...e.file.split("/"))));
  }
  return entries.length;
}
