// Publishes the working warehouse as a complete, checkpointed copy for analysts: copy into a temp file
// beside the published one, keep the old one as *.prev.duckdb, then rename the copy over the published
// file (atomic). Readers that hold the old file keep their snapshot; new opens see the new data.
// When no input changed, only the run log is new: the published file is copied at file level, the
// run log rows are replaced in the copy, and the copy is renamed over it the same way.
import { constants, promises as fs } from "node:fs";
import path from "node:path";
import { PipelineError } from "./errors.ts";
import { ident, literal, type Warehouse } from "./warehouse.ts";

export interface PublishOptions {
  /** Called with the complete copy in place, just before the rename (a test hook for crashes). */
  beforeRename?: () => void;
}

/** The run log tables a run-log-only publish refreshes. */
const RUN_LOG_TABLES = ["meta.runs", "meta.run_steps", "meta.loads"] as const;

export function prevPath(published: string): string {
  return published.replace(/\.duckdb$/, "") + ".prev.duckdb";
}

const tmpPath = (published: string) => `${published}.tmp-${process.pid}`;

/** Identity of the published file (inode, size, mtime): tells whether it is still the copy we made. */
export async function publishedStamp(published: string): Promise<string | undefined> {
  const st = await fs.stat(published, { bigint: true }).catch(() => undefined);
  return st && `${st.ino}:${st.size}:${st.mtimeNs}`;
}

/** Removes temp copies a crashed run left behind (the caller holds the run lock). */
export async function removeStaleTemps(published: string): Promise<string[]> {
  const dir = path.dirname(published);
  const base = path.basename(published);
  const prevTmp = `${path.basename(prevPath(published))}.tmp`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => n.startsWith(`${base}.tmp-`) || n === prevTmp);
  for (const n of stale) await fs.rm(path.join(dir, n), { force: true });
  return stale;
}

export async function publishWarehouse(wh: Warehouse, published: string, opts: PublishOptions = {}): Promise<{ bytes: number }> {
  await fs.mkdir(path.dirname(published), { recursive: true });
  const tmp = tmpPath(published);
  await fs.rm(tmp, { force: true });
  const db = (await wh.one<{ name: string }>("select current_database() as name"))!.name;
  await writeCopy(tmp, published, async () => {
    await wh.exec("checkpoint");
    await withAttached(wh, tmp, () => wh.exec(`copy from database ${ident(db)} to weici_publish`));
  });
  return replacePublished(tmp, published, opts);
}

/** Publishes only the run log into a file-level copy of the published warehouse (data unchanged). */
export async function publishRunLog(wh: Warehouse, published: string, opts: PublishOptions = {}): Promise<{ bytes: number }> {
  const tmp = tmpPath(published);
  await fs.rm(tmp, { force: true });
  await writeCopy(tmp, published, async () => {
    // A clone where the file system supports it, else a plain copy; readers of the published file are undisturbed.
    await fs.copyFile(published, tmp, constants.COPYFILE_FICLONE);
    await withAttached(wh, tmp, async () => {
      for (const t of RUN_LOG_TABLES) {
        await wh.exec(`delete from weici_publish.${t}; insert into weici_publish.${t} by name select * from ${t};`);
      }
    });
  });
  return replacePublished(tmp, published, opts);
}

async function withAttached(wh: Warehouse, file: string, fn: () => Promise<void>): Promise<void> {
  await wh.exec(`attach ${literal(file)} as weici_publish`);
  try {
    await fn();
  } finally {
    // Detaching checkpoints the copy: it is complete, with no WAL beside it.
    await wh.exec("detach weici_publish");
  }
}

async function writeCopy(tmp: string, published: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    await fs.rm(tmp, { force: true });
    await fs.rm(`${tmp}.wal`, { force: true });
    throw new PipelineError(`could not write the published copy ${tmp}: ${(e as Error).message.split("\n")[0]}; check free disk space and that ${path.dirname(published)} is writable`, { cause: e });
  }
}

async function replacePublished(tmp: string, published: string, opts: PublishOptions): Promise<{ bytes: number }> {
  opts.beforeRename?.();
  try {
    const prev = prevPath(published);
    const hasOld = await fs.stat(published).then(() => true, () => false);
    if (hasOld) {
      // A hard link keeps the old file reachable as .prev without a moment where the published path is missing.
      await fs.rm(`${prev}.tmp`, { force: true });
      await fs.link(published, `${prev}.tmp`).catch(() => fs.copyFile(published, `${prev}.tmp`));
      await fs.rename(`${prev}.tmp`, prev);
    }
    await fs.rename(tmp, published);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw new PipelineError(`could not replace ${published}: ${(e as Error).message}; the previous warehouse is unchanged`, { cause: e });
  }
  return { bytes: (await fs.stat(published)).size };
}
