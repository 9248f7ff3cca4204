import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { planCsvFile, transcodeCsvFile } from "../sources/csv.ts";
import { EncodingError, decodeText, detectEncoding } from "../sources/encoding.ts";
import { SUBMISSION_HEADERS } from "../sources/headers.ts";
import { SourceError } from "../pipelines/errors.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "weici-encoding-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** Writes `bytes` to a file of the temp folder and plans it as ingest does. */
async function plan(name: string, bytes: Uint8Array) {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return { file, plan: (await planCsvFile(file, { sourceId: "s", file: name, spec: SUBMISSION_HEADERS })).plan() };
}

const header = "地区代码,地区名称,指标名称,计量单位,年份,月份,数值\n330102,上城区,高新技术企业数,家,2025,12,440\n";

describe("text encodings", () => {
  it("detects and decodes a GBK export without BOM", () => {
    const buf = iconv.encode(header, "gbk");
    expect(detectEncoding(buf)).toBe("gb18030");
    expect(decodeText(buf, "gb18030")).toBe(header);
  });
  it("strips a UTF-8 BOM", () => {
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(header)]);
    expect(detectEncoding(buf)).toBe("utf-8-bom");
    expect(decodeText(buf, "utf-8-bom").startsWith("地区代码")).toBe(true);
  });
  it("says so when a GBK file is declared UTF-8, and the reverse", () => {
    expect(() => detectEncoding(iconv.encode(header, "gbk"), "utf-8")).toThrow(EncodingError);
    expect(() => detectEncoding(Buffer.from(header), "gbk")).toThrow(/UTF-8 but the source declares GBK/);
  });
  it("maps Chinese headers in any order and hands GBK text back as UTF-8", async () => {
    const reordered = "数值,年份,月份,指标名称,地区名称,计量单位\n440,2025,12,高企总数,上城区,家\n";
    const { file, plan: p } = await plan("f.csv", iconv.encode(reordered, "gbk"));
    expect(p.match.columns).toMatchObject({ value: 0, year: 1, month: 2, indicator_name: 3, region_name: 4, unit: 5 });
    expect(p.transcode).toBe(true);
    await transcodeCsvFile(file, path.join(dir, "f.utf8.csv"));
    expect(readFileSync(path.join(dir, "f.utf8.csv"), "utf8")).toBe(reordered);
  });
  it("names the file and the missing columns when the header is wrong", async () => {
    await expect(plan("bad.csv", Buffer.from("a,b,c\n1,2,3\n"))).rejects.toThrow(/bad\.csv.*indicator_name, year, value/);
    await expect(plan("empty.csv", Buffer.alloc(0))).rejects.toThrow(SourceError);
  });
});
