// Tables with one figure per row: a district's own report (rows = indicators, the district in the
// caption, sheet or file name) and the long list (a region column, an indicator column, a value
// column). The value column may be headed 本月累计, 本年累计, 1-11月累计, 累计, 本期 or 数值.
import path from "node:path";
import { SUBMISSION_HEADERS, matchHeaders } from "../headers.ts";
import type { RejectedRow } from "../rows.ts";
import type { TableRow } from "./emit.ts";
import { type Grid, columnLetter } from "./grid.ts";
import { findPeriod, parsePeriodHint } from "./period.ts";
import { isTotal, looksLikeRegion, rowKey, rowRole } from "./row-roles.ts";
import { type ColumnInfo, type RowInfo, TableRefusal } from "./types.ts";
import { unitInLabel, unitRow } from "./units.ts";
import type { SheetInput, SheetResult } from "./wide.ts";

type Match = ReturnType<typeof matchHeaders<keyof typeof SUBMISSION_HEADERS>>;

/** The header row of a list table in the first 15 rows: one naming an indicator and a value column. */
export function findListHeader(grid: Grid): { row: number; match: Match } | null {
  for (let r = 0; r < Math.min(grid.length, 15); r++) {
    const m = matchHeaders(grid[r]!, SUBMISSION_HEADERS);
    if (m.columns.indicator_name !== undefined && m.columns.value !== undefined) return { row: r, match: m };
  }
  return null;
}

function districtOf(captions: string, sheet: string, file: string): { code: string | null; name: string | null } {
  const base = path.basename(file);
  const code = /(?:地区代码|区划代码|行政区划代码)\s*[：:]\s*(\d{6})/.exec(captions)?.[1] ?? /^(\d{6})\b/.exec(base)?.[1] ?? null;
  const name = /(?:地区|区县|县市区|地区名称)\s*[：:]\s*([\u4e00-\u9fa5]{1,8}(?:区|县|市|旗))/.exec(captions)?.[1]
    ?? (looksLikeRegion(sheet) ? sheet.trim() : null)
    ?? /^(?:\d{6}[-_\s]*)?([\u4e00-\u9fa5]{1,8}?(?:区|县|市|旗))/.exec(base)?.[1] ?? null;
  return { code, name };
}

export function readList(inp: SheetInput, header: { row: number; match: Match }): SheetResult {
  const { grid, sheet, file } = inp;
  const { match } = header;
  const twice = Object.entries(match.duplicates) as [string, number[]][];
  if (twice.length > 0) {
    throw new TableRefusal(sheet, `row ${header.row + 1}: ${twice.map(([f, cs]) => `${f} is named in columns ${cs.map(columnLetter).join(" and ")}`).join("; ")}; keep one column per field or set "ignore_columns"`);
  }
  const captions = grid.slice(0, header.row).map((r) => [...new Set(r.filter((c) => c !== null))].join(" ")).filter((t) => t !== "");
  const col = (f: keyof typeof SUBMISSION_HEADERS) => match.columns[f];
  const long = col("region_name") !== undefined || col("region_code") !== undefined;
  const district = long ? { code: null, name: null } : districtOf(captions.join(" "), sheet, file);
  const hinted = inp.hint.period ? parsePeriodHint(inp.hint.period) : null;
  const found = hinted ? { ...hinted, from: "layout hint", text: inp.hint.period! }
    : findPeriod([...captions.map((text) => ({ from: "title", text })), { from: "sheet name", text: sheet }, { from: "file name", text: file }]);
  if (!found && col("year") === undefined) {
    throw new TableRefusal(sheet, `no period found: no 年份 column, and none in the title rows, the sheet name "${sheet}" or the file name "${file}"; set "period": "2026-11" in the source's layout hint`);
  }
  const keys = new Set([rowKey(grid[header.row]!)]);
  // A unit the captions name: a unit row (单位：亿元), or a one-indicator title ending in its unit (技术合同成交额（亿元）).
  const captionUnit = grid.slice(0, header.row).map((r) => unitRow(r)).find((u) => u?.length === 1)?.[0]
    ?? captions.map((c) => unitInLabel(c)).find((u) => u !== null) ?? null;
  const rows: TableRow[] = [];
  const rejected: RejectedRow[] = [];
  const info: RowInfo[] = [];
  for (let r = header.row + 1; r < grid.length; r++) {
    const cells = grid[r]!;
    const get = (f: keyof typeof SUBMISSION_HEADERS) => {
      const i = col(f);
      return i === undefined ? null : (cells[i] ?? null);
    };
    const indicator = get("indicator_name");
    const regionCell = long ? (get("region_name") ?? get("region_code")) : indicator;
    const role = rowRole(regionCell, cells, keys);
    if (role === "blank") continue;
    if (indicator === null || (!long && role !== "district") || (long && role !== "district" && role !== "total") || /^(合计|总计)/.test(indicator)) {
      info.push({ row: r + 1, role, label: regionCell, outcome: `${role}: not loaded` });
      continue;
    }
    rows.push({
      sheet, row_number: r + 1,
      region_code: get("region_code") ?? district.code,
      region_name: get("region_name") ?? (get("region_code") ? null : district.name),
      indicator_name: indicator,
      unit: get("unit") ?? match.units.value ?? captionUnit ?? inp.hint.unit ?? null,
      year: get("year") ?? (found ? String(found.year) : null),
      month: get("month") ?? (found ? String(found.month) : null),
      value: get("value"),
      reported_prev: get("reported_prev"),
      reported_yoy: get("reported_yoy"),
      raw: JSON.stringify(cells),
      column_letter: columnLetter(col("value")!),
      row_role: long && isTotal(regionCell) ? "total" : "district",
      reported_pp: null, reported_rank_city: null, reported_rank_province: null, rank_basis: null,
    });
    const total = long && isTotal(regionCell);
    info.push({ row: r + 1, role: total ? "total" : "district", label: long ? regionCell : indicator, outcome: total ? "table total: 1 figure kept as the reported total" : "loaded: 1 figure" });
  }
  const columns: ColumnInfo[] = (Object.entries(match.columns) as [string, number][]).sort((a, b) => a[1] - b[1]).map(([f, i]) => ({
    letter: columnLetter(i), header: grid[header.row]![i] ?? "",
    role: f === "region_name" ? "region" : f === "region_code" ? "region_code" : f === "indicator_name" ? "indicator" : f === "unit" ? "unit" : f === "year" || f === "month" ? "ignored" : "measure",
    indicator: "(the row's indicator)",
    measure: f === "value" ? "value" : f === "reported_prev" ? "prev" : f === "reported_yoy" ? "yoy" : undefined,
    unit: f === "value" ? (match.units.value ?? null) : undefined,
    note: f === "year" || f === "month" ? `the row's ${f}` : undefined,
  }));
  return {
    table: {
      sheet, layout: long ? "long" : "per-district", headerRows: [header.row + 1, header.row + 1],
      regionAt: long ? `column ${columnLetter((col("region_name") ?? col("region_code"))!)}` : `${district.name ?? "?"} ${district.code ?? ""} (from the caption, sheet or file name)`.trim(),
      columns, period: found, rows: info,
    },
    rows, rejected,
  };
}
