// Turns the bytes of a downloaded report into a string: strips a BOM and falls back to GB18030
// (a superset of GBK and GB2312) when the bytes are not valid UTF-8, as many bureau sites still serve GBK.
import iconv from "iconv-lite";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes report bytes. Offsets of figures refer to the string returned here (BOM already removed). */
export function decodeReport(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return utf8Lenient(bytes.subarray(3));
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(Buffer.from(bytes.subarray(2)), "utf16le");
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(Buffer.from(bytes.subarray(2)), "utf16be");
  try {
    return stripBom(utf8.decode(bytes));
  } catch {
    // Not UTF-8: GB18030 decodes every GBK/GB2312 byte sequence and never throws.
    return stripBom(iconv.decode(Buffer.from(bytes), "gb18030"));
  }
}

/** Removes a leading U+FEFF, which a decoder may leave when the BOM was written twice or by a GBK tool. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// A file that announces UTF-8 with a BOM but carries a stray bad byte is still mostly UTF-8:
// replacement characters keep the offsets of the rest of the text meaningful.
function utf8Lenient(bytes: Uint8Array): string {
  return stripBom(new TextDecoder("utf-8").decode(bytes));
}
