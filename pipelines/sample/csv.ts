// CSV output as bureaus export it: minimal quoting, UTF-8 (optionally with BOM) or GBK with CRLF.
// Lines are buffered and encoded in chunks so a national-scale file streams to disk.
import iconv from "iconv-lite";
import type { ByteSink } from "./io.ts";

export type CsvEncoding = "utf8" | "utf8-bom" | "gbk";

export interface CsvFormat {
  encoding: CsvEncoding;
  eol: "\n" | "\r\n";
}

/** Quotes a field only when it holds a delimiter, quote or line break. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(",");
}

function encode(text: string, encoding: CsvEncoding): Uint8Array {
  return encoding === "gbk" ? iconv.encode(text, "gbk") : Buffer.from(text, "utf8");
}

const CHUNK_CHARS = 1 << 18;

/** Writes CSV lines to a sink; `row` is the 1-based line number of the last line written (header = 1). */
export class CsvWriter {
  row = 0;
  bytes = 0;
  private parts: string[] = [];
  private pending = 0;

  constructor(private readonly sink: ByteSink, private readonly format: CsvFormat) {
    if (format.encoding === "utf8-bom") this.emit(new Uint8Array([0xef, 0xbb, 0xbf]));
  }

  /** Writes a line already joined (fields quoted by the caller) and returns its row number. */
  raw(line: string): number {
    this.parts.push(line, this.format.eol);
    this.pending += line.length + 2;
    if (this.pending >= CHUNK_CHARS) this.flush();
    return ++this.row;
  }

  line(fields: readonly string[]): number {
    return this.raw(csvLine(fields));
  }

  close(): void {
    this.flush();
    this.sink.close();
  }

  private flush(): void {
    if (!this.parts.length) return;
    this.emit(encode(this.parts.join(""), this.format.encoding));
    this.parts = [];
    this.pending = 0;
  }

  private emit(bytes: Uint8Array): void {
    this.bytes += bytes.length;
    this.sink.write(bytes);
  }
}
