// Finds the header band of a table: the rows between the captions (title, unit row) and the first
// row of data, and each column's path of header words from top to bottom (merged cells already
// filled across, so an indicator merged over 本年累计 / 同比 / 位次 heads each of them).
import type { Grid } from "./grid.ts";
import { rowKey } from "./row-roles.ts";
import { unitRow } from "./units.ts";

export interface HeaderBand {
  /** 0-based first and last header row. */
  top: number;
  bottom: number;
  /** Rows above the band: title, caption and unit lines. */
  captions: string[];
  units: string[] | null;
  paths: string[][];
  /** rowKey of each header row, to recognise the header printed again further down. */
  keys: Set<string>;
}

const distinct = (row: readonly (string | null)[]) => new Set(row.filter((c): c is string => c !== null && c.trim() !== ""));

/** A unit line or a filing caption (填报单位：…): a caption whatever else the row holds. */
const isCaptionText = (row: readonly (string | null)[]) => unitRow(row) !== null || row.some((c) => c !== null && /^(填报单位|制表单位|报送单位|编制单位)[:：]/.test(c));

/** A title or caption line: one text (merged across, or alone), or a unit line. */
export function isCaptionRow(row: readonly (string | null)[]): boolean {
  return distinct(row).size <= 1 || isCaptionText(row);
}

/** The band ending just above `dataStart` (0-based), or the rows a hint names. */
export function headerBand(grid: Grid, dataStart: number, hint?: [number, number]): HeaderBand | null {
  let top: number;
  let bottom: number;
  if (hint) [top, bottom] = hint;
  else {
    bottom = dataStart - 1;
    // Blank lines and a group heading over the first districts (城区, 县（市）: one label, no figures) sit
    // between the header and the data.
    while (bottom >= 0 && distinct(grid[bottom]!).size <= 1 && !isCaptionText(grid[bottom]!)) bottom--;
    if (bottom < 0 || isCaptionRow(grid[bottom]!)) return null;
    top = bottom;
    while (top - 1 >= 0 && !isCaptionRow(grid[top - 1]!)) top--;
  }
  const captionRows = grid.slice(0, top);
  const captions = captionRows.map((r) => [...distinct(r)].join(" ")).filter((t) => t !== "");
  let units: string[] | null = null;
  for (const r of captionRows) units ??= unitRow(r);
  const width = Math.max(...grid.slice(top, bottom + 1).map((r) => r.length));
  const paths: string[][] = [];
  for (let c = 0; c < width; c++) {
    const path: string[] = [];
    for (let r = top; r <= bottom; r++) {
      const t = grid[r]![c];
      if (t && path[path.length - 1] !== t) path.push(t);
    }
    paths.push(path);
  }
  const keys = new Set(grid.slice(top, bottom + 1).map(rowKey));
  return { top, bottom, captions, units, paths, keys };
}
