// Where the districts are: down a column (a wide table, one row per district) or across a row (a
// transposed table, one column per district). Counted, never guessed: two columns or a column and a
// row that both hold district names are refused with the hint that settles it.
import type { Grid } from "./grid.ts";
import { isTotal, looksLikeRegion } from "./row-roles.ts";

export interface Axis {
  kind: "column" | "row";
  index: number;
  count: number;
  /** A column of 6-digit codes beside the names (wide tables). */
  codeColumn?: number;
}

const isCode = (s: string | null) => s !== null && /^\d{6}$/.test(s.trim());
const regionish = (s: string | null) => looksLikeRegion(s) || isTotal(s);

export type AxisResult = { axis: Axis } | { none: true } | { ambiguous: string };

export function findRegionAxis(grid: Grid, letter: (c: number) => string): AxisResult {
  const width = Math.max(0, ...grid.map((r) => r.length));
  const cols = Array.from({ length: width }, (_, c) => ({
    c,
    names: grid.filter((r) => regionish(r[c] ?? null) && !isCode(r[c] ?? null)).length,
    codes: grid.filter((r) => isCode(r[c] ?? null)).length,
  }));
  const rows = grid.map((r, i) => ({ i, names: r.filter((v) => regionish(v) && !isCode(v)).length }));
  const byNames = [...cols].sort((a, b) => b.names - a.names);
  const bestRow = [...rows].sort((a, b) => b.names - a.names)[0];
  const bestCol = byNames[0];
  const codeCol = [...cols].sort((a, b) => b.codes - a.codes)[0];
  const colOk = bestCol && bestCol.names >= 2;
  const rowOk = bestRow && bestRow.names >= 2;
  if (colOk && rowOk && bestRow.names >= 3 && bestCol.names >= 3) {
    return { ambiguous: `district names run both down column ${letter(bestCol.c)} (${bestCol.names}) and across row ${bestRow.i + 1} (${bestRow.names}); set "region_column": "${letter(bestCol.c)}" for one row per district or "region_row": ${bestRow.i + 1} for one column per district` };
  }
  if (colOk && (!rowOk || bestCol.names >= bestRow.names)) {
    const second = byNames[1];
    if (second && second.names === bestCol.names && second.names >= 2) {
      return { ambiguous: `columns ${letter(bestCol.c)} and ${letter(second.c)} both hold ${bestCol.names} district names; set "region_column" to the one to read` };
    }
    const codes = codeCol && codeCol.codes >= 2 && codeCol.c !== bestCol.c ? codeCol.c : undefined;
    return { axis: { kind: "column", index: bestCol.c, count: bestCol.names, codeColumn: codes } };
  }
  if (rowOk) return { axis: { kind: "row", index: bestRow.i, count: bestRow.names } };
  if (codeCol && codeCol.codes >= 2) return { axis: { kind: "column", index: codeCol.c, count: codeCol.codes } };
  return { none: true };
}
