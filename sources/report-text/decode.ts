// Turns the bytes of a downloaded report into a string: strips a BOM and falls back to GB18030
// (a superset of GBK and GB2312) when the bytes are not valid UTF-8, as many bureau sites still serve GBK.
import iconv from "iconv-lite";


/** Decodes report bytes. Offsets of figures refer to the string returned here (BOM already removed). */
export function decodeReport(bytes: Uint8Array): string {
  return blankMarkup(decodeBytes(bytes));
}

/**
 * A report saved from a web page keeps its markup: tags, comments, scripts and styles, and control
 * characters, are overwritten with spaces of the same length, so offsets stay valid, "<b>275</b>家"
 * still reads as 275家, and text inside a script is never taken for a figure.
 */
export function blankMarkup(text: string): string {
  if (!/[<\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return text;
  const blank = (m: string) => " ".repeat(m.length);
  return text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, blank)
    .replace(/<!--[\s\S]*?-->|<\/?[a-zA-Z][^<>]*>/g, blank)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, " ");
}

function decodeBytes(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return utf8Lenient(bytes.subarray(3));
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(Buffer.from(bytes.subarray(2)), "utf16le");
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(Buffer.from(bytes.subarray(2)), "utf16be");
  try {
    // Streaming mode leaves a character cut off at the very end undecoded instead of throwing: a report
    // truncated in transfer is still UTF-8 (a fresh decoder each time, so nothing carries over).
    return stripBom(new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true }));
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
