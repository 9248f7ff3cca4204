// A minimal ZIP reader and writer for tests that need workbooks no spreadsheet program would write:
// a part removed, a zip bomb, sizes that lie. Deflate only; no ZIP64.
import zlib from "node:zlib";

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Reads every entry of a (small, honest) zip such as one exceljs writes. */
export function readZip(buf: Buffer): ZipEntry[] {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + csize);
    out.push({ name, data: method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

export interface RawZipEntry {
  name: string;
  /** The deflated bytes as they go in the archive. */
  deflated: Buffer;
  crc: number;
  /** The uncompressed size written into the headers (a lie for a bomb that hides its size). */
  declaredSize: number;
  /** Method 0: `deflated` holds the bytes as they are (see storedEntry). */
  stored?: boolean;
}

export const deflateEntry = (name: string, data: Buffer): RawZipEntry => ({
  name, deflated: zlib.deflateRawSync(data), crc: zlib.crc32(data), declaredSize: data.length,
});

/** An entry kept uncompressed (zip method 0), as some writers store small parts. */
export const storedEntry = (name: string, data: Buffer): RawZipEntry => ({ name, deflated: data, crc: zlib.crc32(data), declaredSize: data.length, stored: true });

/** Writes entries as a zip with local headers, central directory and end record. */
export function writeZip(entries: readonly RawZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.stored ? 0 : 8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.declaredSize >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.stored ? 0 : 8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.deflated.length, 20);
    central.writeUInt32LE(e.declaredSize >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.deflated);
    centrals.push(central, name);
    offset += 30 + name.length + e.deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * A deflate stream that inflates to `prefix`, then `mb` MiB of spaces, then `suffix`, built without
 * deflating the whole: one fully flushed MiB block (it refers to nothing before it) is repeated.
 */
export function bombStream(prefix: string, mb: number, suffix: string): Buffer {
  const flushed = (data: Buffer) => {
    const d = zlib.deflateRawSync(data, { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 });
    return d;
  };
  const block = flushed(Buffer.alloc(1 << 20, 0x20));
  const parts = [flushed(Buffer.from(prefix)), ...Array.from({ length: mb }, () => block), zlib.deflateRawSync(Buffer.from(suffix))];
  return Buffer.concat(parts);
}
