// A SheetJS sheet as a grid of the texts a person sees: merged ranges filled across the whole range
// (a merged indicator name heads each of its sub-columns), a percent-formatted 0.0308 as "3.08%",
// numbers otherwise at full precision, error cells empty.
import * as XLSX from "@e965/xlsx";
import { isPercentFormat, percentText } from "../xlsx-formats.ts";

export type Grid = (string | null)[][];

function cellText(c: XLSX.CellObject | undefined): string | null {
  if (!c) return null;
  if (c.t === "n" && typeof c.v === "number") {
    if (!Number.isFinite(c.v)) return null;
    return typeof c.z === "string" && isPercentFormat(c.z) ? percentText(c.v) : String(c.v);
  }
  if (c.t === "s") {
    const t = String(c.v ?? "").replace(/\u00a0/g, " ").trim();
    return t === "" ? null : t;
  }
  if (c.t === "b") return String(c.v);
  if (c.t === "d" && c.v instanceof Date) return c.v.toISOString().slice(0, 10);
  return null;
}

export function sheetGrid(ws: XLSX.WorkSheet, fillMerges = true): Grid {
  const ref = ws["!ref"];
  if (!ref) return [];
  const range = XLSX.utils.decode_range(ref);
  const grid: Grid = [];
  for (let r = 0; r <= range.e.r; r++) {
    const row: (string | null)[] = [];
    for (let c = 0; c <= range.e.c; c++) row.push(cellText(ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined));
    grid.push(row);
  }
  for (const m of fillMerges ? (ws["!merges"] ?? []) : []) {
    const v = grid[m.s.r]?.[m.s.c] ?? null;
    for (let r = m.s.r; r <= m.e.r; r++) for (let c = m.s.c; c <= m.e.c; c++) if (grid[r]) grid[r]![c] = v;
  }
  return grid;
}

/** Excel's name of a 0-based column: A … Z, AA, AB, … */
export const columnLetter = (i: number): string => (i >= 26 ? columnLetter(Math.floor(i / 26) - 1) : "") + String.fromCharCode(65 + (i % 26));

/** 0-based index of a column letter (B → 1), or undefined. */
export function columnIndex(letter: string): number | undefined {
  if (!/^[A-Za-z]{1,3}$/.test(letter)) return undefined;
  return [...letter.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}
