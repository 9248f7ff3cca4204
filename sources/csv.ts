// Reads a delimited text submission's encoding and header so DuckDB's own CSV reader can load its rows
// in bulk (row-by-row parsing in JS would not scale to national data). GBK files are handed back
// decoded so they can be rewritten as UTF-8 for read_csv, which reads UTF-8 only.
import { SourceError } from "../pipelines/errors.ts";
import { type DeclaredEncoding, type DetectedEncoding, EncodingError, decodeText, detectEncoding } from "./encoding.ts";
import { type HeaderMatch, type HeaderSpec, matchHeaders } from "./headers.ts";

export interface CsvPlan<F extends string> {
  encoding: DetectedEncoding;
  delimiter: string;
  headers: string[];
  match: HeaderMatch<F>;
  /** UTF-8 text to hand to read_csv instead of the original file (set for GBK input). */
  utf8Text: string | undefined;
}

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

export function planCsv<F extends string>(
  buf: Uint8Array,
  opts: { sourceId: string; file: string; encoding?: DeclaredEncoding; spec: HeaderSpec<F> },
): CsvPlan<F> {
  if (buf.byteLength === 0) throw new SourceError(opts.sourceId, "the file is empty; re-export it from the submission system", { file: opts.file });
  let encoding: DetectedEncoding;
  try {
    encoding = detectEncoding(buf, opts.encoding ?? "auto");
  } catch (e) {
    if (e instanceof EncodingError) throw new SourceError(opts.sourceId, e.message, { file: opts.file });
    throw e;
  }
  const text = decodeText(buf, encoding);
  const firstLine = text.slice(0, Math.min(text.length, 64 * 1024)).split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [",", "\t", ";", "|"].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0]!;
  const headers = splitCsvLine(firstLine, delimiter);
  const match = matchHeaders(headers, opts.spec);
  if (match.missing.length > 0) {
    throw new SourceError(
      opts.sourceId,
      `header row lacks column(s) ${match.missing.join(", ")} (found: ${headers.join(" | ") || "nothing"}); ` +
        `name them as in the sample files, e.g. ${match.missing.map((f) => opts.spec[f].aliases[0]).join(", ")}`,
      { file: opts.file },
    );
  }
  if (text.includes("\u0000")) throw new SourceError(opts.sourceId, "the file contains NUL bytes: it is binary, not CSV", { file: opts.file });
  return { encoding, delimiter, headers, match, utf8Text: encoding === "gb18030" ? text : undefined };
}
