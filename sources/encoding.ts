// Decides how a submitted text file is encoded and decodes it. Bureaus export from Excel on Windows,
// so GBK/GB18030 without a BOM is common; UTF-8 is checked strictly so GBK is never silently misread.
import iconv from "iconv-lite";

export type DeclaredEncoding = "auto" | "utf-8" | "gbk" | "gb18030";
export type DetectedEncoding = "utf-8" | "utf-8-bom" | "gb18030";

export class EncodingError extends Error {}

function isUtf8(buf: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

const hasMultibyte = (buf: Uint8Array) => buf.some((b) => b >= 0x80);

/** Detects (or checks the declared) encoding; throws EncodingError with a fix when they disagree. */
export function detectEncoding(buf: Uint8Array, declared: DeclaredEncoding = "auto"): DetectedEncoding {
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  if (buf[0] === 0xff && buf[1] === 0xfe) throw new EncodingError("file is UTF-16; save it as UTF-8 or GBK");
  const utf8 = bom || isUtf8(buf);
  if (declared === "utf-8") {
    if (!utf8) throw new EncodingError('file is not valid UTF-8 (it looks like GBK); set encoding to "gbk" or "auto" for this source');
    return bom ? "utf-8-bom" : "utf-8";
  }
  if (declared === "gbk" || declared === "gb18030") {
    if (bom || (utf8 && hasMultibyte(buf))) {
      throw new EncodingError('file is UTF-8 but the source declares GBK; set encoding to "utf-8" or "auto" for this source');
    }
    return "gb18030";
  }
  return bom ? "utf-8-bom" : utf8 ? "utf-8" : "gb18030";
}

/** Decodes to a JS string without BOM. GB18030 is a superset of GBK, so it reads both. */
export function decodeText(buf: Uint8Array, encoding: DetectedEncoding): string {
  if (encoding === "gb18030") return iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), "gb18030");
  const text = new TextDecoder("utf-8").decode(buf);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
