// Part of the corpus of bad inputs (see test/bad-inputs.test.ts): enormous CSV files. Files far larger
// than the memory a run should take are generated here from test/fixtures/bad-inputs/csv-enormous/
// template.csv (committing them would be absurd), with one blank line in the middle and one malformed
// line near the end. Reading them must be streamed: the scan (hash, encoding, header, blank rows) and
// the GBK → UTF-8 copy take memory far below the file's size, sampled while they run. A smaller one
// goes the whole way through ingest (DuckDB's insert, not memory, is what costs time at this size):
// every good row lands with its row number and value, and the malformed line is quarantined.
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../sources/catalog.ts";
import { DDL } from "../pipelines/ddl.ts";
import { ingestSources } from "../pipelines/ingest.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { Warehouse } from "../pipelines/warehouse.ts";
import { planCsvFile, transcodeCsvFile } from "../sources/csv.ts";
import { SUBMISSION_HEADERS } from "../sources/headers.ts";
import { BAD_INPUTS } from "./helpers/bad-inputs.ts";

const TEMPLATE = readFileSync(path.join(BAD_INPUTS, "csv-enormous", "template.csv"), "utf8").trimEnd().split("\n");
const [HEADER, ...PATTERNS] = TEMPLATE as [string, ...string[]];

interface Generated {
  file: string;
  bytes: number;
  /** Good data rows written (the blank and the malformed line not counted). */
  rows: number;
  valueSum: number;
  blankRow: number;
  badRow: number;
  lastRow: number;
}

/** Writes `mb` MiB of rows from the template; row r (1-based, header = 1) has value r. */
async function generate(dir: string, mb: number, encoding: "utf-8" | "gbk"): Promise<Generated> {
  const file = path.join(dir, `enormous-${encoding}.csv`);
  const out = createWriteStream(file);
  const write = async (text: string) => {
    const b = encoding === "gbk" ? iconv.encode(text, "gbk") : Buffer.from(text);
    if (!out.write(b)) await once(out, "drain");
    return b.length;
  };
  await write(`${HEADER}\n`);
  let row = 1;
  let bytes = 0;
  let rows = 0;
  let valueSum = 0;
  let blankRow = 0;
  let badRow = 0;
  const target = mb * 1024 * 1024;
  while (bytes < target) {
    let chunk = "";
    for (let i = 0; i < 20_000; i++) {
      row++;
      if (blankRow === 0 && bytes > target / 2) {
        blankRow = row;
        chunk += "\n";
        continue;
      }
      const p = PATTERNS[row % PATTERNS.length]!;
      // Years cycle so keys stay unique per indicator within a few thousand rows; values are the row number.
      chunk += `${p.replace("{year}", String(1990 + (row % 30))).replace("{value}", String(row))}\n`;
      valueSum += row + (p.includes("{value}.5") ? 0.5 : 0);
      rows++;
    }
    bytes += await write(chunk);
  }
  badRow = ++row;
  await write("330102,上城区,高新技术企业数,家,2025,12,1,096\n");
  row++;
  await write(`330108,滨江区,专利申请量,件,2025,12,${row}\n`);
  rows++;
  valueSum += row;
  out.end();
  await once(out, "finish");
  return { file, bytes: (await fs.stat(file)).size, rows, valueSum, blankRow, badRow, lastRow: row };
}

/** Peak of JS heap + Buffers above the level when sampling started. */
function sampleMemory() {
  const level = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = level();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, level())), 5);
  return { stop: () => (clearInterval(timer), Math.max(peak, level()) - base) };
}

async function ingestOne(dir: string, encoding: "utf-8" | "gbk") {
  const wh = await Warehouse.open(path.join(dir, "wh.duckdb"), { memoryLimit: "1GB" });
  await wh.exec(DDL);
  try {
    const summary = await ingestSources(
      [{ id: `enormous-${encoding}`, kind: "csv", dir: "in", pattern: "*.csv", encoding, absDir: path.join(dir, "in") }],
      {
        wh, logger: memoryLogger(), runId: 1, now: () => new Date("2026-07-15T02:00:00Z"), workDir: path.join(dir, "work"), catalog: loadCatalog(),
        readFile: () => Promise.reject(new Error("a CSV must be streamed, not read whole")), writeFile: () => Promise.reject(new Error("not used")),
      },
    );
    return { wh, summary };
  } catch (e) {
    await wh.close();
    throw e;
  }
}

const MB = 1024 * 1024;
/**
 * What reading may take whatever the file's size: a few chunks, plus the chunks and short-lived strings
 * the garbage collector has not reclaimed yet (V8 lets Buffers pile up to about 64 MB before it collects
 * them). Reading a file whole takes its size as a Buffer and again as much or more as a decoded string:
 * every file here is larger than the bound, so reading it whole could not pass.
 */
const BOUND = 96 * MB;

async function sha256(file: string): Promise<string> {
  const h = createHash("sha256");
  for await (const c of createReadStream(file)) h.update(c as Buffer);
  return h.digest("hex");
}

const tmp = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "weici-enormous-"));
  mkdirSync(path.join(dir, "in"));
  return dir;
};

describe("bad inputs: csv-enormous", () => {
  it("scans a 128 MB UTF-8 CSV as a stream: hash, encoding, header and the blank row, in memory far below its size", { timeout: 120_000 }, async () => {
    const dir = tmp();
    try {
      const g = await generate(path.join(dir, "in"), 128, "utf-8");
      expect(g.bytes).toBeGreaterThan(128 * MB);
      const mem = sampleMemory();
      const scan = await planCsvFile(g.file, { sourceId: "big", file: "enormous-utf-8.csv", spec: SUBMISSION_HEADERS });
      const grew = mem.stop();
      console.log(`bad inputs: reading a ${Math.round(g.bytes / MB)} MB ${g.file.endsWith("gbk.csv") ? "GBK" : "UTF-8"} file took ${Math.round(grew / MB)} MB of JS memory`);
      expect(grew, `JS memory grew by ${Math.round(grew / MB)} MB for a ${Math.round(g.bytes / MB)} MB file`).toBeLessThan(BOUND);
      expect(scan.hash).toBe(await sha256(g.file));
      expect(scan.plan()).toMatchObject({ encoding: "utf-8", headerRow: 1, blankRows: [g.blankRow], transcode: false, delimiter: "," });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("transcodes a 100 MB GBK CSV to UTF-8 chunk by chunk, in memory far below its size", { timeout: 120_000 }, async () => {
    const dir = tmp();
    try {
      const g = await generate(path.join(dir, "in"), 100, "gbk");
      expect(g.bytes).toBeGreaterThan(100 * MB);
      const mem = sampleMemory();
      const scan = await planCsvFile(g.file, { sourceId: "big", file: "enormous-gbk.csv", spec: SUBMISSION_HEADERS });
      expect(scan.plan()).toMatchObject({ encoding: "gb18030", transcode: true, blankRows: [g.blankRow] });
      const utf8 = path.join(dir, "utf8.csv");
      await transcodeCsvFile(g.file, utf8);
      const grew = mem.stop();
      console.log(`bad inputs: reading a ${Math.round(g.bytes / MB)} MB ${g.file.endsWith("gbk.csv") ? "GBK" : "UTF-8"} file took ${Math.round(grew / MB)} MB of JS memory`);
      expect(grew, `JS memory grew by ${Math.round(grew / MB)} MB for a ${Math.round(g.bytes / MB)} MB file`).toBeLessThan(BOUND);
      // The copy is the same text: GBK's two bytes per character become UTF-8's three.
      const head = readFileSync(utf8).subarray(0, 200).toString("utf8");
      expect(head.startsWith(`${HEADER}\n`)).toBe(true);
      const tail = (await fs.readFile(utf8)).subarray(-200).toString("utf8");
      expect(tail.endsWith(`330108,滨江区,专利申请量,件,2025,12,${g.lastRow}\n`)).toBe(true);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it.each(["utf-8", "gbk"] as const)("ingests a 4 MB %s CSV: every good row lands with its row number, across a blank line, and the malformed line is quarantined", { timeout: 120_000 }, async (encoding) => {
    const dir = tmp();
    const g = await generate(path.join(dir, "in"), 4, encoding);
    const { wh, summary } = await ingestOne(dir, encoding);
    try {
      expect(summary.failures).toEqual([]);
      expect(summary.filesLoaded).toBe(1);
      const [land] = await wh.all<{ n: number; sum: number; first: number; last: number }>(
        "select count(*)::bigint as n, sum(try_cast(value as double)) as sum, min(row_number) as first, max(row_number) as last from raw.submission_rows");
      expect(land).toEqual({ n: g.rows, sum: g.valueSum, first: 2, last: g.lastRow });
      // Row numbers stay right after the blank line: each row's value is its row number.
      const after = await wh.all<{ row_number: number; value: string }>(
        `select row_number, value from raw.submission_rows where row_number in (${g.blankRow - 1}, ${g.blankRow + 1}, ${g.lastRow}) order by row_number`);
      expect(after.map((r) => [r.row_number, Math.floor(Number(r.value))])).toEqual([
        [g.blankRow - 1, g.blankRow - 1], [g.blankRow + 1, g.blankRow + 1], [g.lastRow, g.lastRow],
      ]);
      const q = await wh.all<{ row_number: number; field: string; reason: string }>("select row_number, field, reason from raw.source_quarantine");
      expect(q).toEqual([{ row_number: g.badRow, field: "row", reason: expect.stringMatching(/too many columns.*thousands separator/) }]);
    } finally {
      await wh.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
