// File names of the site. Names must survive zip files, mail attachments and case-insensitive file
// systems (Windows, macOS) and work as relative links from file://, so they use only [a-z0-9_-]; and
// they must fit any file system's limit on a name (255 bytes) whatever the text they come from.
import { createHash } from "node:crypto";

/** Longest name safeFileName returns: well under 255 bytes, leaving room for `-2026-6.html` and `.by-region`. */
export const MAX_NAME = 96;
const HASH_CHARS = 12;

/**
 * Keeps a-z, 0-9 and `-`; every other byte of the UTF-8 text becomes `_` plus two hex digits. This is
 * reversible, so two different names never share a file, and upper case is escaped too so `A类` and
 * `a类` stay apart where the file system ignores case. A name that would be longer than MAX_NAME (a
 * peer group of a few dozen Chinese characters is 9 characters per character) keeps a readable start
 * and ends in `__` and a hash of the whole text: `__` never occurs in an escaped name (`_` is `_5f`),
 * so a shortened name cannot meet an escaped one, and the hash keeps it the same from run to run.
 */
export function safeFileName(text: string): string {
  let out = "";
  for (const ch of text) {
    if (/[a-z0-9-]/.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, "utf8")) out += `_${byte.toString(16).padStart(2, "0")}`;
  }
  if (out.length <= MAX_NAME) return out;
  const hash = createHash("sha256").update(text, "utf8").digest("hex").slice(0, HASH_CHARS);
  let prefix = out.slice(0, MAX_NAME - HASH_CHARS - 2);
  // Never cut an escape in half: `_e7` must not become `_e`.
  prefix = prefix.replace(/_[0-9a-f]?$/, "");
  return `${prefix}__${hash}`;
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

/** The CSV download beside a ranking page (same folder, same stem). */
export function rankingCsvPath(peerGroupId: string, indicatorCode: string, year: number, month: number): string {
  return rankingPagePath(peerGroupId, indicatorCode, year, month).replace(/\.html$/, ".csv");
}

/** District profile page; region codes are digits, anything else is escaped. */
export function districtPagePath(regionCode: string): string {
  return `districts/${/^\d+$/.test(regionCode) ? regionCode : safeFileName(regionCode)}.html`;
}

/**
 * Orders of the targets board; each is its own pre-sorted page because the site has no script. The
 * `.by-` separator cannot occur in a group slug, so no group's board collides with another's variant.
 */
export type TargetsSort = "status" | "completion" | "region";

export function targetsPagePath(peerGroupId: string, sort: TargetsSort = "status"): string {
  return `targets/${peerGroupSlug(peerGroupId)}${sort === "status" ? "" : `.by-${sort}`}.html`;
}

export function compositePagePath(peerGroupId: string): string {
  return `composite/${peerGroupSlug(peerGroupId)}.html`;
}

export const QUALITY_PAGE_PATH = "quality.html";

/** Relative link from one site path to another (both relative to the site root, `/` separated). */
export function relativeHref(from: string, to: string): string {
  const fromDir = from.split("/").slice(0, -1);
  const target = to.split("/");
  let common = 0;
  while (common < fromDir.length && common < target.length - 1 && fromDir[common] === target[common]) common++;
  const up = fromDir.length - common;
  return [...Array<string>(up).fill(".."), ...target.slice(common)].join("/");
}
