// Every shape of bureau table in every container a bureau receives: the wide 完成情况表, the transposed
// table, a district's own report and the long list, each as .xlsx, legacy .xls (BIFF8), an ".xls" that
// is an HTML table, and CSV in GBK. The reader must not care which container a shape comes in: each
// file gives back the districts' figures of its shape, with no hint.
import * as XLSX from "@e965/xlsx";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../sources/catalog.ts";
import { readTableFile } from "../sources/table/read-table.ts";
import { DISTRICTS } from "./fixtures/bureau-tables/data.ts";
import { longTsv, monthOf, perDistrict, transposedCsv, wideWorkbook } from "./fixtures/bureau-tables/make.ts";

type Grid = { ws: XLSX.WorkSheet; name: string };
const catalog = loadCatalog();

/** One sheet of a shape, as the container-neutral worksheet SheetJS writes everywhere. */
const fromLines = (text: string, sep: string, name: string): Grid => ({
  name,
  ws: XLSX.utils.aoa_to_sheet(text.trim().split(/\r?\n/).map((l) => l.split(sep).map((c) => (c !== "" && Number.isFinite(Number(c)) ? Number(c) : c)))),
});
const firstSheet = (wb: XLSX.WorkBook): Grid => ({ name: wb.SheetNames[0]!, ws: wb.Sheets[wb.SheetNames[0]!]! });

const SHAPES: { shape: string; month: number; grid: () => Grid; indicator: string; expected: () => [string, number][] }[] = [
  { shape: "wide 完成情况表", month: 11, grid: () => firstSheet(wideWorkbook(11)), indicator: "技术合同成交额",
    expected: () => DISTRICTS.map((d) => [d.name, monthOf(d, 11).tc[0]]) },
  { shape: "transposed", month: 10, grid: () => fromLines(transposedCsv(10), ",", "转置"), indicator: "技术合同成交额",
    expected: () => DISTRICTS.map((d) => [d.name, monthOf(d, 10).tc[0]]) },
  { shape: "per-district report", month: 7, grid: () => firstSheet(perDistrict(7, DISTRICTS[0]!)), indicator: "规上工业企业研发费用",
    expected: () => [[DISTRICTS[0]!.name, monthOf(DISTRICTS[0]!, 7).rd[0]]] },
  { shape: "long list", month: 6, grid: () => fromLines(longTsv(6), "\t", "清单"), indicator: "技术合同成交额",
    expected: () => DISTRICTS.map((d) => [d.name, monthOf(d, 6).tc[0]]) },
];

const CONTAINERS: { container: string; ext: string; write: (g: Grid) => Buffer }[] = [
  { container: "xlsx", ext: "xlsx", write: (g) => XLSX.write(wbOf(g), { type: "buffer", bookType: "xlsx" }) as Buffer },
  { container: "xls", ext: "xls", write: (g) => XLSX.write(wbOf(g), { type: "buffer", bookType: "biff8" }) as Buffer },
  { container: "html", ext: "xls", write: (g) => Buffer.from(XLSX.utils.sheet_to_html(g.ws), "utf8") },
  { container: "csv", ext: "csv", write: (g) => iconv.encode(XLSX.utils.sheet_to_csv(g.ws), "gbk") },
];
function wbOf(g: Grid): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, g.ws, g.name);
  return wb;
}

describe("every shape in every container", () => {
  for (const s of SHAPES) {
    for (const c of CONTAINERS) {
      // A wide table saved as CSV loses the merge over the title printed again above its second page: that
      // line (only its first cell filled, naming no region) is a caption, not a district.
      it(`reads a ${s.shape} delivered as ${c.container}`, () => {
        const buf = c.write(s.grid());
        const r = readTableFile(buf, { file: `表-${s.shape}.${c.ext}`, catalog });
        expect(r.container).toBe(c.container);
        const got = r.rows
          .filter((x) => x.indicator_name?.replace(/[（(].*$/, "") === s.indicator && (x.row_role ?? "district") === "district")
          // A district is named or coded (a report's caption gives its code): either identifies it.
          .map((x) => [x.region_name ?? DISTRICTS.find((d) => d.code === x.region_code)?.name ?? x.region_code, Number(x.value), x.year, x.month] as const);
        expect(got.map(([who, v]) => [who, v]).sort()).toEqual(s.expected().sort());
        expect(new Set(got.map(([, , y, m]) => `${y}-${Number(m)}`))).toEqual(new Set([`2026-${s.month}`]));
      });
    }
  }
});
