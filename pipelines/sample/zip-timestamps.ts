// exceljs zips through JSZip, which stamps every entry with the current time; rewriting the DOS
// time/date fields of each entry (local header and central directory) makes XLSX bytes reproducible.
// Only header fields change: CRCs cover the data, so the archive stays valid.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** DOS time and date words for a calendar date at 00:00:00. */
export function dosDateTime(year: number, month: number, day: number): { time: number; date: number } {
  return { time: 0, date: ((year - 1980) << 9) | (month << 5) | day };
}

/** Sets every entry's modification time to the given DOS stamp, in place; returns the buffer. */
export function fixZipTimestamps(buf: Buffer, stamp = dosDateTime(2026, 1, 1)): Buffer {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip archive: end of central directory not found");
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (buf.readUInt32LE(p) !== CENTRAL) throw new Error(`zip central directory entry ${n} is corrupt`);
    buf.writeUInt16LE(stamp.time, p + 12);
    buf.writeUInt16LE(stamp.date, p + 14);
    const local = buf.readUInt32LE(p + 42);
    if (buf.readUInt32LE(local) !== LOCAL) throw new Error(`zip local header of entry ${n} is corrupt`);
    buf.writeUInt16LE(stamp.time, local + 10);
    buf.writeUInt16LE(stamp.date, local + 12);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return buf;
}
