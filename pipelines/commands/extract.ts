// `weici extract FILE [--json]`: reads one report (UTF-8 or GBK), extracts its figures and prints them
// as JSON Lines (one figure per line) or as a table for reading.
import { loadCatalog, type IndicatorCatalog } from "../../sources/catalog.ts";
import { decodeReport } from "../../sources/report-text/decode.ts";
import { extractFigures, type Figure } from "../../sources/report-text/extract.ts";
import { SourceError } from "../errors.ts";

export interface ExtractIo {
  stdout: (s: string) => void;
  readFile: (p: string) => Promise<Buffer>;
}

/** Prints the figures of `file`; returns the exit code (0). An unreadable file throws SourceError. */
export async function extractCommand(
  file: string,
  opts: { json: boolean },
  io: ExtractIo,
  catalog: IndicatorCatalog = loadCatalog(),
): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = await io.readFile(file);
  } catch (e) {
    throw new SourceError("report-text", `cannot read ${file}: ${(e as Error).message}; check the path and permissions`, {
      file,
      cause: e,
    });
  }
  const figures = extractFigures(decodeReport(bytes), catalog);
  if (opts.json) {
    // JSON Lines: one object per line, so `| jq` and line-based tools work.
    io.stdout(figures.map((f) => `${JSON.stringify(f)}\n`).join(""));
  } else {
    io.stdout(`${formatTable(file, figures)}\n`);
  }
  return 0;
}

const COLUMNS: [string, (f: Figure) => string][] = [
  ["offset", (f) => String(f.offset)],
  ["kind", (f) => f.kind],
  ["text", (f) => f.text],
  ["value", (f) => (f.value === null ? "(masked)" : String(f.value))],
  ["unit", (f) => f.unit],
  ["indicator", (f) => f.indicator],
  ["code", (f) => f.indicator_code ?? ""],
  ["scope", (f) => f.scope ?? ""],
  ["period", (f) => f.period ?? ""],
];

// CJK characters take two columns in a terminal; pad by display width so the columns line up.
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, w: number): string {
  return s + " ".repeat(Math.max(0, w - width(s)));
}

/** Human-readable table of figures, with a count line. */
export function formatTable(file: string, figures: readonly Figure[]): string {
  if (figures.length === 0) return `${file}: no figures found`;
  const rows = figures.map((f) => COLUMNS.map(([, get]) => get(f)));
  const widths = COLUMNS.map(([h], i) => Math.min(40, Math.max(width(h), ...rows.map((r) => width(r[i]!)))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!)).join("  ").trimEnd();
  return [
    `${file}: ${figures.length} figure(s)`,
    line(COLUMNS.map(([h]) => h)),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ].join("\n");
}
