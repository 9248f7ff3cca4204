// Reads a delimited text submission's encoding and header so DuckDB's own CSV reader can load its rows
// in bulk (row-by-row parsing in JS would not scale to national data). Files are read as a stream, a
// chunk at a time (hash, encoding, header, blank lines), so an enormous file never sits in memory;
// GBK files are transcoded to a UTF-8 copy the same way, because read_csv reads UTF-8 only.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import iconv from "iconv-lite";
import { SourceError } from "../pipelines/errors.ts";
import {
  type DeclaredEncoding, type DetectedEncoding, type EncodingFacts, EncodingError, EncodingSniffer, decideEncoding, decodeText, encodingFacts,
} from "./encoding.ts";
import { isAscii, isUtf8 } from "node:buffer";
import { hasBom, splitLines } from "./csv-lines.ts";
import { type HeaderMatch, type HeaderSpec, matchHeaders } from "./headers.ts";

export interface CsvPlan<F extends string> {
  encoding: DetectedEncoding;
  delimiter: string;
  headers: string[];
  match: HeaderMatch<F>;
  /** Row (1-based, as Excel numbers them) of the header: blank lines above it are skipped. */
  headerRow: number;
  /** Rows after the header that are blank: read_csv skips them, so they must not shift later rows' numbers. */
  blankRows: number[];
  /** GBK input: read_csv needs a UTF-8 copy (transcodeCsvFile). */
  transcode: boolean;
  /**
   * Why read_csv cannot read this file line by line (sources/csv-lines.ts reads it instead): a lone CR
   * line ending, lines in two encodings, GBK text behind a UTF-8 BOM. Undefined for nearly every file.
   */
  tolerant?: { why: "lone-cr" | "mixed-encoding" | "bom-gbk" | "quoted-line-break"; encoding: "utf-8" | "gb18030" };
}

interface PlanOpts<F extends string> {
  sourceId: string;
  file: string;
  encoding?: DeclaredEncoding;
  spec: HeaderSpec<F>;
}

/** Bytes of the file start read to find the header line. */
const HEAD_BYTES = 64 * 1024;
const CHUNK_BYTES = 1024 * 1024;

/** Splits one CSV line, honouring double quotes (only used for the header line). */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) out.push(cur), (cur = "");
    else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

interface Scanned {
  facts: EncodingFacts;
  /** The first bytes (HEAD_BYTES), with the header line in them. */
  head: Uint8Array;
  size: number;
  nulBytes: number;
  blankRows: number[];
  /** A CR not followed by LF somewhere: read_csv fails such a file as a whole. */
  loneCr: boolean;
  /** A line break inside quotes: an Alt+Enter in a cell, or a quote never closed that swallows the lines after it. */
  quotedBreak: boolean;
}

/** Files up to this size with a quoted line break are read by the tolerant reader (csv-lines.ts). */
const TOLERANT_MAX_BYTES = 64 * 1024 * 1024;

/** The first non-blank line's bytes (after a BOM): to tell what encoding the header is in. */
function headerBytes(head: Uint8Array): Uint8Array {
  const b = hasBom(head) ? head.subarray(3) : head;
  for (const l of splitLines(b)) if (l.some((x) => x !== 0x20 && x !== 0x09)) return l;
  return new Uint8Array();
}

function plan<F extends string>(s: Scanned, opts: PlanOpts<F>): CsvPlan<F> {
  const fail = (msg: string) => new SourceError(opts.sourceId, msg, { file: opts.file });
  if (s.size === 0) throw fail("the file is empty; re-export it from the submission system");
  let encoding: DetectedEncoding;
  let tolerant: CsvPlan<F>["tolerant"];
  // A header in UTF-8 Chinese over lines that are not UTF-8: a file that mixes encodings (a few GBK
  // lines pasted at its end). Its UTF-8 lines load; the others are quarantined for their encoding.
  const header = Buffer.from(headerBytes(s.head));
  const mixed = !s.facts.validUtf8 && isUtf8(header) && !isAscii(header);
  try {
    encoding = decideEncoding(s.facts, opts.encoding ?? "auto");
  } catch (e) {
    if (!(e instanceof EncodingError)) throw e;
    if (!(mixed && opts.encoding === "utf-8")) throw fail(e.message);
    encoding = "utf-8";
  }
  if (mixed && encoding !== "gb18030" || mixed && (opts.encoding ?? "auto") === "auto") {
    encoding = s.facts.bom ? "utf-8-bom" : "utf-8";
    tolerant = { why: "mixed-encoding", encoding: "utf-8" };
  } else if (s.facts.bom && !s.facts.validUtf8 && (opts.encoding ?? "auto") !== "utf-8") {
    // A UTF-8 BOM in front of text that is not UTF-8 (a GBK file someone re-saved badly): the text wins.
    encoding = "gb18030";
    tolerant = { why: "bom-gbk", encoding: "gb18030" };
  } else if (s.loneCr) {
    tolerant = { why: "lone-cr", encoding: encoding === "gb18030" ? "gb18030" : "utf-8" };
  } else if (s.quotedBreak && s.size <= TOLERANT_MAX_BYTES) {
    tolerant = { why: "quoted-line-break", encoding: encoding === "gb18030" ? "gb18030" : "utf-8" };
  }
  if (s.nulBytes > 0 && s.nulBytes * 100 >= s.size) {
    throw fail(`the file contains ${s.nulBytes} NUL bytes: it is binary (or UTF-16 without a BOM), not CSV; save it as CSV UTF-8 or GBK`);
  }
  const lines = (tolerant?.why === "bom-gbk" ? decodeText(s.head.subarray(3), "gb18030") : decodeText(s.head, encoding)).split(/\r\n|\n|\r/);
  // A full last line is a complete header only when the whole file is in the head.
  const complete = s.size <= s.head.length ? lines.length : lines.length - 1;
  const at = lines.slice(0, complete).findIndex((l) => l.trim() !== "");
  if (at < 0) {
    throw fail(s.size <= s.head.length
      ? "the file has only blank lines, no header row; re-export it from the submission system"
      : `no header row in the first ${HEAD_BYTES / 1024} KB; the header must be the first non-blank line`);
  }
  const firstLine = lines[at]!;
  if (firstLine.includes("\u0000")) throw fail("the header row contains NUL bytes: the file is binary, not CSV; save it as CSV UTF-8 or GBK");
  const delimiter = [",", "\t", ";", "|"].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0]!;
  const headers = splitCsvLine(firstLine, delimiter);
  const match = matchHeaders(headers, opts.spec);
  if (match.missing.length > 0) {
    throw fail(
      `header row (line ${at + 1}) lacks column(s) ${match.missing.join(", ")} (found: ${headers.join(" | ") || "nothing"}); ` +
        `name them as in the sample files, e.g. ${match.missing.map((f) => opts.spec[f].aliases[0]).join(", ")}`,
    );
  }
  const twice = Object.entries(match.duplicates) as [F, number[]][];
  if (twice.length > 0) {
    throw fail(
      `header row (line ${at + 1}) names ${twice.map(([f, cols]) => `${f} in columns ${cols.map((c) => `${c + 1} (${headers[c]})`).join(" and ")}`).join("; ")}; ` +
        "it is not clear which to load: keep one column per field",
    );
  }
  return {
    encoding, delimiter, headers, match, headerRow: at + 1, blankRows: s.blankRows.filter((r) => r > at + 1),
    transcode: encoding === "gb18030" && !tolerant, ...(tolerant ? { tolerant } : {}),
  };
}

/**
 * Rows (1-based, counted as read_csv and Excel count them: a quoted cell's line breaks do not start a
 * row) that are empty. Works on bytes: `"` and line feeds never occur inside a UTF-8 or GBK character.
 */
class BlankRows {
  readonly rows: number[] = [];
  private row = 1;
  private quoted = false;
  private empty = true;
  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 0x22) (this.quoted = !this.quoted), (this.empty = false);
      else if (b === 0x0a && !this.quoted) {
        if (this.empty) this.rows.push(this.row);
        this.row++;
        this.empty = true;
      } else if (b !== 0x0d) this.empty = false;
    }
  }
}

export interface CsvScan<F extends string> {
  /** sha256 of the file's bytes. */
  hash: string;
  /** The plan, or the SourceError saying why the file cannot be loaded (thrown). */
  plan: () => CsvPlan<F>;
}

/**
 * Reads a CSV file as a stream, a chunk at a time: its hash, encoding, header and blank lines. Memory
 * stays at a few chunks whatever the file's size. Blank lines inside the data (rare) cost one more pass.
 */
export async function planCsvFile<F extends string>(absPath: string, opts: PlanOpts<F>): Promise<CsvScan<F>> {
  const hasher = createHash("sha256");
  const sniffer = new EncodingSniffer();
  const heads: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  let nulBytes = 0;
  // A blank line followed by more data shifts read_csv's rows; trailing blank lines do not matter.
  let firstBlank = -1;
  let lastContent = -1;
  let tail = Buffer.alloc(0);
  let loneCr = false;
  let crAtEnd = false;
  // Quote state across chunks: found by jumping from quote to quote, so files without quotes cost nothing.
  let inQuote = false;
  let quotedBreak = false;
  for await (const chunk of createReadStream(absPath, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    hasher.update(chunk);
    if (!loneCr) {
      if (crAtEnd && chunk[0] !== 0x0a) loneCr = true;
      for (let i = chunk.indexOf(0x0d); i >= 0 && !loneCr; i = chunk.indexOf(0x0d, i + 1)) if (i + 1 < chunk.length && chunk[i + 1] !== 0x0a) loneCr = true;
      crAtEnd = chunk[chunk.length - 1] === 0x0d;
    }
    if (!quotedBreak) {
      let pos = 0;
      for (;;) {
        const q = chunk.indexOf(0x22, pos);
        if (inQuote) {
          const lf = chunk.indexOf(0x0a, pos);
          if (lf >= 0 && (q < 0 || lf < q)) {
            quotedBreak = true;
            break;
          }
        }
        if (q < 0) break;
        inQuote = !inQuote;
        pos = q + 1;
      }
    }
    sniffer.push(chunk);
    if (headLength < HEAD_BYTES) {
      heads.push(chunk.subarray(0, HEAD_BYTES - headLength));
      headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
    }
    for (let i = chunk.indexOf(0); i >= 0; i = chunk.indexOf(0, i + 1)) nulBytes++;
    if (firstBlank < 0) {
      const joined = Buffer.concat([tail, chunk]);
      const at = [joined.indexOf("\n\n"), joined.indexOf("\n\r\n")].filter((i) => i >= 0).sort((a, b) => a - b)[0];
      if (at !== undefined) firstBlank = size - tail.length + at;
      tail = joined.subarray(Math.max(0, joined.length - 2));
    }
    for (let i = chunk.length - 1; i >= 0; i--) {
      const b = chunk[i]!;
      if (b !== 0x0a && b !== 0x0d && b !== 0x20 && b !== 0x09) {
        lastContent = size + i;
        break;
      }
    }
    size += chunk.length;
  }
  let blankRows: number[] = [];
  if (firstBlank >= 0 && firstBlank < lastContent) {
    const blanks = new BlankRows();
    for await (const chunk of createReadStream(absPath, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) blanks.push(chunk);
    blankRows = blanks.rows;
  }
  // A CR as the very last byte ends the last line: not a lone CR inside the file.
  const scanned: Scanned = { facts: sniffer.finish(), head: Buffer.concat(heads), size, nulBytes, blankRows, loneCr, quotedBreak };
  return { hash: hasher.digest("hex"), plan: () => plan(scanned, opts) };
}

/** Writes a GBK/GB18030 file as UTF-8 for read_csv, a chunk at a time. */
export async function transcodeCsvFile(fromPath: string, toPath: string): Promise<void> {
  // Small chunks: each decoded piece is a short-lived string the young generation collects at once.
  await pipeline(createReadStream(fromPath, { highWaterMark: 64 * 1024 }), iconv.decodeStream("gb18030"), iconv.encodeStream("utf8"), createWriteStream(toPath));
}
