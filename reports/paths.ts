// File names of the site. Names must survive zip files, mail attachments and case-insensitive file
// systems (Windows, macOS) and work as relative links from file://, so they use only [a-z0-9_-].

/**
 * Keeps a-z, 0-9 and `-`; every other byte of the UTF-8 text becomes `_` plus two hex digits. This is
 * reversible, so two different names never share a file, and upper case is escaped too so `A类` and
 * `a类` stay apart where the file system ignores case.
 */
export function safeFileName(text: string): string {
  let out = "";
  for (const ch of text) {
    if (/[a-z0-9-]/.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, "utf8")) out += `_${byte.toString(16).padStart(2, "0")}`;
  }
  return out;
}

/** `city:330100` → `city-330100`, `province:330000` → `province-330000`, `custom:A类地区` → `custom-_41_e7…`. */
export function peerGroupSlug(peerGroupId: string): string {
  const m = /^(city|province):(\d+)$/.exec(peerGroupId);
  if (m) return `${m[1]}-${m[2]}`;
  if (peerGroupId.startsWith("custom:")) return `custom-${safeFileName(peerGroupId.slice("custom:".length))}`;
  return `group-${safeFileName(peerGroupId)}`;
}

/** Catalog codes are snake_case and kept; anything else is escaped under an `x-` prefix that plain codes cannot have. */
export function indicatorFileStem(indicatorCode: string): string {
  return /^[a-z0-9_]+$/.test(indicatorCode) ? indicatorCode : `x-${safeFileName(indicatorCode)}`;
}

/** Path of a ranking page relative to the site root, with `/` separators (also the link from the index). */
export function rankingPagePath(peerGroupId: string, indicatorCode: string, year: number, month: number): string {
  return `rankings/${peerGroupSlug(peerGroupId)}/${indicatorFileStem(indicatorCode)}-${year}-${month}.html`;
}

/** Link from a ranking page back to the index (ranking pages sit two folders below it). */
export const INDEX_FROM_RANKING_PAGE = "../../index.html";
