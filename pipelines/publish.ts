// Publishes the working warehouse as a complete, checkpointed copy for analysts: copy into a temp file
// beside the published one, keep the old one as *.prev.duckdb, then rename the copy over the published
// file (atomic). Readers that hold the old file keep their snapshot; new opens see the new data.
// When no input changed the published file is left as it is: its data is the same, and copying a
// national warehouse (890 MB) only to add a run-log row was most of such a night. That night's run log
// reaches analysts through the run-log Parquet files and `weici status`, and the next publish.
//
// A process holding the published file open READ-WRITE (an analyst's mistake) blocks the publish with
// a message naming it: DuckDB keeps such a session's changes in `<file>.wal` by *name*, so after a
// rename every new reader of the new file would replay that foreign log onto it. A `.wal` left by a
// session that is gone belongs to the old file and moves with it to `.prev.duckdb.wal`.
import { constants, promises as fs } from "node:fs";
import path from "node:path";
import { LockError, PipelineError } from "./errors.ts";
import { explainStorageError, StorageError } from "./storage.ts";
import { literal, type Warehouse } from "./warehouse.ts";

export interface PublishOptions {
  /** Test hook at named points (WEICI_FAIL_AT): publish:checkpoint, publish:attached, publish:copied, publish:rename, publish:prev-linked, publish:prev-renamed. */
  crashAt?: (point: string) => void;
}

/** Another process holds the published (or previous) warehouse open read-write: publishing now would mix its changes into the new file. */
export class PublishBlockedError extends LockError {}

export function prevPath(published: string): string {
  return published.replace(/\.duckdb$/, "") + ".prev.duckdb";
}

const DEST_FAULTS = new Set(["ENOSPC", "EDQUOT", "EACCES", "EPERM", "EROFS"]);
const tmpPath = (published: string) => `${published}.tmp-${process.pid}`;
const walPath = (db: string) => `${db}.wal`;
const exists = (p: string) => fs.lstat(p).then(() => true, () => false);

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

/**
 * Throws PublishBlockedError when another process has `file` open read-write. DuckDB locks a file it
 * opens read-write exclusively, so a read-only attach fails with "Conflicting lock is held in <program>
 * (PID <n>)"; read-only sessions share the lock and never block. Other failures (a damaged file) are
 * returned as text: the caller decides whether it needs the file's content.
 */
export async function checkNotHeldReadWrite(wh: Warehouse, file: string): Promise<string | undefined> {
  if (!(await exists(file))) return undefined;
  try {
    await wh.exec(`attach ${literal(file)} as weici_probe (read_only)`);
  } catch (e) {
    const msg = (e as Error).message;
    const holder = /Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(msg);
    if (holder || /conflicting lock/i.test(msg)) {
      const who = holder ? `${holder[1]} (pid ${holder[2]})` : "another process";
      throw new PublishBlockedError(
        `cannot publish: ${file} is open read-write by ${who}. DuckDB would write that session's changes ` +
          `(${path.basename(walPath(file))}) into the new file, so this run publishes nothing. Close that connection and run again; ` +
          `analysts should open the warehouse read-only (duckdb -readonly ${path.basename(file)}; Python duckdb.connect(path, read_only=True); R dbConnect(duckdb(), path, read_only = TRUE); Node access_mode READ_ONLY; or weici query), which never blocks a run. ` +
          `The previous warehouse stays in place and the new data waits in the work folder for the next run.`,
        { cause: e },
      );
    }
    return msg.split("\n")[0];
  }
  await wh.exec("detach weici_probe");
  return undefined;
}

export async function publishWarehouse(wh: Warehouse, published: string, opts: PublishOptions = {}): Promise<{ bytes: number }> {
  await explaining(published, () => fs.mkdir(path.dirname(published), { recursive: true }));
  await checkNotHeldReadWrite(wh, published);
  await checkNotHeldReadWrite(wh, prevPath(published));
  const tmp = tmpPath(published);
  await explaining(published, () => fs.rm(tmp, { force: true }));
  const work = (await wh.one<{ path: string }>("select path from duckdb_databases() where database_name = current_database()"))!.path;
  await writeCopy(tmp, published, async () => {
    // After a checkpoint the work file holds every committed change and DuckDB writes nothing to it until
    // the next statement, so a file-level copy is a complete database. `copy from database` rewrote every
    // table block by block instead: 53 s against 1.7 s for the national data (890 MB).
    await wh.exec("checkpoint");
    opts.crashAt?.("publish:checkpoint");
    await fs.copyFile(work, tmp, constants.COPYFILE_FICLONE).catch((e: NodeJS.ErrnoException) => {
      // Node names the source of a failed copy; a full disk or a read-only folder is the copy's fault.
      if (e.code && DEST_FAULTS.has(e.code)) Object.assign(e, { path: tmp, syscall: "write" });
      throw e;
    });
    opts.crashAt?.("publish:copied");
    // Opening the copy (read-only: nothing to write) proves it is a database before it replaces anything.
    await wh.exec(`attach ${literal(tmp)} as weici_publish (read_only)`);
    opts.crashAt?.("publish:attached");
    await wh.exec("detach weici_publish");
  });
  return replacePublished(tmp, published, opts);
}

/**
 * Why a night whose data is unchanged must still copy the warehouse, or undefined when the published
 * file can stay: a file that does not open is replaced, and one with another session's log beside it
 * (a read-write session that was killed) would replay that log onto every new reader.
 */
export async function republishReason(wh: Warehouse, published: string): Promise<string | undefined> {
  if (!(await exists(published))) return "there is no published file";
  if (await exists(walPath(published))) return `${path.basename(walPath(published))} was left beside it by another session`;
  try {
    await wh.exec(`attach ${literal(published)} as weici_probe (read_only)`);
  } catch (e) {
    const msg = (e as Error).message;
    // Held read-write by someone: the file is untouched by this run, so there is nothing to block.
    if (/conflicting lock/i.test(msg)) return undefined;
    return `the published file cannot be read (${msg.split("\n")[0]})`;
  }
  await wh.exec("detach weici_probe");
  return undefined;
}

async function explaining<T>(published: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const err = explainStorageError(e);
    if (err instanceof StorageError) throw new StorageError(err.path, err.code, `${err.message}. The published warehouse ${published} is unchanged.`, { cause: e });
    throw err;
  }
}

async function writeCopy(tmp: string, published: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    await fs.rm(walPath(tmp), { force: true }).catch(() => undefined);
    const err = explainStorageError(e, tmp);
    if (err instanceof StorageError) {
      throw new StorageError(err.path, err.code, `could not write the published copy: ${err.message}. The published warehouse ${published} is unchanged.`, { cause: e });
    }
    throw new PipelineError(`could not write the published copy ${tmp}: ${(e as Error).message.split("\n")[0]}; check free disk space and that ${path.dirname(published)} is writable. The published warehouse is unchanged.`, { cause: e });
  }
}

async function replacePublished(tmp: string, published: string, opts: PublishOptions): Promise<{ bytes: number }> {
  opts.crashAt?.("publish:rename");
  try {
    const prev = prevPath(published);
    if (await exists(published)) {
      // A hard link keeps the old file reachable as .prev without a moment where the published path is missing.
      await fs.rm(`${prev}.tmp`, { force: true });
      await fs.link(published, `${prev}.tmp`).catch(() => fs.copyFile(published, `${prev}.tmp`));
      opts.crashAt?.("publish:prev-linked");
      // The old .prev's log (if any) does not belong to the file about to take its name.
      await fs.rm(walPath(prev), { force: true });
      await fs.rename(`${prev}.tmp`, prev);
      // When .prev already is the published file (a run killed right here), the rename of one link of
      // a file onto another link of it does nothing (POSIX) and leaves the temp name behind.
      await fs.rm(`${prev}.tmp`, { force: true });
      opts.crashAt?.("publish:prev-renamed");
      // A log left beside the published file by a session that is gone belongs to the old file: it goes with it.
      if (await exists(walPath(published))) await fs.rename(walPath(published), walPath(prev));
    }
    await fs.rename(tmp, published);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const err = explainStorageError(e);
    if (err instanceof StorageError) {
      throw new StorageError(err.path, err.code, `could not replace ${published}: ${err.message}. The previous warehouse is unchanged.`, { cause: e });
    }
    throw new PipelineError(`could not replace ${published}: ${(e as Error).message}; the previous warehouse is unchanged`, { cause: e });
  }
  return { bytes: (await fs.stat(published)).size };
}
