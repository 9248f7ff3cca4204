// Turns the rows of an http-json source into the same text rows CSV and XLSX sources produce, so the
// SQL models treat them alike. Only the JSON shape is checked here (arktype); regions, indicators,
// units and masked values are judged in sql/staging exactly as for files.
import { type Ark, arkSchema, isArkErrors } from "../pipelines/ark.ts";
import { type RejectedRow, type SourceRows, type SubmissionRow, submissionRow } from "./rows.ts";

/** One row as the platform sends it. Codes may come as numbers (no GB/T 2260 code starts with 0). */
export const httpRow = arkSchema((type: Ark) => type({
  "region_code?": "string | number | null",
  "region_name?": "string | null",
  indicator: "string > 0",
  "unit?": "string | null",
  year: "number.integer | string",
  "month?": "number.integer | string | null",
  value: "number | string | null",
}));
export type HttpRow = ReturnType<typeof httpRow>["infer"];

const SHAPE = "{region_code, region_name, indicator, unit, year, month, value}";

const text = (v: string | number | null | undefined): string | null => {
  if (v === null || v === undefined) return null;
  const t = String(v).trim();
  return t === "" ? null : t;
};

/** Nesting deeper than any row of the documented shape needs: such a row is refused before anything recurses into it. */
const MAX_DEPTH = 32;

/** Depth of nested arrays and objects, counted without recursion, stopping at `limit`. */
function depthOver(v: unknown, limit: number): boolean {
  let level: unknown[] = [v];
  for (let d = 0; level.length > 0; d++) {
    if (d > limit) return true;
    const next: unknown[] = [];
    for (const x of level) if (x !== null && typeof x === "object") for (const c of Object.values(x as object)) next.push(c);
    level = next;
  }
  return false;
}

/** Validates every row of every page; `row_number` counts rows across pages from 1. */
export function toSubmissionRows(pages: readonly unknown[][]): SourceRows<SubmissionRow> {
  const rows: SubmissionRow[] = [];
  const rejected: RejectedRow[] = [];
  let n = 0;
  pages.forEach((page, p) => {
    for (const item of page) {
      n++;
      // JSON.parse accepts any depth, but stringifying or validating a row nested 100 000 levels deep overflows the stack.
      if (depthOver(item, MAX_DEPTH)) {
        rejected.push({
          sheet: null, row_number: n, field: "row", raw: `(not shown: nested more than ${MAX_DEPTH} levels deep)`,
          reason: `row on page ${p + 1} is nested more than ${MAX_DEPTH} levels deep; expected ${SHAPE}; fix the row on the platform`,
        });
        continue;
      }
      const raw = JSON.stringify(item) ?? "null";
      const r = httpRow()(item);
      if (isArkErrors(r)) {
        const first = r[0];
        rejected.push({
          sheet: null, row_number: n, field: String(first?.path[0] ?? "row"), raw,
          reason: `row on page ${p + 1} does not match ${SHAPE}: ${r.summary}; fix the row on the platform`,
        });
        continue;
      }
      rows.push(submissionRow().assert({
        sheet: null, row_number: n,
        region_code: text(r.region_code), region_name: text(r.region_name), indicator_name: text(r.indicator),
        unit: text(r.unit), year: text(r.year), month: text(r.month), value: text(r.value),
        reported_prev: null, reported_yoy: null, raw,
      }));
    }
  });
  return { rows, rejected };
}
