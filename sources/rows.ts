// The typed row shapes sources hand to the pipeline. Values stay text: typing, units and region and
// indicator resolution happen in sql/staging so a rejected row keeps exactly what was submitted.
import { type Ark, arkSchema } from "../pipelines/ark.ts";

/** The row schema, built on first use (pipelines/ark.ts): a night that reads no file never builds it. */
export const submissionRow = arkSchema((type: Ark) => {
  const text = "string | null";

  const SubmissionRow = type({
    sheet: text,
    row_number: "number.integer >= 1",
    region_code: text,
    region_name: text,
    indicator_name: text,
    unit: text,
    year: text,
    month: text,
    value: text,
    reported_prev: text,
    reported_yoy: text,
    raw: "string",
    // A bureau table's extras (sources/table): lineage column, district or total, reported 百分点 and ranks.
    "column_letter?": text,
    "row_role?": "'district' | 'total' | null",
    "reported_pp?": text,
    "reported_rank_city?": text,
    "reported_rank_province?": text,
    "rank_basis?": "'value' | 'yoy' | null",
  });
  return SubmissionRow;
});
export type SubmissionRow = ReturnType<typeof submissionRow>["infer"];

/** A row a source could not turn into a SubmissionRow at all, with the reason. */
export interface RejectedRow {
  sheet: string | null;
  row_number: number | null;
  field: string;
  reason: string;
  raw: string | null;
}

export interface SourceRows<R> {
  rows: R[];
  rejected: RejectedRow[];
}
