// Office files are zip archives whose entries carry the time they were zipped, so the same workbook
// written twice differs byte for byte. Every entry is stamped with one fixed moment taken from the data,
// not the clock, so equal inputs give equal files and the site writer leaves an unchanged file alone.
// The header rewriting itself is the sample generator's (pipelines/sample/zip-timestamps.ts).
import { fixZipTimestamps } from "../../pipelines/sample/zip-timestamps.ts";

/** Returns a copy of the archive with every entry stamped `at` (UTC; DOS times before 1980 clamp to 1980). */
export function fixZipDates(buf: Uint8Array, at: Date): Buffer {
  const year = Math.max(1980, at.getUTCFullYear());
  const stamp = {
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
  };
  return fixZipTimestamps(Buffer.from(buf), stamp);
}
