// Publishes the working warehouse as a complete, checkpointed copy for analysts: copy into a temp file
// beside the published one, keep the old one as *.prev.duckdb, then rename the copy over the published
// file (atomic). Readers that hold the old file keep their snapshot; new opens see the new data.
import { promises as fs } from "node:fs";
import path from "node:path";
import { PipelineError } from "./errors.ts";
import { ident, literal, type Warehouse } from "./warehouse.ts";

export function prevPath(published: string): string {
  return published.replace(/\.duckdb$/, "") + ".prev.duckdb";
}

export async function publishWarehouse(wh: Warehouse, published: string): Promise<{ bytes: number }> {
  await fs.mkdir(path.dirname(published), { recursive: true });
  const tmp = `${published}.tmp-${process.pid}`;
  await fs.rm(tmp, { force: true });
  const db = (await wh.one<{ name: string }>("select current_database() as name"))!.name;
  try {
    await wh.exec("checkpoint");
    await wh.exec(`attach ${literal(tmp)} as weici_publish`);
    try {
      await wh.exec(`copy from database ${ident(db)} to weici_publish`);
    } finally {
      await wh.exec("detach weici_publish");
    }
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw new PipelineError(`could not write the published copy ${tmp}: ${(e as Error).message.split("\n")[0]}; check free disk space and that ${path.dirname(published)} is writable`, { cause: e });
  }
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
