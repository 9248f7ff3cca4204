// A wide table (完成情况表): one row per district, indicators across under a one- to three-level
// merged header, the total row at top or bottom, 其中 sub-rows, notes and sign-offs, and the header
// repeated for a second printed page.
import type { IndicatorCatalog } from "../catalog.ts";
import type { RejectedRow } from "../rows.ts";
import { type Figure, type TableRow, emitRow } from "./emit.ts";
import { type Grid, columnIndex, columnLetter } from "./grid.ts";
import { headerBand } from "./header-band.ts";
import { groupByIndicator, mapColumns, pickValueColumn } from "./column-map.ts";
import { type FoundPeriod, findPeriod, parsePeriodHint } from "./period.ts";
import { isTotal, looksLikeRegion, rowRole } from "./row-roles.ts";
import { type LayoutHint, type RowInfo, type TableInfo, TableRefusal } from "./types.ts";

export interface SheetInput {
  sheet: string;
  file: string;
  grid: Grid;
  hint: LayoutHint;
  catalog?: IndicatorCatalog;
}

export interface SheetResult {
  table: TableInfo;
  rows: TableRow[];
  rejected: RejectedRow[];
}

export function parseRows(s: string | undefined): [number, number] | undefined {
  const m = s ? /^(\d+)(?:\s*-\s*(\d+))?$/.exec(s.trim()) : null;
  return m ? [Number(m[1]) - 1, Number(m[2] ?? m[1]) - 1] : undefined;
}

export function tablePeriod(inp: SheetInput, captions: readonly string[]): FoundPeriod {
  if (inp.hint.period) {
    const p = parsePeriodHint(inp.hint.period);
    if (!p) throw new TableRefusal(inp.sheet, `the layout hint's period "${inp.hint.period}" is not a period; write it as "2026-11"`);
    return { ...p, from: "layout hint", text: inp.hint.period };
  }
  const found = findPeriod([
    ...captions.map((text) => ({ from: "title", text })),
    { from: "sheet name", text: inp.sheet },
    { from: "file name", text: inp.file },
  ]);
  if (!found) {
    throw new TableRefusal(inp.sheet, `no period found: looked in the title rows (${captions.length ? captions.map((c) => `"${c.slice(0, 40)}"`).join(", ") : "none"}), ` +
      `the sheet name "${inp.sheet}" and the file name "${inp.file}"; write it in the title (2026年1-11月) or set "period": "2026-11" in the source's layout hint`);
  }
  return found;
}

export function readWide(inp: SheetInput, regionCol: number, codeCol: number | undefined): SheetResult {
  const { grid, sheet } = inp;
  const hinted = parseRows(inp.hint.header_rows);
  const dataStart = hinted ? hinted[1] + 1 : grid.findIndex((r) => looksLikeRegion(r[regionCol] ?? null) || isTotal(r[regionCol] ?? null));
  const band = headerBand(grid, dataStart, hinted);
  if (!band) throw new TableRefusal(sheet, `district names start in row ${dataStart + 1} (column ${columnLetter(regionCol)}) but no header rows are above them; set "header_rows": "3-4" in the source's layout hint`);
  const skip = new Set([regionCol, ...(codeCol === undefined ? [] : [codeCol]), ...(inp.hint.ignore_columns ?? []).map((l) => columnIndex(l) ?? -1)]);
  const columns = mapColumns(band.paths, { skip, unitRow: band.units, hintUnit: inp.hint.unit, catalog: inp.catalog });
  const period = tablePeriod(inp, band.captions);
  // A column with no number under its header (names, remarks) holds no figures, whatever its header says.
  const numeric = (c: number) => grid.slice(band.bottom + 1).some((r) => /\d/.test(r[c] ?? "") && !/[\u4e00-\u9fa5]{2}/.test(r[c] ?? ""));
  for (const c of columns) {
    if (c.role === "measure" && !numeric(columnIndex(c.letter)!)) Object.assign(c, { role: "ignored", note: "text, no figures: not loaded" });
  }
  const figures: Figure[] = [];
  for (const [indicator, cols] of groupByIndicator(columns)) {
    const picked = pickValueColumn(cols);
    if (picked.ambiguous.length) {
      throw new TableRefusal(sheet, `indicator "${indicator}" has ${picked.ambiguous.length} value columns (${picked.ambiguous.map((c) => `${c.letter} "${c.header}"`).join(", ")}); ` +
        `set "ignore_columns": [${picked.ambiguous.slice(1).map((c) => `"${c.letter}"`).join(", ")}] in the source's layout hint to keep one`);
    }
    if (!picked.column) {
      for (const c of cols) c.note ??= "no value column for this indicator: not loaded";
      continue;
    }
    figures.push({ indicator, value: picked.column, others: cols.filter((c) => c !== picked.column) });
  }
  if (figures.length === 0) throw new TableRefusal(sheet, `no indicator columns under the header rows ${band.top + 1}-${band.bottom + 1}; check the header or set "header_rows"`);
  const rows: TableRow[] = [];
  const rejected: RejectedRow[] = [];
  const info: RowInfo[] = [];
  for (let r = band.bottom + 1; r < grid.length; r++) {
    const cells = grid[r]!;
    const label = cells[regionCol] ?? null;
    const role = rowRole(label, cells, band.keys);
    if (role !== "district" && role !== "total") {
      if (role !== "blank") info.push({ row: r + 1, role, label: label ?? cells.find((c) => c !== null) ?? null, outcome: `${role}: not loaded` });
      continue;
    }
    const at = { sheet, row: r + 1, role, regionName: label, regionCode: codeCol === undefined ? null : (cells[codeCol] ?? null), year: period.year, month: period.month } as const;
    let n = 0;
    for (const f of figures) {
      const row = emitRow(cells, at, f);
      // A total row leaves a ratio's cell empty (a city's ratio is no sum): nothing to keep.
      if (role === "total" && row.value === null) continue;
      if (f.value.note?.startsWith("units disagree")) {
        rejected.push({ sheet, row_number: r + 1, field: "unit", reason: `${f.value.note} (column ${f.value.letter}); correct the header or the unit row`, raw: row.raw });
        continue;
      }
      rows.push(row);
      n++;
    }
    info.push({ row: r + 1, role, label, outcome: role === "total" ? `table total: ${n} figures kept as the reported total` : `loaded: ${n} figures` });
  }
  return {
    table: {
      sheet, layout: "wide", headerRows: [band.top + 1, band.bottom + 1], regionAt: `column ${columnLetter(regionCol)}`,
      columns: [{ letter: columnLetter(regionCol), header: band.paths[regionCol]?.join(" / ") ?? "", role: "region" },
        ...(codeCol === undefined ? [] : [{ letter: columnLetter(codeCol), header: band.paths[codeCol]?.join(" / ") ?? "", role: "region_code" as const }]),
        ...columns],
      period, rows: info,
    },
    rows, rejected,
  };
}
