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

/** Writes `views` (default: every analyst view); returns the files written. */
export async function exportParquet(wh: Warehouse, dir: string, views?: readonly string[]): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const all = await analystViews(wh);
  const written: string[] = [];
  for (const view of views ? all.filter((v) => views.includes(v)) : all) {
    const file = path.join(dir, `${view}.parquet`);
    const tmp = `${file}.tmp`;
    try {
      await wh.exec(`copy (select * from analyst.${ident(view)}) to ${literal(tmp)} (format parquet, compression zstd)`);
      await fs.rename(tmp, file);
    } finally {
      await fs.rm(tmp, { force: true });
    }
    written.push(file);
  }
  return written;
}
