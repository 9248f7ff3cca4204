// Opens a bureau table file by what its bytes are, not by its name: an XLSX workbook (zip, behind the
// zip-bomb guard), a legacy BIFF8 .xls, an ".xls" that is really an HTML table (GBK or UTF-8), or
// CSV/TSV text (GBK or UTF-8). Every container becomes the same thing: sheets of text cells with
// merged ranges filled across, as a person reading the printed table sees them.
import * as XLSX from "@e965/xlsx";
import { type DetectedEncoding, EncodingError, decodeText, detectEncoding } from "../encoding.ts";
import { sheetParts } from "../xlsx-formats.ts";
import { ZipGuardError, checkZip } from "../zip-guard.ts";
import { type Grid, sheetGrid } from "./grid.ts";

export type Container = "xlsx" | "xls" | "html" | "csv";

export interface OpenedSheet {
  name: string;
  hidden: boolean;
  grid: Grid;
}

export interface OpenedFile {
  container: Container;
  encoding: DetectedEncoding | null;
  sheets: OpenedSheet[];
}

export class ContainerError extends Error {}

const MAX_BYTES = 50 * 1024 * 1024;
/** What a workbook may unpack to: bureau tables unpack to well under a megabyte. */
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

/** What the bytes are, from their first bytes: zip, OLE2 (BIFF8), HTML markup or plain text. */
export function sniffContainer(buf: Uint8Array, text?: () => string): Container {
  if (buf[0] === 0x50 && buf[1] === 0x4b) return "xlsx";
  if (buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) return "xls";
  const head = (text?.() ?? Buffer.from(buf.subarray(0, 4096)).toString("latin1")).slice(0, 4096).toLowerCase();
  if (/<(html|table|meta|!doctype html|\?xml[^>]*>\s*<html)/.test(head) && head.includes("<t")) return "html";
  return "csv";
}

export interface OpenOpts {
  encoding?: "auto" | "utf-8" | "gbk" | "gb18030";
  /** Copy a merged range's value over the whole range (default). District reports read without it. */
  fillMerges?: boolean;
}

export function openTableFile(buf: Buffer, opts: OpenOpts = {}): OpenedFile {
  if (buf.byteLength === 0) throw new ContainerError("the file is empty; export it again");
  if (buf.byteLength > MAX_BYTES) throw new ContainerError(`the file is ${Math.round(buf.byteLength / 1e6)} MB; split it (limit ${MAX_BYTES / 1e6} MB)`);
  const container = sniffContainer(buf);
  let wb: XLSX.WorkBook;
  let encoding: DetectedEncoding | null = null;
  let parts: Map<string, Buffer> | undefined;
  try {
    if (container === "xlsx") {
      try {
        parts = checkZip(buf, MAX_UNPACKED_BYTES, (n) => n === "xl/workbook.xml" || n === "xl/_rels/workbook.xml.rels");
      } catch (e) {
        if (e instanceof ZipGuardError) throw new ContainerError(`cannot open the workbook: ${e.message}; open it in Excel and save it again as .xlsx`);
        throw e;
      }
      wb = XLSX.read(buf, { type: "buffer", cellNF: true, cellHTML: false, cellText: false, cellDates: false });
    } else if (container === "xls") {
      wb = XLSX.read(buf, { type: "buffer", cellNF: true, cellHTML: false, cellText: false, cellDates: false });
    } else {
      try {
        encoding = declaredCharset(buf) ?? detectEncoding(buf, opts.encoding ?? "auto");
      } catch (e) {
        if (e instanceof EncodingError) throw new ContainerError(e.message);
        throw e;
      }
      const text = decodeText(buf, encoding);
      if (container === "csv" && text.includes("\u0000")) throw new ContainerError("the file contains NUL bytes: it is binary (or UTF-16), not a table; save it as .xlsx or CSV");
      // raw: cells keep the text as written ("1,096", "3.08%", "330102"); staging types them.
      wb = XLSX.read(text, { type: "string", raw: true, cellNF: true, dense: false });
    }
  } catch (e) {
    if (e instanceof ContainerError) throw e;
    throw new ContainerError(`cannot open it as ${container === "html" ? "an HTML table" : container.toUpperCase()} (${(e as Error).message}); open it in Excel and save it again as .xlsx`);
  }
  const meta = wb.Workbook?.Sheets ?? [];
  const sheets = wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name];
    if (!ws) {
      // A workbook listing a sheet whose part is gone: say which part, as the zip names it.
      const wbXml = parts?.get("xl/workbook.xml")?.toString("utf8");
      const rels = parts?.get("xl/_rels/workbook.xml.rels")?.toString("utf8");
      const part = wbXml && rels ? sheetParts(wbXml, rels).get(name) : undefined;
      throw new ContainerError(`cannot open the workbook ("${part ?? name}" file not found)`);
    }
    return { name, hidden: (meta[i]?.Hidden ?? 0) !== 0, grid: sheetGrid(ws, opts.fillMerges ?? true) };
  });
  return { container, encoding, sheets };
}

/** An HTML export names its charset in a meta tag; trust it over byte statistics (short GBK files look like anything). */
function declaredCharset(buf: Buffer): DetectedEncoding | null {
  const head = buf.subarray(0, 2048).toString("latin1").toLowerCase();
  const m = /charset\s*=\s*["']?([a-z0-9_-]+)/.exec(head);
  if (!m) return null;
  if (/^(gbk|gb2312|gb18030|x-gbk|cp936)$/.test(m[1]!)) return "gb18030";
  if (/^utf-?8$/.test(m[1]!)) return buf[0] === 0xef ? "utf-8-bom" : "utf-8";
  return null;
}
