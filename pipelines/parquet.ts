// Exports the analyst views as Parquet files (target/parquet/<view>.parquet) for tools that read
// Parquet, or object storage once one machine is not enough. Each file is written beside its final
// name and renamed over it, so a reader never sees a half-written file.
import { promises as fs } from "node:fs";
import path from "node:path";
import { ident, literal, type Warehouse } from "./warehouse.ts";

export async function analystViews(wh: Warehouse): Promise<string[]> {
  const rows = await wh.all<{ name: string }>(
    "select view_name as name from duckdb_views() where database_name = current_database() and schema_name = 'analyst' and not internal order by 1",
  );
  return rows.map((r) => r.name);
}

/**
 * Writes `views` (default: every analyst view); returns the files written. `crashAt` is the test hook
 * (WEICI_FAIL_AT): `parquet:tmp-written` once the first file is complete beside its final name,
 * `parquet:file-<n>` after the n-th file is in place.
 */
export async function exportParquet(wh: Warehouse, dir: string, views?: readonly string[], crashAt?: (point: string) => void): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  // Temp files of an export that was killed: never renamed into place, so nobody reads them.
  for (const name of await fs.readdir(dir)) if (name.endsWith(".parquet.tmp")) await fs.rm(path.join(dir, name), { force: true });
  const all = await analystViews(wh);
  const written: string[] = [];
  for (const view of views ? all.filter((v) => views.includes(v)) : all) {
    const file = path.join(dir, `${view}.parquet`);
    const tmp = `${file}.tmp`;
    try {
      await wh.exec(`copy (select * from analyst.${ident(view)}) to ${literal(tmp)} (format parquet, compression zstd)`);
      if (written.length === 0) crashAt?.("parquet:tmp-written");
      await fs.rename(tmp, file);
    } finally {
      await fs.rm(tmp, { force: true });
    }
    written.push(file);
    crashAt?.(`parquet:file-${written.length}`);
  }
  return written;
}
