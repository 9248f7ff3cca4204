// A transposed table: one row per indicator (with a 单位 column), one column per district, often a
// 全市 column first; a district may head several sub-columns (本期 / 同比 / 位次).
import type { RejectedRow } from "../rows.ts";
import { type TableRow, emitRow } from "./emit.ts";
import { columnLetter } from "./grid.ts";
import { headerBand } from "./header-band.ts";
import { measureOf } from "./measures.ts";
import { isTotal, looksLikeRegion, rowRole } from "./row-roles.ts";
import type { ColumnInfo, RowInfo } from "./types.ts";
import { TableRefusal } from "./types.ts";
import { unitFromRow, unitInLabel } from "./units.ts";
import { type SheetInput, type SheetResult, parseRows, tablePeriod } from "./wide.ts";
import { canonicalUnit } from "../units.ts";

const numeric = (s: string | null) => s !== null && /^[+-]?[\d,.]+%?$/.test(s.normalize("NFKC").trim());

export function readTransposed(inp: SheetInput, regionRow: number): SheetResult {
  const { grid, sheet } = inp;
  const names = grid[regionRow]!;
  const regionCols = names.flatMap((v, c) => (looksLikeRegion(v) || isTotal(v) ? [c] : []));
  // Header rows below the district names: sub-columns (本期, 同比, 位次) under each district.
  let bottom = regionRow;
  while (bottom + 1 < grid.length && regionCols.some((c) => grid[bottom + 1]![c] && measureOf(grid[bottom + 1]![c]!) && !numeric(grid[bottom + 1]![c]!))) bottom++;
  const band = headerBand(grid, bottom + 1, parseRows(inp.hint.header_rows));
  if (!band) throw new TableRefusal(sheet, `district names are in row ${regionRow + 1} but the header cannot be delimited; set "header_rows" in the source's layout hint`);
  const first = regionCols[0]!;
  const before = band.paths.slice(0, first).map((p, c) => ({ c, p: p.join(" ") }));
  const unitCol = before.find((x) => /^(计量)?单位$/.test(x.p))?.c;
  const indCol = before.find((x) => /指标|项目|名称/.test(x.p))?.c ?? before.find((x) => x.c !== unitCol && !/^(序号|编号)$/.test(x.p))?.c;
  if (indCol === undefined) throw new TableRefusal(sheet, `district names are across row ${regionRow + 1} but no indicator column is left of them; set "region_column" if districts run down a column instead`);
  const period = tablePeriod(inp, band.captions);
  const cols: ColumnInfo[] = regionCols.map((c) => {
    const path = band.paths[c] ?? [];
    const leaf = path[path.length - 1] ?? "";
    const m = path.length > 1 ? measureOf(leaf) : null;
    return { letter: columnLetter(c), header: path.join(" / "), role: "measure", indicator: names[c]!, measure: m?.measure ?? "value", rankScope: m?.rankScope, note: isTotal(names[c]!) ? "table total" : undefined };
  });
  const rows: TableRow[] = [];
  const rejected: RejectedRow[] = [];
  const info: RowInfo[] = [];
  for (let r = band.bottom + 1; r < grid.length; r++) {
    const cells = grid[r]!;
    const label = cells[indCol] ?? null;
    const role = rowRole(label, cells, band.keys);
    if (role !== "district" && role !== "sub") {
      if (role !== "blank") info.push({ row: r + 1, role, label: label ?? cells.find((c) => c !== null) ?? null, outcome: `${role}: not loaded` });
      continue;
    }
    // In a transposed table 其中：发明专利授权量 is an indicator of its own.
    const indicator = label!.replace(/^其中\s*[:：]?\s*/, "").replace(/[（(][^（()）]*[）)]\s*$/, "").trim();
    const written = unitCol === undefined ? null : (cells[unitCol] ?? null);
    const unit = (written && (canonicalUnit(written) ?? written)) ?? unitInLabel(label!) ?? (band.units ? unitFromRow(band.units, indicator, inp.catalog) : null) ?? inp.hint.unit ?? null;
    let n = 0;
    for (const name of new Set(regionCols.map((c) => names[c]!))) {
      const mine = cols.filter((c) => c.indicator === name);
      const value = mine.find((c) => c.measure === "value");
      if (!value) continue;
      const at = { sheet, row: r + 1, role: isTotal(name) ? "total" : "district", regionName: name, regionCode: null, year: period.year, month: period.month } as const;
      rows.push(emitRow(cells, at, { indicator, value: { ...value, unit }, others: mine.filter((c) => c !== value) }));
      n++;
    }
    info.push({ row: r + 1, role: "district", label, outcome: `loaded: ${n} figures (${indicator}${unit ? `, ${unit}` : ""})` });
  }
  return {
    table: {
      sheet, layout: "transposed", headerRows: [band.top + 1, band.bottom + 1], regionAt: `row ${regionRow + 1}`,
      columns: [{ letter: columnLetter(indCol), header: band.paths[indCol]?.join(" / ") ?? "", role: "indicator" },
        ...(unitCol === undefined ? [] : [{ letter: columnLetter(unitCol), header: "单位", role: "unit" as const }]), ...cols],
      period, rows: info,
    },
    rows, rejected,
  };
}
