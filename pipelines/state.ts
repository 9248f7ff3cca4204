// Small facts the pipeline remembers between runs in meta.state (key → value): the fingerprints of
// the inputs behind the models, the site, the published file and the Parquet export, and the DDL the
// warehouse was last brought up to.
import { createHash } from "node:crypto";
import type { Warehouse } from "./warehouse.ts";

const ts = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

export async function readState(wh: Warehouse): Promise<Map<string, string>> {
  const rows = await wh.all<{ key: string; value: string }>("select key, value from meta.state");
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function writeState(wh: Warehouse, entries: Record<string, string>, now: Date): Promise<void> {
  for (const [key, value] of Object.entries(entries)) {
    await wh.exec("insert or replace into meta.state values (?, ?, ?::timestamp)", [key, value, ts(now)]);
  }
}

/**
 * Runs the DDL (pipelines/ddl.ts) unless this warehouse already holds exactly this text. Running it
 * again replaces every macro in the catalog, which the file then writes out at close: 0.1 s of a
 * night in which nothing changed.
 */
export async function applyDdl(wh: Warehouse, ddl: string, now: Date): Promise<void> {
  const hash = createHash("sha256").update(ddl).digest("hex");
  // A new file has no meta.state yet: the DDL creates it.
  const applied = await wh.all<{ value: string }>("select value from meta.state where key = 'ddl'").catch(() => []);
  if (applied[0]?.value === hash) return;
  await wh.exec(ddl);
  await writeState(wh, { ddl: hash }, now);
}
