// Small facts the pipeline remembers between runs in meta.state (key → value): the fingerprints of
// the inputs behind the models, the site, the published file and the Parquet export.
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
