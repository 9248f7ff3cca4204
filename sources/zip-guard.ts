// Checks an XLSX (a zip) before a reader unpacks it into memory: a zip bomb — a small file whose parts
// inflate to gigabytes — must fail with a message instead of exhausting memory. The declared sizes in
// the central directory are summed, and every part is inflated with a cap at its declared size, so a
// part that lies about its size is caught after a few bytes too many, never after gigabytes.
import zlib from "node:zlib";

export class ZipGuardError extends Error {}

interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  offset: number;
}

function entries(buf: Buffer): Entry[] {
  // The end-of-central-directory record is in the last 22 bytes plus a comment of at most 64 KB.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipGuardError("the zip directory at its end is missing (the file is cut off or damaged)");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw new ZipGuardError("it is a ZIP64 archive, which no spreadsheet program writes for a report this size");
  const out: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new ZipGuardError("the zip directory is damaged");
    const nameLen = buf.readUInt16LE(p + 28);
    const e: Entry = {
      name: buf.toString("utf8", p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
    };
    if (e.size === 0xffffffff || e.compressed === 0xffffffff || e.offset === 0xffffffff) {
      throw new ZipGuardError(`part ${e.name} has ZIP64 sizes, which no spreadsheet program writes for a report this size`);
    }
    out.push(e);
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

/**
 * Throws ZipGuardError when the workbook would inflate beyond `maxBytes` in total, or a part inflates
 * beyond the size it declares. Cost: one inflate of each part, capped, in memory of one part at most.
 * The parts `keep` names are returned unpacked (they were inflated anyway), for readers that need a
 * part the spreadsheet library does not expose (number formats: see xlsx-formats.ts).
 */
export function checkZip(buf: Buffer, maxBytes: number, keep: (name: string) => boolean = () => false): Map<string, Buffer> {
  const list = entries(buf);
  const declared = list.reduce((n, e) => n + e.size, 0);
  const mb = (n: number) => `${Math.round(n / 1e6)} MB`;
  if (declared > maxBytes) {
    throw new ZipGuardError(`it would unpack to ${mb(declared)} from ${mb(buf.length)} (limit ${mb(maxBytes)}): a zip bomb or a workbook far larger than a district report`);
  }
  const kept = new Map<string, Buffer>();
  for (const e of list) {
    if (e.method === 0) {
      if (keep(e.name) && e.offset + 30 <= buf.length) {
        const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
        kept.set(e.name, buf.subarray(start, start + e.size));
      }
      continue;
    }
    if (e.method !== 8) throw new ZipGuardError(`part ${e.name} uses zip method ${e.method}; Excel writes deflate (8)`);
    if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== 0x04034b50) throw new ZipGuardError(`part ${e.name} is missing (the file is cut off or damaged)`);
    const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
    try {
      const part = zlib.inflateRawSync(buf.subarray(start, start + e.compressed), { maxOutputLength: Math.max(1, e.size) + 1 });
      if (keep(e.name)) kept.set(e.name, part);
    } catch (err) {
      if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) {
        throw new ZipGuardError(`part ${e.name} unpacks to more than the ${e.size} bytes it declares: a zip bomb or a damaged file`);
      }
      throw new ZipGuardError(`part ${e.name} cannot be unpacked (${(err as Error).message})`);
    }
  }
  return kept;
}
