// MANIFEST.json: what was generated with which options, so readers and tests can check themselves
// against it and --if-missing can skip a rerun. Everything in it is deterministic (no timestamps).
import type { DirtyRecord } from "./dirty.ts";
import type { SampleIO } from "./io.ts";
import type { OptionsFingerprint } from "./options.ts";

export type FileKind = "history_csv" | "monthly_xlsx" | "targets_csv" | "peer_groups_csv" | "bureau_table";

export interface FileRecord {
  /** Relative to the output folder, with "/". */
  path: string;
  kind: FileKind;
  /** Data rows (CSV: lines after the header; XLSX: indicator rows). */
  rows: number;
  bytes: number;
  encoding?: "utf8" | "utf8-bom" | "gbk";
  line_ending?: "LF" | "CRLF";
  /** Unit every 亿元 indicator is written in (history CSVs). */
  money_unit?: "亿元" | "万元";
  regions?: number;
  region_code?: string;
  period?: string;
  sheet?: string;
}

export interface Manifest {
  synthetic: true;
  description: string;
  generator: string;
  options: OptionsFingerprint;
  xlsx_bytes_reproducible: boolean;
  notes: string[];
  row_counts: Record<FileKind, number>;
  file_count: number;
  files: FileRecord[];
  dirty_rows: DirtyRecord[];
}

export const MANIFEST_FILE = "MANIFEST.json";

export function readManifest(outDir: string, io: SampleIO): Manifest | undefined {
  const text = io.readText(`${outDir}/${MANIFEST_FILE}`);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Manifest;
  } catch {
    return undefined;
  }
}

export function sameOptions(a: OptionsFingerprint, b: OptionsFingerprint | undefined): boolean {
  return !!b && JSON.stringify(a) === JSON.stringify({ scale: b.scale, seed: b.seed, from: b.from, to: b.to, xlsx_year: b.xlsx_year });
}

export function buildManifest(options: OptionsFingerprint, files: FileRecord[], dirty: DirtyRecord[]): Manifest {
  const row_counts: Record<FileKind, number> = { history_csv: 0, monthly_xlsx: 0, targets_csv: 0, peer_groups_csv: 0, bureau_table: 0 };
  for (const f of files) row_counts[f.kind] += f.rows;
  return {
    synthetic: true,
    description: "SYNTHETIC sample submissions of district science & technology statistics. Not real data.",
    generator: "pipelines/generate-sample.ts",
    options,
    xlsx_bytes_reproducible: true,
    notes: [
      "Rows are 1-based with the header as row 1 (CSV) or the sheet row (XLSX).",
      "XLSX zip entry timestamps and docProps dates are fixed, so the same options give identical bytes.",
      "Monthly flows are year-to-date totals; stocks are month-end values; ratios are for the YTD window; annual indicators only have month 12.",
      "History CSVs flagged money_unit 万元 give every 亿元 indicator in 万元 as integers.",
    ],
    row_counts,
    file_count: files.length,
    files,
    dirty_rows: dirty,
  };
}
