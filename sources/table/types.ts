// What the table reader found in a file: each table (sheet, layout, header rows, column map, period)
// and what became of each row. `weici inspect` prints this; ingest lands the rows.
import type { Measure, RankScope } from "./measures.ts";
import type { RowRole } from "./row-roles.ts";

export type Layout = "wide" | "transposed" | "per-district" | "long";

/** A per-source `layout` hint in weici.config.json: settles what detection cannot. */
export interface LayoutHint {
  sheet?: string;
  /** Header rows as Excel numbers them, "3-4" or "3". */
  header_rows?: string;
  /** Letter of the column holding the district names (wide tables). */
  region_column?: string;
  /** Row (as Excel numbers it) holding the district names (transposed tables). */
  region_row?: number;
  /** "2026-11", "2026年1-11月" or "2025". */
  period?: string;
  /** Unit of every value column without a unit of its own. */
  unit?: string;
  /** Column letters to leave out (a second value column, a working column). */
  ignore_columns?: string[];
}

export interface ColumnInfo {
  letter: string;
  header: string;
  role: "region" | "region_code" | "indicator" | "unit" | "measure" | "ignored";
  indicator?: string;
  measure?: Measure;
  rankScope?: RankScope;
  unit?: string | null;
  /** Why the column is not loaded, when it is not. */
  note?: string;
}

export interface RowInfo {
  row: number;
  role: RowRole;
  label: string | null;
  /** What becomes of the row, in words: "loaded: 6 figures", "table total", "note: not loaded". */
  outcome: string;
}

export interface TableInfo {
  sheet: string;
  layout: Layout;
  headerRows: [number, number];
  regionAt: string;
  columns: ColumnInfo[];
  period: { year: number; month: number; from: string; text: string } | null;
  rows: RowInfo[];
}

/** The extra lineage and reported figures a bureau table row carries beside SubmissionRow's fields. */
export interface TableExtras {
  column_letter: string | null;
  row_role: "district" | "total";
  reported_pp: string | null;
  reported_rank_city: string | null;
  reported_rank_province: string | null;
  rank_basis: "value" | "yoy" | null;
}

export class TableRefusal extends Error {
  constructor(readonly sheet: string, message: string) {
    super(`sheet ${sheet}: ${message}`);
  }
}
