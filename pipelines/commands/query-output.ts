// Formats a query result the way `weici query` hands it over: an aligned table for the terminal
// (Chinese characters take two columns), CSV that Excel opens (UTF-8 with BOM, reports/csv.ts), JSON
// Lines with numbers as numbers, and an .xlsx workbook with a header row and number cells.
import { toCsv } from "../../reports/csv.ts";

export interface QueryResult {
  columns: { name: string; type: string }[];
  /** Values as DuckDB's JSON rows give them: BIGINT/DECIMAL as exact strings, dates as ISO text. */
  rows: unknown[][];
}

const NUMERIC = /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|FLOAT|DOUBLE|REAL|DECIMAL\(\d+,\d+\))$/;
export const isNumericType = (type: string) => NUMERIC.test(type);

/** The text of one cell: nested values (lists, structs) as JSON, null as empty. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/**
 * Terminal columns a string takes: East Asian wide and fullwidth characters (汉字, fullwidth
 * punctuation, Hangul, kana) take two, combining marks none, everything else one.
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (/\p{Mn}|\p{Me}|\p{Cf}/u.test(ch)) continue;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x1f300 && c <= 0x1f64f) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
  }
  return w;
}

const pad = (s: string, width: number, right: boolean) => {
  const fill = " ".repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
};

/** An aligned table: numbers right-aligned, text left-aligned, NULL shown as NULL, then the row count. */
export function formatTable(r: QueryResult, maxRows = Infinity): string {
  const shown = r.rows.slice(0, maxRows);
  const numeric = r.columns.map((c) => isNumericType(c.type));
  const cells = shown.map((row) => row.map((v) => (v === null ? "NULL" : cellText(v).replace(/\r?\n/g, "↵"))));
  const widths = r.columns.map((c, i) => Math.max(displayWidth(c.name), ...cells.map((row) => displayWidth(row[i]!))));
  const line = (row: string[], header = false) => row.map((s, i) => pad(s, widths[i]!, !header && numeric[i]!)).join("  ").trimEnd();
  const out = [line(r.columns.map((c) => c.name), true), widths.map((w) => "─".repeat(w)).join("  "), ...cells.map((row) => line(row))];
  const more = r.rows.length - shown.length;
  out.push(`(${r.rows.length.toLocaleString("en-US")} row${r.rows.length === 1 ? "" : "s"}${more > 0 ? `, first ${shown.length.toLocaleString("en-US")} shown; use --format csv --out FILE for all` : ""})`);
  return `${out.join("\n")}\n`;
}

export function formatCsv(r: QueryResult): string {
  return toCsv(r.columns.map((c) => c.name), r.rows.map((row) => row.map(cellText)));
}

/** A JSON value for a cell: numeric columns as numbers when exact in a double, else the exact string. */
function jsonValue(v: unknown, numeric: boolean): unknown {
  if (!numeric || typeof v !== "string") return v;
  const n = Number(v);
  if (!Number.isFinite(n)) return v;
  return /^-?\d+$/.test(v) && !Number.isSafeInteger(n) ? v : n;
}

/** One JSON object per row, keys in column order. */
export function formatJsonLines(r: QueryResult): string {
  const numeric = r.columns.map((c) => isNumericType(c.type));
  return r.rows.map((row) => JSON.stringify(Object.fromEntries(r.columns.map((c, i) => [c.name, jsonValue(row[i], numeric[i]!)])))).join("\n") + (r.rows.length ? "\n" : "");
}

/** An .xlsx workbook: one sheet, a bold frozen header row, number cells for numeric columns, dates as dates. */
export async function formatXlsx(r: QueryResult, sheetName = "query"): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "weici";
  const ws = wb.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  const numeric = r.columns.map((c) => isNumericType(c.type));
  const dated = r.columns.map((c) => (c.type === "DATE" ? "date" : c.type.startsWith("TIMESTAMP") ? "timestamp" : undefined));
  ws.addRow(r.columns.map((c) => c.name)).font = { bold: true };
  for (const row of r.rows) {
    ws.addRow(row.map((v, i) => {
      if (v === null || v === undefined) return null;
      if (numeric[i]) return typeof v === "number" ? v : Number(v);
      if (dated[i] && typeof v === "string") return new Date(`${v.replace(" ", "T")}${/[+-]\d\d(:?\d\d)?$|Z$/.test(v) ? "" : "Z"}`);
      return cellText(v);
    }));
  }
  r.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (dated[i]) col.numFmt = dated[i] === "date" ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm:ss";
    const longest = Math.max(displayWidth(c.name), ...r.rows.slice(0, 500).map((row) => displayWidth(cellText(row[i]))));
    col.width = Math.min(60, Math.max(8, longest + 2));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
