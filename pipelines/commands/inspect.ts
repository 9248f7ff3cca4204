// `weici inspect FILE [--sheet NAME]`: how weici understands a bureau table without loading anything
// (no warehouse needed): container and encoding, each table (sheet, header rows, layout), the column
// → (indicator, measure, unit) map, the period and where it came from, and what becomes of each row.
import path from "node:path";
import type { IndicatorCatalog } from "../../sources/catalog.ts";
import { TableReadError, type TableReadResult, readTableFile } from "../../sources/table/read-table.ts";
import type { LayoutHint } from "../../sources/table/types.ts";
import { SourceError } from "../errors.ts";

export interface InspectDeps {
  stdout: (s: string) => void;
  readFile: (p: string) => Promise<Buffer>;
  catalog?: IndicatorCatalog;
}

const MEASURE_WORDS: Record<string, string> = {
  value: "value (ours)", prev: "reported 去年同期", yoy: "reported 同比 %", pp_change: "reported 百分点 change", share: "share (not loaded)",
  rank: "reported rank", increment: "increment (not loaded)", month_only: "this month only (not loaded)",
};

export function formatInspect(file: string, r: TableReadResult, catalog?: IndicatorCatalog): string {
  const out: string[] = [`${file}`, `  container  ${r.container}${r.encoding ? ` (${r.encoding === "gb18030" ? "GBK/GB18030" : r.encoding.toUpperCase()})` : ""}`];
  for (const s of r.skipped) out.push(`  skipped    sheet ${s.sheet}: ${s.reason}`);
  for (const t of r.tables) {
    out.push("", `  sheet ${t.sheet}: ${t.layout} table, header rows ${t.headerRows[0]}-${t.headerRows[1]}, districts in ${t.regionAt}`);
    out.push(t.period ? `  period     ${t.period.year}-${String(t.period.month).padStart(2, "0")} (1-${t.period.month}月), from the ${t.period.from}: "${t.period.text.slice(0, 60)}"` : "  period     from a 年份/月份 column");
    out.push("  columns");
    for (const c of t.columns) {
      const known = c.indicator && c.role === "measure" && t.layout !== "transposed" ? (catalog?.resolve(c.indicator) ? ` → ${catalog.resolve(c.indicator)!.code}` : catalog ? " → not in the catalog (quarantined as unknown indicator)" : "") : "";
      const what = c.role === "measure" ? `${t.layout === "transposed" ? "district " : ""}${c.indicator}${known} · ${MEASURE_WORDS[c.measure ?? "value"]}${c.unit ? ` · ${c.unit}` : ""}` : c.role;
      out.push(`    ${c.letter.padEnd(3)} ${JSON.stringify(c.header).slice(0, 48).padEnd(50)} ${what}${c.note ? ` (${c.note})` : ""}`);
    }
    out.push("  rows");
    for (const row of t.rows.slice(0, 40)) out.push(`    ${String(row.row).padStart(4)}  ${(row.label ?? "").slice(0, 24).padEnd(26)} ${row.outcome}`);
    if (t.rows.length > 40) out.push(`    … ${t.rows.length - 40} more rows`);
  }
  const unknown = new Set(r.rows.filter((x) => catalog && !catalog.resolve(x.indicator_name ?? "")).map((x) => x.indicator_name));
  out.push("", `  ${r.rows.length} figures would load (${r.rows.filter((x) => x.row_role === "total").length} of them table totals); ${r.rejected.length} rows quarantined here` +
    (unknown.size ? `; unknown indicators: ${[...unknown].join(", ")}` : ""));
  for (const q of r.rejected.slice(0, 10)) out.push(`    row ${q.row_number}: ${q.reason}`);
  return `${out.join("\n")}\n`;
}

export async function inspectCommand(file: string, opts: { sheet?: string; hint?: LayoutHint }, deps: InspectDeps): Promise<number> {
  const buf = await deps.readFile(file).catch((e: unknown) => {
    throw new SourceError("inspect", `cannot read the file (${(e as Error).message})`, { file });
  });
  try {
    const r = readTableFile(buf, { file: path.basename(file), sheet: opts.sheet, hint: opts.hint, catalog: deps.catalog });
    deps.stdout(formatInspect(file, r, deps.catalog));
    return 0;
  } catch (e) {
    if (e instanceof TableReadError) throw new SourceError("inspect", `${e.message}`, { file });
    throw e;
  }
}
