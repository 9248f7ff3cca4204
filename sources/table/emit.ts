// Builds the landed rows of one table row: one SubmissionRow per indicator, with our value, the
// reported 去年同期 / 同比 / 百分点 / 位次 beside it, and the cell it came from (sheet, row, column).
import type { SubmissionRow } from "../rows.ts";
import type { ColumnInfo, TableExtras } from "./types.ts";
import { columnIndex } from "./grid.ts";

export type TableRow = SubmissionRow & TableExtras;

export interface Figure {
  indicator: string;
  value: ColumnInfo;
  others: ColumnInfo[];
}

export function emitRow(
  cells: readonly (string | null)[],
  at: { sheet: string; row: number; role: "district" | "total"; regionName: string | null; regionCode: string | null; year: number; month: number },
  fig: Figure,
  cellOf: (c: ColumnInfo) => string | null = (c) => cells[columnIndex(c.letter)!] ?? null,
): TableRow {
  const of = (m: string, scope?: string) => {
    const col = fig.others.find((c) => c.measure === m && (scope === undefined || c.rankScope === scope));
    return col ? cellOf(col) : null;
  };
  const rank = fig.others.find((c) => c.measure === "rank") as (ColumnInfo & { rankBasis?: "value" | "yoy" }) | undefined;
  return {
    sheet: at.sheet,
    row_number: at.row,
    region_code: at.regionCode,
    region_name: at.regionName,
    indicator_name: fig.indicator,
    unit: fig.value.unit ?? null,
    year: String(at.year),
    month: String(at.month),
    value: cellOf(fig.value),
    reported_prev: of("prev"),
    reported_yoy: of("yoy"),
    raw: JSON.stringify(cells),
    column_letter: fig.value.letter,
    row_role: at.role,
    reported_pp: of("pp_change"),
    reported_rank_city: of("rank", "city"),
    reported_rank_province: of("rank", "province"),
    rank_basis: rank ? (rank.rankBasis ?? "value") : null,
  };
}
