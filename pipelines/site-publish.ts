// Publishes the site as a whole, like the warehouse: pages are written into `<site>.next`, a hard-link
// clone of the live site (an unchanged page keeps its file and time; nothing is copied), and once the
// warehouse is published the folders are swapped: `<site>` → `<site>.old`, `<site>.next` → `<site>`.
// Whoever reads or serves the site sees the previous complete site or the new one, never a mix of
// the two and never a half-written page; a run killed while writing pages leaves the live site as it
// was. The swap is two renames in a row; a run killed between them leaves no `<site>`, and the next
// run puts the complete new (or else the old) site back before anything else.
import { promises as fs } from "node:fs";
import path from "node:path";
import { explainStorageError } from "./storage.ts";

export interface SiteStage {
  /** The folder the pages are written to. */
  dir: string;
  /** Writes one page into the stage; never writes through a hard link into a live file. */
  writeFile(p: string, content: string): Promise<void>;
  /** Swaps the stage in as the site. */
  commit(): Promise<void>;
  /** Removes the stage (the run failed); the live site is untouched. */
  discard(): Promise<void>;
}

const exists = (p: string) => fs.lstat(p).then(() => true, () => false);

/** The live folder: a site_dir that is a symlink (e.g. to a web server's folder) is swapped where it points. */
async function liveDir(siteDir: string): Promise<string> {
  return fs.realpath(siteDir).catch(() => path.resolve(siteDir));
}

export const stagePaths = (live: string) => ({ next: `${live}.next`, old: `${live}.old` });

async function forEachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

/** Recreates `from` under `to`: folders made, files hard-linked (copied where links are not possible), symlinks kept. */
async function cloneTree(from: string, to: string): Promise<number> {
  const files: string[] = [];
  const links: string[] = [];
  await fs.mkdir(to, { recursive: true });
  const walk = async (rel: string) => {
    for (const e of await fs.readdir(path.join(from, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) {
        await fs.mkdir(path.join(to, r));
        await walk(r);
      } else if (e.isSymbolicLink()) links.push(r);
      else files.push(r);
    }
  };
  await walk("");
  await forEachLimit(files, 32, async (r) => {
    await fs.link(path.join(from, r), path.join(to, r)).catch(() => fs.copyFile(path.join(from, r), path.join(to, r)));
  });
  for (const r of links) await fs.symlink(await fs.readlink(path.join(from, r)), path.join(to, r));
  return files.length;
}

/**
 * Prepares `<site>.next` from the live site. `write` writes a file (creating folders); `crashAt` is the
 * test hook (WEICI_FAIL_AT) with `site:swap` (between the two renames) and `site:swapped`.
 */
export async function stageSite(siteDir: string, opts: { write: (p: string, content: string) => Promise<void>; crashAt?: (point: string) => void }): Promise<SiteStage> {
  const live = await liveDir(siteDir);
  const { next, old } = stagePaths(live);
  await fs.rm(next, { recursive: true, force: true });
  if (await exists(live)) await cloneTree(live, next);
  else await fs.mkdir(next, { recursive: true });
  return {
    dir: next,
    async writeFile(p, content) {
      // The stage's files are hard links to the live ones: replace the link, never write into it.
      try {
        await fs.rm(p, { force: true });
        await opts.write(p, content);
      } catch (e) {
        // fs.writeFile's ENOSPC names no file: this one does.
        throw explainStorageError(e, p);
      }
    },
    async commit() {
      await fs.rm(old, { recursive: true, force: true });
      const had = await exists(live);
      if (had) await fs.rename(live, old);
      opts.crashAt?.("site:swap");
      try {
        await fs.rename(next, live);
      } catch (e) {
        if (had) await fs.rename(old, live).catch(() => undefined);
        throw e;
      }
      opts.crashAt?.("site:swapped");
      await fs.rm(old, { recursive: true, force: true });
    },
    async discard() {
      await fs.rm(next, { recursive: true, force: true });
    },
  };
}

/**
 * Repairs what a killed run left (the caller holds the run lock): a site missing between the two
 * renames of a swap gets the complete new site back (else the old one), and leftover stage and old
 * folders are removed. Returns what it did, for the log.
 */
export async function recoverSite(siteDir: string): Promise<string[]> {
  const live = await liveDir(siteDir);
  const { next, old } = stagePaths(live);
  const done: string[] = [];
  if (!(await exists(live)) && (await exists(old))) {
    // Between the renames the stage was complete (it is renamed only after every page is written).
    const from = (await exists(next)) ? next : old;
    await fs.rename(from, live);
    done.push(`restored ${live} from ${path.basename(from)}`);
  }
  for (const p of [next, old]) {
    if (await exists(p)) {
      await fs.rm(p, { recursive: true, force: true });
      done.push(`removed ${path.basename(p)}`);
    }
  }
  return done;
}
