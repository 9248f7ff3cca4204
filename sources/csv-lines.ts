// The tolerant reader for the few CSV files DuckDB's read_csv cannot read line by line: a lone CR line
// ending (read_csv fails the whole file), a quote that runs over a line break (never closed, read_csv
// swallows every line after it into the bad row or into a cell), and files mixing encodings (UTF-8 with a few GBK lines, or GBK text
// behind a UTF-8 BOM). It reads the file in memory, a line at a time, so a bad line costs only itself;
// clean files keep the fast bulk path (pipelines/load-csv.ts). Rows are numbered as read_csv numbers
// them: one per record, a quoted cell's line breaks do not start a row, blank lines count.
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

export interface LineRecord {
  row: number;
  fields: string[];
  raw: string;
}

export interface LineRejected {
  row: number;
  field: string;
  reason: string;
  raw: string;
}

export interface LineParse {
  records: LineRecord[];
  rejected: LineRejected[];
}

/** How far a quoted cell may run over line breaks before the quote is taken as never closed. */
const MAX_QUOTED_LINES = 50;

/** Physical lines of the bytes, split at CRLF, LF or a lone CR (both encodings keep these bytes whole). */
export function splitLines(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x0a && b !== 0x0d) continue;
    out.push(bytes.subarray(start, i));
    if (b === 0x0d && bytes[i + 1] === 0x0a) i++;
    start = i + 1;
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

const BOM = [0xef, 0xbb, 0xbf];
export const hasBom = (b: Uint8Array) => BOM.every((x, i) => b[i] === x);
const isBlank = (s: string) => s.replace(/[\s\u3000]/g, "") === "";

/**
 * Decodes one line. In a UTF-8 file a line that is not UTF-8 is returned undefined (its GBK reading as
 * `shown`), so the caller can quarantine it for its encoding instead of loading garbled text.
 */
function decodeLine(line: Uint8Array, encoding: "utf-8" | "gb18030"): { text: string | undefined; shown: string } {
  const buf = Buffer.from(line.buffer, line.byteOffset, line.byteLength);
  if (encoding === "gb18030") return { text: iconv.decode(buf, "gb18030"), shown: "" };
  if (isUtf8(buf)) return { text: buf.toString("utf8"), shown: "" };
  return { text: undefined, shown: iconv.decode(buf, "gb18030") };
}

/**
 * Splits one record starting at line `i`: fields, and the index of its last line; `open` when a quote
 * opened at the start of a field is still open at the end of the file or MAX_QUOTED_LINES lines on.
 */
function readRecord(lines: readonly string[], i: number, delimiter: string): { fields: string[]; last: number; open: boolean; swallowed: number } {
  const fields: string[] = [];
  let cur = "";
  let quoted = false;
  let atFieldStart = true;
  // The most delimiters one later line has inside the quote: a whole row swallowed has a row's worth.
  let swallowed = 0;
  for (let j = i; j < lines.length && j - i < MAX_QUOTED_LINES; j++) {
    const line = lines[j]!;
    let inside = 0;
    for (let k = 0; k < line.length; k++) {
      const c = line[k]!;
      if (quoted) {
        if (c === '"' && line[k + 1] === '"') (cur += '"'), k++;
        else if (c === '"') quoted = false;
        else {
          cur += c;
          if (c === delimiter && j > i) inside++;
        }
      } else if (c === '"' && atFieldStart) (quoted = true), (atFieldStart = false);
      else if (c === delimiter) fields.push(cur), (cur = ""), (atFieldStart = true);
      else {
        cur += c;
        if (c !== " ") atFieldStart = false;
      }
    }
    swallowed = Math.max(swallowed, inside);
    if (!quoted) {
      fields.push(cur);
      return { fields, last: j, open: false, swallowed };
    }
    cur += "\n";
  }
  return { fields, last: i, open: true, swallowed };
}

/**
 * Parses the data lines after the header (`headerRow`, 1-based, as the plan found it) into records of
 * at most `columns` fields; a line that cannot be read is rejected alone with the reason.
 */
export function parseLines(bytes: Uint8Array, opts: { encoding: "utf-8" | "gb18030"; delimiter: string; headerRow: number; columns: number }): LineParse {
  const body = hasBom(bytes) ? bytes.subarray(3) : bytes;
  const physical = splitLines(body);
  const texts: string[] = [];
  const badEncoding = new Map<number, string>();
  physical.forEach((l, i) => {
    const d = decodeLine(l, opts.encoding);
    texts.push(d.text ?? "");
    if (d.text === undefined) badEncoding.set(i, d.shown);
  });
  const encodingRows: number[] = [];
  const records: LineRecord[] = [];
  const rejected: LineRejected[] = [];
  // Row numbers count records: the header's row is its line (no quoted line breaks above it).
  let row = opts.headerRow;
  for (let i = opts.headerRow; i < texts.length; i++) {
    row++;
    if (badEncoding.has(i)) {
      encodingRows.push(row);
      rejected.push({ row, field: "row", raw: badEncoding.get(i)!, reason: "" });
      continue;
    }
    if (isBlank(texts[i]!)) continue;
    const rec = readRecord(texts, i, opts.delimiter);
    const raw = texts.slice(i, rec.last + 1).join("\n");
    // A quote never closed, or closed only by a quote lines further on (the record comes out too wide,
    // or the lines it swallowed are whole rows themselves; an Alt+Enter inside a cell breaks a name or
    // a note, not a row): the line that opened it is malformed, and reading starts again on the next line.
    const looksLikeRows = opts.columns >= 3 && rec.swallowed >= opts.columns - 1;
    if (rec.open || (rec.last > i && rec.fields.length > opts.columns) || looksLikeRows) {
      rejected.push({ row, field: "row", raw: texts[i]!, reason: "malformed CSV line: unterminated quote (the quote opened in this line is never closed); fix the line in the file" });
      continue;
    }
    if (rec.fields.length > opts.columns) {
      const hint = /\d,\d{3}(\D|$)/.test(raw) ? '; a number with a thousands separator such as 1,096 must be quoted ("1,096") or written 1096' : "";
      rejected.push({ row, field: "row", raw, reason: `malformed CSV line: too many columns (Expected Number of Columns: ${opts.columns} Found: ${rec.fields.length})${hint}; fix the line in the file` });
      i = rec.last;
      continue;
    }
    records.push({ row, fields: rec.fields, raw: rec.fields.join(opts.delimiter) });
    i = rec.last;
  }
  for (const r of rejected) {
    if (r.reason !== "") continue;
    r.reason = `encoding: line ${r.row} is not UTF-8 like the rest of the file (it looks like GBK; the first such line is ${encodingRows[0]}); save the file again as CSV UTF-8`;
  }
  return { records, rejected };
}
