// Reads district statistical reports in XLSX: finds the header row under merged title rows, maps the
// Chinese headers, takes the region code and period from the sheet's caption, name or file name, and
// returns one text row per indicator. Formula cells give their cached result.
import path from "node:path";
import ExcelJS from "exceljs";
import { SourceError } from "../pipelines/errors.ts";
import { SUBMISSION_HEADERS, matchHeaders } from "./headers.ts";
import { type RejectedRow, type SourceRows, SubmissionRow } from "./rows.ts";
import { type } from "arktype";

const MAX_BYTES = 50 * 1024 * 1024;

type Cell = ExcelJS.CellValue;

/** Text of a cell as a person sees it; formulas give their cached result, errors give undefined. */
export function cellText(v: Cell): string | null | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === "string") return v.trim() === "" ? null : v.trim();
  if (typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((t) => t.text).join("").trim() || null;
    if ("error" in v) return undefined;
    if ("formula" in v || "sharedFormula" in v) {
      const r = (v as { result?: Cell }).result;
      return r === undefined ? undefined : cellText(r);
    }
    if ("text" in v) return String((v as { text: unknown }).text).trim() || null;
  }
  return String(v);
}

function captionFacts(captions: string, sheetName: string, file: string) {
  const code = /(?:地区代码|区划代码)[：:]\s*(\d{6})/.exec(captions)?.[1] ?? /^(\d{6})\b/.exec(path.basename(file))?.[1] ?? null;
  const period =
    /(\d{4})\s*年\s*(?:1\s*[-—~至]\s*)?(\d{1,2})\s*月/.exec(captions) ??
    /(\d{4})\s*年\s*(?:1\s*[-—~至]\s*)?(\d{1,2})\s*月/.exec(sheetName) ??
    /(\d{4})-(\d{2})/.exec(file);
  return { code, year: period?.[1] ?? null, month: period?.[2] ?? null };
}

export async function readXlsx(buf: Buffer, opts: { sourceId: string; file: string }): Promise<SourceRows<SubmissionRow>> {
  const fail = (msg: string) => new SourceError(opts.sourceId, msg, { file: opts.file });
  if (buf.byteLength === 0) throw fail("the file is empty; re-export it from Excel");
  if (buf.byteLength > MAX_BYTES) throw fail(`the file is ${Math.round(buf.byteLength / 1e6)} MB; split it (limit ${MAX_BYTES / 1e6} MB)`);
  if (buf[0] !== 0x50 || buf[1] !== 0x4b) throw fail("this is not an XLSX workbook (no zip signature); if it is CSV, give it a .csv name");
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw fail(`cannot open the workbook (${(e as Error).message}); open and save it again in Excel`);
  }
  if (wb.worksheets.length === 0) throw fail("the workbook has no sheets");
  const rows: SubmissionRow[] = [];
  const rejected: RejectedRow[] = [];
  let anyHeader = false;
  for (const ws of wb.worksheets) {
    let headerRow = 0;
    let match: ReturnType<typeof matchHeaders<keyof typeof SUBMISSION_HEADERS>> | undefined;
    const captions: string[] = [];
    for (let r = 1; r <= Math.min(ws.rowCount, 15) && !headerRow; r++) {
      const vals = (ws.getRow(r).values as Cell[]).slice(1).map((v) => cellText(v) ?? null);
      const m = matchHeaders(vals, SUBMISSION_HEADERS);
      if (m.columns.indicator_name !== undefined && m.columns.value !== undefined) (headerRow = r), (match = m);
      else captions.push(vals.filter(Boolean).join(" "));
    }
    if (!match) continue;
    anyHeader = true;
    const facts = captionFacts(captions.join(" "), ws.name, opts.file);
    const col = (vals: Cell[], f: keyof typeof SUBMISSION_HEADERS) => {
      const i = match!.columns[f];
      return i === undefined ? null : cellText(vals[i + 1]);
    };
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const vals = ws.getRow(r).values as Cell[];
      const texts = vals.slice(1).map((v) => cellText(v));
      if (texts.every((t) => t === null || t === undefined)) continue;
      const raw = JSON.stringify(texts.map((t) => t ?? null));
      const fields = ["indicator_name", "value", "unit", "region_code", "region_name", "year", "month", "reported_prev", "reported_yoy"] as const;
      const bad = fields.find((f) => col(vals, f) === undefined);
      if (bad) {
        rejected.push({ sheet: ws.name, row_number: r, field: bad, reason: `cell is an error or a formula without a cached result; enter the number itself`, raw });
        continue;
      }
      const get = (f: (typeof fields)[number]) => col(vals, f) as string | null;
      const indicator = get("indicator_name");
      if (indicator === null || /^(合计|总计|备注|注[:：]|填报人|审核人)/.test(indicator)) continue;
      const row = SubmissionRow({
        sheet: ws.name,
        row_number: r,
        region_code: get("region_code") ?? facts.code,
        region_name: get("region_name"),
        indicator_name: indicator,
        unit: get("unit") ?? match.units.value ?? null,
        year: get("year") ?? facts.year,
        month: get("month") ?? facts.month,
        value: get("value"),
        reported_prev: get("reported_prev"),
        reported_yoy: get("reported_yoy"),
        raw,
      });
      if (row instanceof type.errors) rejected.push({ sheet: ws.name, row_number: r, field: "row", reason: row.summary, raw });
      else rows.push(row);
    }
  }
  if (!anyHeader) throw fail("no sheet has a header row with 指标名称 and 本月累计 (or 数值); check the template");
  return { rows, rejected };
}
