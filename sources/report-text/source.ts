// The report-text source kind: a published work report (工作总结/工作要点) and a small sidecar JSON
// (`<report>.json`: region, year, publisher) become typed figure rows, each with its text span as lineage.
import { type } from "arktype";
import { SourceError } from "../../pipelines/errors.ts";
import type { IndicatorCatalog } from "../catalog.ts";
import { decodeReport } from "./decode.ts";
import { extractFigures } from "./extract.ts";

export const ReportSidecar = type({
  region_code: /^\d{6}$/,
  year: "1990 <= number.integer <= 2100",
  /** Month the report's figures refer to when a figure states no period (12 for an annual summary). */
  "month?": "1 <= number.integer <= 12",
  /** Year the report's targets are for (a 2025 summary usually sets 2026 goals). */
  "target_year?": "1990 <= number.integer <= 2100",
  "publisher?": "string",
});
export type ReportSidecar = typeof ReportSidecar.infer;

export interface ReportFigureRow {
  offset: number;
  text: string;
  value: number | null;
  unit: string;
  kind: string;
  indicator: string | null;
  indicator_code: string | null;
  scope: string | null;
  period: string | null;
  covers: string | null;
  /** A region the sentence names as its subject, when not the report's own (resolved in the warehouse). */
  region: string | null;
}

export { sidecarPath } from "./sidecar-path.ts";

export function parseSidecar(json: string, opts: { sourceId: string; file: string }): ReportSidecar {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new SourceError(opts.sourceId, `sidecar is not valid JSON (${(e as Error).message})`, { file: opts.file });
  }
  const out = ReportSidecar(data);
  if (out instanceof type.errors) {
    throw new SourceError(opts.sourceId, `sidecar ${out.summary}; it needs {"region_code": "330102", "year": 2025}`, { file: opts.file });
  }
  return out;
}

export function readReport(bytes: Uint8Array, catalog: IndicatorCatalog): ReportFigureRow[] {
  return extractFigures(decodeReport(bytes), catalog).map((f) => ({
    offset: f.offset,
    text: f.text,
    value: f.value,
    unit: f.unit,
    kind: f.kind,
    indicator: f.indicator ?? null,
    indicator_code: f.indicator_code ?? null,
    scope: f.scope ?? null,
    period: f.period ?? null,
    covers: f.covers ? f.covers.join(",") : null,
    region: f.region ?? null,
  }));
}
