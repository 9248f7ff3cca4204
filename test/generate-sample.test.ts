// The synthetic sample generator: reproducible bytes, YTD semantics, plausible magnitudes, real GBK
// files and the deliberately dirty rows exactly where MANIFEST.json says they are.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../sources/catalog.ts";
import { generateSample } from "../pipelines/sample/generate.ts";
import { nodeIO } from "../pipelines/sample/io.ts";
import type { FileRecord, Manifest } from "../pipelines/sample/manifest.ts";
import { DEFAULT_OPTIONS, type SampleOptions } from "../pipelines/sample/options.ts";
import { splitCsvLine } from "../sources/csv.ts";

const catalog = loadCatalog();
const quiet = nodeIO(() => {});
const options = (out: string): SampleOptions => ({ ...DEFAULT_OPTIONS, out, to: "2026-03", xlsxYear: 2026 });

let root: string;
let dirA: string;
let dirB: string;
let manifest: Manifest;

/** The reader's own header splitter reads the generated lines, so generator and reader agree. */
const splitCsv = (line: string) => splitCsvLine(line, ",");

function decode(f: FileRecord, dir = dirA): string {
  const buf = readFileSync(path.join(dir, f.path));
  return f.encoding === "gbk" ? iconv.decode(buf, "gbk") : buf.toString("utf8").replace(/^\uFEFF/, "");
}

/** Lines of a CSV, index 0 = row 1 (the header). */
const lines = (f: FileRecord) => decode(f).split(/\r?\n/).slice(0, -1);
const historyFiles = () => manifest.files.filter((f) => f.kind === "history_csv");
const dirtyRowsOf = (file: string) => new Set(manifest.dirty_rows.filter((d) => d.file === file && !d.valid).map((d) => d.row));

type CleanRow = { code: string; ind: NonNullable<ReturnType<typeof catalog.resolve>>; unit: string; year: number; month: number; value: number };
let cleanRows: CleanRow[] | undefined;

/** Clean history rows (dirty ones left out), values in the catalog unit. */
function cleanHistoryRows(): CleanRow[] {
  return (cleanRows ??= historyFiles().flatMap((f) => {
    const dirty = dirtyRowsOf(f.path);
    return lines(f).slice(1).flatMap((line, i) => {
      if (dirty.has(i + 2)) return [];
      const [code, , name, unit, year, month, value] = splitCsv(line);
      const ind = catalog.resolve(name!)!;
      const v = Number(value!.replaceAll(",", "")) / (unit === "万元" ? 1e4 : 1);
      return [{ code: code!, ind, unit: unit!, year: Number(year), month: Number(month), value: v }];
    });
  }));
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), "weici-sample-"));
  dirA = path.join(root, "a");
  dirB = path.join(root, "b");
  manifest = (await generateSample(options(dirA), quiet)).manifest;
  await generateSample(options(dirB), quiet);
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("generateSample (zhejiang, to 2026-03)", () => {
  it("writes the same bytes for the same seed and options, XLSX included", () => {
    expect(manifest.synthetic).toBe(true);
    expect(manifest.xlsx_bytes_reproducible).toBe(true);
    for (const f of [...manifest.files.map((x) => x.path), "MANIFEST.json"]) {
      expect(readFileSync(path.join(dirB, f)).equals(readFileSync(path.join(dirA, f))), f).toBe(true);
    }
  });

  it("writes one history CSV per Zhejiang city with the long-format header", () => {
    const files = historyFiles();
    expect(files).toHaveLength(11);
    expect(files.reduce((a, f) => a + (f.regions ?? 0), 0)).toBe(90);
    for (const f of files) expect(lines(f)[0]).toBe("地区代码,地区名称,指标名称,计量单位,年份,月份,数值");
    expect(files.filter((f) => f.encoding === "utf8-bom")).toHaveLength(1);
    expect(files.some((f) => f.money_unit === "万元")).toBe(true);
  });

  it("keeps monthly flows year-to-date: non-decreasing within each year", () => {
    const series = new Map<string, number[]>();
    for (const r of cleanHistoryRows()) {
      if (r.ind.kind !== "flow" || r.ind.frequency !== "monthly") continue;
      const key = `${r.code}|${r.ind.code}|${r.year}`;
      (series.get(key) ?? series.set(key, []).get(key)!)[r.month - 1] = r.value;
    }
    expect(series.size).toBeGreaterThan(1000);
    const problems: string[] = [];
    for (const [key, v] of series) {
      if (v.filter((x) => x !== undefined).length !== 12) problems.push(`${key}: not 12 months`);
      for (let m = 1; m < 12; m++) if (!(v[m]! >= v[m - 1]!)) problems.push(`${key}: month ${m + 1} ${v[m]} < ${v[m - 1]}`);
    }
    expect(problems).toEqual([]);
  });

  it("gives plausible magnitudes for 高企, R&D intensity, 研发费用 and 技术合同成交额", () => {
    const rows = cleanHistoryRows();
    const range = (code: string, pick = (r: (typeof rows)[number]) => true) => {
      const v = rows.filter((r) => r.ind.code === code && pick(r)).map((r) => r.value);
      return [Math.min(...v), Math.max(...v)];
    };
    const [hteMin, hteMax] = range("hte_count");
    expect(hteMin).toBeGreaterThanOrEqual(10);
    expect(hteMax).toBeLessThanOrEqual(2500);
    expect(hteMax).toBeGreaterThan(500);
    const [rdMin, rdMax] = range("rd_intensity");
    expect(rdMin).toBeGreaterThanOrEqual(0.5);
    expect(rdMax).toBeLessThanOrEqual(5);
    const [expMin, expMax] = range("ind_rd_expense", (r) => r.month === 12);
    expect(expMin).toBeGreaterThanOrEqual(0.5);
    expect(expMax).toBeLessThanOrEqual(150);
    const [tcMin, tcMax] = range("tech_contract_value", (r) => r.month === 12);
    expect(tcMin).toBeGreaterThanOrEqual(0.3);
    expect(tcMax).toBeLessThanOrEqual(200);
    expect(rows.filter((r) => r.ind.frequency === "annual").every((r) => r.month === 12)).toBe(true);
  });

  it("writes GBK files that decode with iconv-lite but are not valid UTF-8, with CRLF", () => {
    const gbk = historyFiles().filter((f) => f.encoding === "gbk");
    expect(gbk.length).toBeGreaterThanOrEqual(2);
    for (const f of gbk) {
      const buf = readFileSync(path.join(dirA, f.path));
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(buf), f.path).toThrow();
      const text = iconv.decode(buf, "gbk");
      expect(text.startsWith("地区代码,地区名称,指标名称,计量单位,年份,月份,数值\r\n")).toBe(true);
      expect(text.replaceAll("\r\n", "").includes("\n")).toBe(false);
    }
    const bom = historyFiles().find((f) => f.encoding === "utf8-bom")!;
    expect([...readFileSync(path.join(dirA, bom.path)).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("places every deliberately dirty row where MANIFEST.json says, next to its clean row", async () => {
    const kinds = new Set(manifest.dirty_rows.map((d) => d.kind));
    for (const k of ["unknown_indicator", "unknown_region_code", "unknown_region_name", "wrong_unit", "masked_value", "duplicate_row", "negative_count", "thousands_separator"]) {
      expect(kinds.has(k as never), k).toBe(true);
    }
    for (const d of manifest.dirty_rows.filter((x) => x.file.endsWith(".csv"))) {
      const all = lines(manifest.files.find((f) => f.path === d.file)!);
      const row = splitCsv(all[d.row - 1]!);
      const clean = splitCsv(all[d.row - 2]!);
      const expectations: Record<string, () => void> = {
        unknown_indicator: () => expect(row[2]).toBe("科技人才总量"),
        unknown_region_code: () => expect(row[0]).toBe("339999"),
        unknown_region_name: () => expect([row[0], row[1]]).toEqual(["", "未来新区"]),
        wrong_unit: () => expect([catalog.resolve(row[2]!)?.code, row[3]]).toEqual(["hte_count", "亿元"]),
        masked_value: () => expect(["XX", "—"]).toContain(row[6]),
        duplicate_row: () => expect(all[d.row - 1]).toBe(all[d.duplicate_of! - 1]),
        negative_count: () => expect(Number(row[6])).toBeLessThan(0),
        thousands_separator: () => expect(Number(row[6]!.replaceAll(",", ""))).toBe(d.value),
      };
      expectations[d.kind]!();
      if (d.kind === "thousands_separator") {
        expect(row[6]).toMatch(/^\d{1,3}(,\d{3})+$/);
        continue;
      }
      // The clean row of the same key stays, just above the dirty one.
      expect(clean.slice(4, 6), `${d.file}:${d.row}`).toEqual(row.slice(4, 6));
      expect(Number.isFinite(Number(clean[6])) && Number(clean[6]) >= 0).toBe(true);
    }
    const x = manifest.dirty_rows.find((d) => d.file.endsWith(".xlsx"))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dirA, x.file));
    expect(wb.worksheets[0]!.getRow(x.row).getCell(4).value).toBe("XX");
  });

  it("lays out monthly XLSX reports with title, period line, headers and numeric cells", async () => {
    const xlsx = manifest.files.filter((f) => f.kind === "monthly_xlsx");
    expect(xlsx).toHaveLength(90 * 3);
    const f = xlsx.find((r) => r.path === "2026/2026-03/330108-滨江区.xlsx")!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dirA, f.path));
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe("2026年1-3月");
    expect(ws.getCell("A1").value).toBe("滨江区科技创新主要指标统计月报");
    expect(ws.getCell("A2").value).toBe("填报单位：滨江区科学技术局    地区代码：330108    统计期：2026年1-3月");
    expect(ws.getRow(3).values).toEqual([undefined, "序号", "指标名称", "计量单位", "本月累计", "去年同期", "同比增长(%)"]);
    const monthly = catalog.indicators.filter((i) => i.frequency === "monthly");
    expect(f.rows).toBe(monthly.length);
    for (let r = 4; r < 4 + f.rows; r++) {
      const row = ws.getRow(r);
      const name = String(row.getCell(2).value);
      const ind = catalog.resolve(name)!;
      expect(ind, name).toBeDefined();
      expect(ind.frequency).toBe("monthly");
      expect(row.getCell(3).value === null ? name.endsWith(`(${ind.unit})`) : row.getCell(3).value === ind.unit).toBe(true);
      expect(typeof row.getCell(4).value).toBe("number");
      expect(typeof row.getCell(5).value).toBe("number");
      if (ind.kind === "ratio") expect(row.getCell(6).value).toBeNull();
    }
  });

  it("writes targets for the last two years and the A/B and 山区26县 peer groups", () => {
    for (const year of [2025, 2026]) {
      const f = manifest.files.find((x) => x.path === `targets/targets-${year}.csv`)!;
      const all = lines(f);
      expect(all[0]).toBe("地区代码,地区名称,年份,指标名称,目标类型,目标值,计量单位");
      const types = new Set(all.slice(1).map((l) => splitCsv(l)[4]));
      expect([...types].sort()).toEqual(["增速", "总量", "比重"]);
    }
    const peers = lines(manifest.files.find((x) => x.kind === "peer_groups_csv")!).slice(1).map(splitCsv);
    const count = (g: string) => peers.filter((p) => p[0] === g).length;
    expect([count("A类地区"), count("B类地区"), count("山区26县")]).toEqual([30, 60, 26]);
  });

  it("skips with --if-missing when MANIFEST.json has the same options", async () => {
    const res = await generateSample({ ...options(dirA), ifMissing: true }, quiet);
    expect(res.skipped).toBe(true);
  });
});
