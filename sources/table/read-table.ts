// Reads a bureau table file as delivered: opens the container, finds in each visible sheet the table
// and its layout (list, wide, transposed), and returns the rows to land with what it understood.
// Hidden sheets are skipped and listed; a sheet that holds no table is listed; an ambiguous sheet
// refuses the whole file (never a silent guess), naming the layout hint that settles it.
import type { IndicatorCatalog } from "../catalog.ts";
import type { RejectedRow, SourceRows } from "../rows.ts";
import { type Container, ContainerError, type OpenedFile, openTableFile } from "./container.ts";
import type { TableRow } from "./emit.ts";
import { columnIndex, columnLetter } from "./grid.ts";
import { findListHeader, readList } from "./list.ts";
import { findRegionAxis } from "./region-axis.ts";
import { readTransposed } from "./transposed.ts";
import { type LayoutHint, type TableInfo, TableRefusal } from "./types.ts";
import { type SheetInput, type SheetResult, readWide } from "./wide.ts";
import { resolveSheetRepeats } from "../xlsx-sheets.ts";

export interface TableReadResult extends SourceRows<TableRow> {
  container: Container;
  encoding: string | null;
  tables: TableInfo[];
  /** Sheets not read, with why: hidden, or no table in them. */
  skipped: { sheet: string; reason: string }[];
}

export class TableReadError extends Error {}

export interface ReadTableOpts {
  file: string;
  hint?: LayoutHint;
  catalog?: IndicatorCatalog;
  encoding?: "auto" | "utf-8" | "gbk" | "gb18030";
  /** Read only this sheet (`weici inspect --sheet`). */
  sheet?: string;
}

export function readSheet(inp: SheetInput): SheetResult | null {
  const { grid, hint } = inp;
  if (hint.region_column !== undefined) {
    const c = columnIndex(hint.region_column);
    if (c === undefined) throw new TableRefusal(inp.sheet, `the layout hint's region_column "${hint.region_column}" is not a column letter`);
    return readWide(inp, c, undefined);
  }
  if (hint.region_row !== undefined) return readTransposed(inp, hint.region_row - 1);
  const list = findListHeader(grid);
  if (list) return readList(inp, list);
  const axis = findRegionAxis(grid, columnLetter);
  if ("ambiguous" in axis) throw new TableRefusal(inp.sheet, `${axis.ambiguous} in the source's "layout" hint`);
  if ("none" in axis) return null;
  return axis.axis.kind === "column" ? readWide(inp, axis.axis.index, axis.axis.codeColumn) : readTransposed(inp, axis.axis.index);
}

export function readTableFile(buf: Buffer, opts: ReadTableOpts): TableReadResult {
  let opened: OpenedFile;
  try {
    opened = openTableFile(buf, { encoding: opts.encoding });
  } catch (e) {
    if (e instanceof ContainerError) throw new TableReadError(e.message);
    throw e;
  }
  const hint = opts.hint ?? {};
  const wanted = opts.sheet ?? hint.sheet;
  const rows: TableRow[] = [];
  const rejected: RejectedRow[] = [];
  const tables: TableInfo[] = [];
  const skipped: { sheet: string; reason: string }[] = [];
  const refused: { sheet: string; reason: string }[] = [];
  if (wanted !== undefined && !opened.sheets.some((s) => s.name === wanted)) {
    throw new TableReadError(`no sheet named "${wanted}" (sheets: ${opened.sheets.map((s) => s.name).join(", ")})`);
  }
  for (const s of opened.sheets) {
    if (wanted !== undefined && s.name !== wanted) continue;
    if (s.hidden && wanted === undefined) {
      skipped.push({ sheet: s.name, reason: "hidden sheet" });
      continue;
    }
    let res: SheetResult | null;
    try {
      res = readSheet({ sheet: s.name, file: opts.file, grid: s.grid, hint, catalog: opts.catalog });
    } catch (e) {
      // An ambiguous sheet costs only itself: it is refused with its reason (a quarantine row naming
      // the sheet) while the workbook's other tables load; the file fails when no sheet is readable.
      if (!(e instanceof TableRefusal)) throw e;
      if (wanted !== undefined) throw new TableReadError(e.message);
      refused.push({ sheet: s.name, reason: e.message });
      continue;
    }
    if (!res) {
      skipped.push({ sheet: s.name, reason: s.grid.length === 0 ? "empty sheet" : "no table: no district names down a column or across a row, and no 指标名称/数值 header" });
      continue;
    }
    tables.push(res.table);
    rows.push(...res.rows);
    rejected.push(...res.rejected);
  }
  if (tables.length === 0 && refused.length > 0) throw new TableReadError(refused.map((r) => r.reason).join("; "));
  for (const r of refused) {
    rejected.push({ sheet: r.sheet, row_number: null, field: "sheet", reason: `sheet not read: ${r.reason}`, raw: null });
    skipped.push({ sheet: r.sheet, reason: "refused (see analyst.quarantine)" });
  }
  if (tables.length === 0) {
    throw new TableReadError(`no sheet holds a table weici can read (${skipped.map((k) => `${k.sheet}: ${k.reason}`).join("; ")}); ` +
      "a table needs district names down a column or across a row, or a header with 指标名称 and 本月累计/本年累计/数值; run `weici inspect` on the file to see what was found");
  }
  // A print copy ("完成情况 (2)") giving the same figures counts once; a copy that disagrees is rejected
  // naming both sheets (hidden sheets are not read here, so every sheet ranks in workbook order).
  const repeats = resolveSheetRepeats(rows, new Set());
  return { rows: repeats.rows, rejected: [...rejected, ...repeats.rejected], container: opened.container, encoding: opened.encoding, tables, skipped };
}
