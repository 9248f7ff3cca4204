// Reads district statistical reports in XLSX: finds the header row under merged title rows, maps the
// Chinese headers, takes the region code and period from the sheet's caption, name or file name, and
// returns one text row per indicator. Formula cells give their cached result, and a formula or error
// cell without one reads as empty, which the staging model quarantines as missing. A number in a
// percent-formatted cell reads as the person sees it: 0.0308 as "3.08%" (sources/table/grid.ts).
// Workbooks are opened with SheetJS behind the zip-bomb guard (sources/table/container.ts): it reads the
// sample's 900 reports in 2.2 s where read-excel-file took 6.2 s, and it reads every other container.
import path from "node:path";
import { SourceError } from "../pipelines/errors.ts";
import { SUBMISSION_HEADERS, matchHeaders } from "./headers.ts";
import { isArkErrors } from "../pipelines/ark.ts";
import { type RejectedRow, type SourceRows, type SubmissionRow, submissionRow } from "./rows.ts";
import { ContainerError, openTableFile } from "./table/container.ts";
import { rankSheets, resolveSheetRepeats } from "./xlsx-sheets.ts";

const MAX_BYTES = 50 * 1024 * 1024;

type Cell = string | number | boolean | Date | null | undefined;

/** Text of a cell as a person sees it. */
export function cellText(v: Cell): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const t = String(v).trim();
  return t === "" ? null : t;
}

function captionFacts(captionsWritten: string, sheetNameWritten: string, file: string) {
  // Full-width digits and signs (２０２５年１－６月, 地区代码：３３０１０２) read as their ASCII forms.
  const captions = captionsWritten.normalize("NFKC");
  const sheetName = sheetNameWritten.normalize("NFKC");
  const code = /(?:地区代码|区划代码)[：:]\s*(\d{6})/.exec(captions)?.[1] ?? /^(\d{6})\b/.exec(path.basename(file))?.[1] ?? null;
  const period =
    /(\d{4})\s*年\s*(?:1\s*[-—~至]\s*)?(\d{1,2})\s*月/.exec(captions) ??
    /(\d{4})\s*年\s*(?:1\s*[-—~至]\s*)?(\d{1,2})\s*月/.exec(sheetName) ??
    /(\d{4})-(\d{2})/.exec(file);
  return { code, year: period?.[1] ?? null, month: period?.[2] ?? null };
}

/** Excel's name of a 0-based column: A … Z, AA, AB, … */
const columnName = (i: number): string => (i >= 26 ? columnName(Math.floor(i / 26) - 1) : "") + String.fromCharCode(65 + (i % 26));

const FIELDS = ["indicator_name", "value", "unit", "region_code", "region_name", "year", "month", "reported_prev", "reported_yoy"] as const;

export async function readXlsx(buf: Buffer, opts: { sourceId: string; file: string }): Promise<SourceRows<SubmissionRow>> {
  const fail = (msg: string) => new SourceError(opts.sourceId, msg, { file: opts.file });
  if (buf.byteLength === 0) throw fail("the file is empty; re-export it from Excel");
  if (buf.byteLength > MAX_BYTES) throw fail(`the file is ${Math.round(buf.byteLength / 1e6)} MB; split it (limit ${MAX_BYTES / 1e6} MB)`);
  if (buf[0] === 0xd0 && buf[1] === 0xcf) throw fail("this is a legacy .xls workbook; save it as .xlsx in Excel");
  if (buf[0] !== 0x50 || buf[1] !== 0x4b) throw fail("this is not an XLSX workbook (no zip signature); if it is CSV, give it a .csv name");
  let sheets: { sheet: string; data: Cell[][]; hidden: boolean }[];
  try {
    // A cell formatted as a percentage shows 3.08% where it holds 0.0308: the grid reads it as the person
    // sees it, "3.08%" (staging takes 3.08 for an indicator in %, and refuses it for one in another unit).
    // Merged cells are not copied across: a district report's header is one row under merged captions.
    sheets = openTableFile(buf, { fillMerges: false }).sheets.map((s) => ({ sheet: s.name, data: s.grid, hidden: s.hidden }));
  } catch (e) {
    if (e instanceof ContainerError && e.message.startsWith("cannot open the workbook:")) throw fail(e.message);
    if (e instanceof ContainerError && e.message.startsWith("cannot open the workbook (")) throw fail(`${e.message}; open and save it again in Excel`);
    throw fail(`cannot open the workbook (${(e as Error).message.replace(/^cannot open it as XLSX \((.*)\); open it in Excel and save it again as \.xlsx$/, "$1")}); open and save it again in Excel`);
  }
  const rows: SubmissionRow[] = [];
  const rejected: RejectedRow[] = [];
  let anyHeader = false;
  const hidden = new Set(sheets.filter((s) => s.hidden).map((s) => s.sheet));
  for (const { sheet, data } of rankSheets(sheets, hidden)) {
    let headerIdx = -1;
    let match: ReturnType<typeof matchHeaders<keyof typeof SUBMISSION_HEADERS>> | undefined;
    const captions: string[] = [];
    for (let r = 0; r < Math.min(data.length, 15) && headerIdx < 0; r++) {
      const vals = data[r]!.map(cellText);
      const m = matchHeaders(vals, SUBMISSION_HEADERS);
      if (m.columns.indicator_name !== undefined && m.columns.value !== undefined) (headerIdx = r), (match = m);
      else captions.push(vals.filter(Boolean).join(" "));
    }
    if (!match) continue;
    anyHeader = true;
    const twice = Object.entries(match.duplicates) as [string, number[]][];
    if (twice.length > 0) {
      throw fail(`sheet ${sheet}, row ${headerIdx + 1}: ${twice.map(([f, cs]) => `${f} is named in columns ${cs.map(columnName).join(" and ")}`).join("; ")}; keep one column per field`);
    }
    const facts = captionFacts(captions.join(" "), sheet, opts.file);
    for (let r = headerIdx + 1; r < data.length; r++) {
      const texts = data[r]!.map(cellText);
      if (texts.every((t) => t === null)) continue;
      const get = (f: (typeof FIELDS)[number]) => {
        const i = match!.columns[f];
        return i === undefined ? null : (texts[i] ?? null);
      };
      const indicator = get("indicator_name");
      const raw = JSON.stringify(texts);
      if (indicator === null && /[\d０-９]/.test(get("value") ?? "")) {
        // A figure whose indicator cell was left empty (or lost in a merge): say so rather than drop it.
        // (Text under an empty indicator cell is the second row of a two-row header, not a figure.)
        rejected.push({ sheet, row_number: r + 1, field: "indicator", reason: `indicator name missing for the value "${get("value")}"; fill in the 指标名称 cell`, raw });
        continue;
      }
      if (indicator === null || /^(合计|总计|备注|注[:：]|填报人|审核人)/.test(indicator)) continue;
      // Sheet rows are 1-based, as Excel shows them.
      const row = submissionRow()({
        sheet,
        row_number: r + 1,
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
      if (isArkErrors(row)) rejected.push({ sheet, row_number: r + 1, field: "row", reason: row.summary, raw });
      else rows.push(row);
    }
  }
  if (!anyHeader) throw fail("no sheet has a header row with 指标名称 and 本月累计 (or 数值); check the template");
  const sheetsResolved = resolveSheetRepeats(rows, hidden);
  return { rows: sheetsResolved.rows, rejected: [...rejected, ...sheetsResolved.rejected] };
}
