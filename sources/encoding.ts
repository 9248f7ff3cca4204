// Decides how a submitted text file is encoded and decodes it. Bureaus export from Excel on Windows,
// so GBK/GB18030 without a BOM is common; UTF-8 is checked strictly so GBK is never silently misread.
// The decision works on facts a streaming reader can gather chunk by chunk (see sources/csv.ts), so an
// enormous file is never held in memory to be classified.
import { isAscii, isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

export type DeclaredEncoding = "auto" | "utf-8" | "gbk" | "gb18030";
export type DetectedEncoding = "utf-8" | "utf-8-bom" | "gb18030";

export class EncodingError extends Error {}

/** What a pass over the bytes found out. */
export interface EncodingFacts {
  /** Starts with the UTF-8 BOM EF BB BF. */
  bom: boolean;
  /** Starts with a UTF-16 BOM (FF FE little-endian, FE FF big-endian). */
  utf16: "le" | "be" | undefined;
  /**
   * Valid UTF-8 throughout, except possibly a multi-byte character cut off at the very end (a file
   * truncated in transfer is still UTF-8: its last line is damaged, not every line).
   */
  utf8: boolean;
  /** Has bytes ≥ 0x80, i.e. text beyond ASCII. */
  multibyte: boolean;
  /** The bytes themselves are valid UTF-8 (utf8 also holds for any file with a BOM; this does not). */
  validUtf8?: boolean;
}

/**
 * Incrementally gathers EncodingFacts; feed it every chunk in order, then call finish(). Checks bytes
 * natively (buffer.isUtf8/isAscii), allocating nothing per chunk, so a huge file costs no garbage.
 */
export class EncodingSniffer {
  private first: Uint8Array | undefined;
  /** The bytes of a character split across two chunks, carried to the next one. */
  private carry: Buffer = Buffer.alloc(0);
  private valid = true;
  private multibyte = false;

  push(input: Uint8Array): void {
    if (!this.first) this.first = input.subarray(0, 3);
    else if (this.first.length < 3) this.first = Uint8Array.from([...this.first, ...input.subarray(0, 3 - this.first.length)]);
    if (!this.multibyte && !isAscii(input)) this.multibyte = true;
    if (!this.valid) return;
    const chunk = this.carry.length ? Buffer.concat([this.carry, input]) : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    // Keep back a trailing character that is still incomplete: its remaining bytes are in the next chunk.
    let end = chunk.length;
    for (let i = chunk.length - 1; i >= Math.max(0, chunk.length - 4); i--) {
      const b = chunk[i]!;
      if (b < 0x80) break;
      if (b >= 0xc0) {
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
        if (chunk.length - i < need) end = i;
        break;
      }
    }
    if (!isUtf8(chunk.subarray(0, end))) this.valid = false;
    this.carry = Buffer.from(chunk.subarray(end));
  }

  finish(): EncodingFacts {
    // A character left incomplete at the very end is a cut-off one: still UTF-8 (see EncodingFacts.utf8),
    // provided what is there is the start of a UTF-8 character.
    const c = this.carry;
    if (c.length && !(c[0]! >= 0xc2 && c[0]! <= 0xf4 && c.subarray(1).every((x) => x >= 0x80 && x <= 0xbf))) this.valid = false;
    const b = this.first ?? new Uint8Array();
    const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
    const utf16 = b[0] === 0xff && b[1] === 0xfe ? "le" : b[0] === 0xfe && b[1] === 0xff ? "be" : undefined;
    return { bom, utf16, utf8: bom || this.valid, multibyte: this.multibyte, validUtf8: this.valid };
  }
}

export function encodingFacts(buf: Uint8Array): EncodingFacts {
  const s = new EncodingSniffer();
  s.push(buf);
  return s.finish();
}

/** Decides (or checks the declared) encoding from the facts; throws EncodingError with a fix when they disagree. */
export function decideEncoding(f: EncodingFacts, declared: DeclaredEncoding = "auto"): DetectedEncoding {
  if (f.utf16) throw new EncodingError(`file is UTF-16 (${f.utf16 === "le" ? "little" : "big"}-endian, as Excel's "Unicode text" saves it); save it as CSV UTF-8 or GBK`);
  if (declared === "utf-8") {
    if (!f.utf8) throw new EncodingError('file is not valid UTF-8 (it looks like GBK); set encoding to "gbk" or "auto" for this source');
    return f.bom ? "utf-8-bom" : "utf-8";
  }
  if (declared === "gbk" || declared === "gb18030") {
    if (f.bom || (f.utf8 && f.multibyte)) {
      throw new EncodingError('file is UTF-8 but the source declares GBK; set encoding to "utf-8" or "auto" for this source');
    }
    return "gb18030";
  }
  return f.bom ? "utf-8-bom" : f.utf8 ? "utf-8" : "gb18030";
}

/** Detects (or checks the declared) encoding of bytes in memory; throws EncodingError with a fix when they disagree. */
export function detectEncoding(buf: Uint8Array, declared: DeclaredEncoding = "auto"): DetectedEncoding {
  return decideEncoding(encodingFacts(buf), declared);
}

/** Decodes to a JS string without BOM. GB18030 is a superset of GBK, so it reads both. */
export function decodeText(buf: Uint8Array, encoding: DetectedEncoding): string {
  if (encoding === "gb18030") return iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), "gb18030");
  const text = new TextDecoder("utf-8").decode(buf);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
