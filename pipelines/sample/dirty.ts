// Deliberately bad rows, so readers and quarantine rules have something to catch. Each one is
// anchored on a clean row of a chosen Zhejiang city file and written right after it (the clean row
// stays), except the thousands separator, which is a valid re-formatting of the clean row itself.

export type DirtyKind =
  | "unknown_indicator"
  | "unknown_region_code"
  | "unknown_region_name"
  | "wrong_unit"
  | "masked_value"
  | "duplicate_row"
  | "negative_count"
  | "thousands_separator";

export interface DirtyRecord {
  /** Path relative to the output folder, with "/". */
  file: string;
  /** 1-based row as a reader counting the header as row 1 reports it (XLSX: the sheet row). */
  row: number;
  kind: DirtyKind;
  problem: string;
  /** true when the row is well-formed and must load (the thousands separator). */
  valid: boolean;
  /** What the row says (region code and indicator name as written, period), for cross-checks. */
  region_code?: string;
  indicator_name?: string;
  year?: number;
  month?: number;
  duplicate_of?: number;
  /** The number a reader should get for a valid row. */
  value?: number;
}

/** A clean history row as written: its fields and the numeric value in the file's unit. */
export interface CleanRow {
  fields: string[];
  indicator: string;
  month: number;
  value: number;
}

export interface Injection {
  kind: DirtyKind;
  /** Index into the Zhejiang prefecture cities sorted by code (0 = 杭州). */
  cityIndex: number;
  /** First clean row this fires on. */
  match(row: CleanRow): boolean;
  /** Fields of the extra row ("after"), or replacement fields of the clean row ("replace"). */
  mode: "after" | "replace";
  build(row: CleanRow): string[];
  problem: string;
}

const at = (indicator: string, month: number) => (r: CleanRow) => r.indicator === indicator && r.month === month;
const withValue = (r: CleanRow, value: string) => [...r.fields.slice(0, 6), value];

export const HISTORY_INJECTIONS: readonly Injection[] = [
  {
    kind: "unknown_indicator", cityIndex: 0, mode: "after", match: at("tech_contract_count", 6),
    build: (r) => [r.fields[0]!, r.fields[1]!, "科技人才总量", "人", r.fields[4]!, r.fields[5]!, "15230"],
    problem: "indicator 科技人才总量 is not in the catalog",
  },
  {
    kind: "unknown_region_code", cityIndex: 1, mode: "after", match: at("hte_count", 6),
    build: (r) => ["339999", "高新园区", ...r.fields.slice(2)],
    problem: "region code 339999 does not exist",
  },
  {
    kind: "unknown_region_name", cityIndex: 1, mode: "after", match: at("ind_rd_expense", 6),
    build: (r) => ["", "未来新区", ...r.fields.slice(2)],
    problem: "empty region code and unknown region name 未来新区",
  },
  {
    kind: "wrong_unit", cityIndex: 2, mode: "after", match: at("hte_count", 6),
    build: (r) => [...r.fields.slice(0, 3), "亿元", ...r.fields.slice(4)],
    problem: "高新技术企业数 given in 亿元 (a count cannot convert from money)",
  },
  {
    kind: "masked_value", cityIndex: 3, mode: "after", match: at("ind_rd_expense", 6),
    build: (r) => withValue(r, "XX"), problem: "value masked as XX",
  },
  {
    kind: "masked_value", cityIndex: 5, mode: "after", match: at("tech_contract_value", 6),
    build: (r) => withValue(r, "—"), problem: "value masked as — (em dash)",
  },
  {
    kind: "duplicate_row", cityIndex: 4, mode: "after", match: at("ht_investment", 6),
    build: (r) => [...r.fields], problem: "exact duplicate of the previous row",
  },
  {
    kind: "negative_count", cityIndex: 6, mode: "after", match: at("patent_applications", 6),
    build: (r) => withValue(r, String(-Math.max(1, r.value))), problem: "negative count",
  },
  {
    kind: "thousands_separator", cityIndex: 9, mode: "replace",
    match: (r) => r.indicator === "patent_applications" && r.month === 12 && r.value >= 1000,
    build: (r) => withValue(r, r.value.toLocaleString("en-US")),
    problem: "value written with a thousands separator (valid, must parse)",
  },
];

/** The one masked cell of the XLSX reports: an extra row after the table of the first region's first report. */
export const XLSX_MASKED = { indicator: "ht_investment", text: "XX", problem: "本月累计 masked as text XX" } as const;
