// Bureau tables for the sample, as a 统计局 sends them: a wide 完成情况表 (xlsx, two-level merged
// header, title with the period, unit row, 全市 row, 全市位次, a note and a sign-off) for 杭州, and an
// ".xls" that is an HTML table in GBK for 宁波 a month earlier. Figures are the districts' own series,
// rounded as their monthly reports round them, so both agree with the per-district files.
import * as XLSX from "@e965/xlsx";
import iconv from "iconv-lite";
import type { Indicator } from "../../sources/catalog.ts";
import type { SampleIO } from "./io.ts";
import type { FileRecord } from "./manifest.ts";
import type { ReportRange } from "./monthly-reports.ts";
import { decimalsOf } from "./profiles.ts";
import type { RegionModel } from "./region-model.ts";
import { regionSeries } from "./series.ts";

const roundTo = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
type Cell = string | number | null;

interface Figures {
  name: string;
  cur: number;
  prev: number;
}

function figures(models: readonly RegionModel[], range: ReportRange, ind: Indicator, year: number, month: number): Figures[] {
  const d = decimalsOf(ind.unit);
  return models.map((model) => {
    const v = regionSeries({ seed: range.seed, model, fromYear: range.firstYear, toYear: range.lastYear }, [ind]).get(ind.code)!;
    return { name: model.region.name, cur: roundTo(v.get(year)![month - 1]!, d), prev: roundTo(v.get(year - 1)![month - 1]!, d) };
  });
}

const yoy = (f: Figures) => (f.prev > 0 ? roundTo(100 * (f.cur / f.prev - 1), 1) : null);
/** Competition rank among the listed districts, higher first, at the figure's published precision. */
const rankOf = (fs: readonly Figures[], f: Figures) => 1 + fs.filter((x) => x.cur > f.cur).length;

const WIDE = ["ind_rd_expense", "tech_contract_value", "hte_count", "ind_rd_ratio"];

function wideWorkbook(models: readonly RegionModel[], range: ReportRange, catalog: readonly Indicator[], year: number, month: number): Buffer {
  const inds = WIDE.map((c) => catalog.find((i) => i.code === c)!).filter(Boolean);
  const figs = inds.map((ind) => figures(models, range, ind, year, month));
  const head1: Cell[] = ["县（市、区）"];
  const head2: Cell[] = [null];
  const merges = ["A3:A4"];
  inds.forEach((ind) => {
    const ratio = ind.kind === "ratio";
    const subs = ratio ? ["本年累计", "增减(百分点)", "全市位次"] : [`1-${month}月累计`, "去年同期", "同比增长(%)", "全市位次"];
    const c0 = head1.length;
    head1.push(ind.name_zh, ...subs.slice(1).map(() => null));
    head2.push(...subs);
    merges.push(`${XLSX.utils.encode_col(c0)}3:${XLSX.utils.encode_col(c0 + subs.length - 1)}3`);
  });
  const width = head1.length;
  const line = (i: number): Cell[] => [models[i]!.region.name, ...inds.flatMap((ind, k) => {
    const f = figs[k]![i]!;
    return ind.kind === "ratio" ? [f.cur, roundTo(f.cur - f.prev, 2), rankOf(figs[k]!, f)] : [f.cur, f.prev, yoy(f), rankOf(figs[k]!, f)];
  })];
  const total: Cell[] = ["全市", ...inds.flatMap((ind, k) => {
    if (ind.kind === "ratio") return [null, null, null];
    const d = decimalsOf(ind.unit);
    const t = { name: "全市", cur: roundTo(figs[k]!.reduce((s, f) => s + f.cur, 0), d), prev: roundTo(figs[k]!.reduce((s, f) => s + f.prev, 0), d) };
    return [t.cur, t.prev, yoy(t), null];
  })];
  const rows: Cell[][] = [
    [`${year}年1-${month}月杭州市各县（市、区）主要科技指标完成情况表`],
    [...Array(width - 1).fill(null), "单位：亿元、家、%"],
    head1, head2, total, ...models.map((_, i) => line(i)), [],
    ["注：1.数据为快报数；2.位次按本年累计总量排序。"],
    ["填报人：（示例）", null, null, null, "审核人：（示例）"],
  ];
  merges.push(`A1:${XLSX.utils.encode_col(width - 1)}1`, `A${rows.length - 1}:${XLSX.utils.encode_col(width - 1)}${rows.length - 1}`);
  const ws = XLSX.utils.aoa_to_sheet(rows);
  ws["!merges"] = merges.map((m) => XLSX.utils.decode_range(m));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, "完成情况");
  // Fixed dates: the same options give the same bytes (MANIFEST.json's xlsx_bytes_reproducible).
  wb.Props = { CreatedDate: new Date(Date.UTC(year, month, 5)), ModifiedDate: new Date(Date.UTC(year, month, 5)) };
  return XLSX.write(wb, { type: "buffer", bookType: "xlsx", compression: true }) as Buffer;
}

function htmlTable(models: readonly RegionModel[], range: ReportRange, catalog: readonly Indicator[], year: number, month: number): Buffer {
  const inds = ["hte_count", "invention_grants"].map((c) => catalog.find((i) => i.code === c)!).filter(Boolean);
  const figs = inds.map((ind) => figures(models, range, ind, year, month));
  const td = (v: Cell) => `<td>${v ?? ""}</td>`;
  const body = models.map((m, i) => `<tr>${[m.region.name, ...inds.flatMap((_, k) => {
    const f = figs[k]![i]!;
    return [f.cur, f.prev, yoy(f), rankOf(figs[k]!, f)];
  })].map(td).join("")}</tr>`).join("\n");
  const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><table border="1">
<tr><td colspan="${1 + 4 * inds.length}">宁波市${year}年1—${month}月高新技术企业和专利情况</td></tr>
<tr><td rowspan="2">地区</td>${inds.map((i) => `<td colspan="4">${i.name_zh}（${i.unit}）</td>`).join("")}</tr>
<tr>${inds.map(() => "<td>本期</td><td>上年同期</td><td>增长(%)</td><td>全市排名</td>").join("")}</tr>
${body}
<tr><td colspan="${1 + 4 * inds.length}">说明：本表由统计系统导出。</td></tr>
</table></body></html>`;
  return iconv.encode(html, "gbk");
}

/** Writes the two bureau tables for the last month of the range (宁波: the month before). */
export function writeBureauTables(models: readonly RegionModel[], range: ReportRange, outDir: string, io: SampleIO): FileRecord[] {
  const files: FileRecord[] = [];
  const { lastYear: year, lastMonth: month } = range;
  const hz = models.filter((m) => m.region.city_code === "330100");
  if (hz.length >= 3) {
    const bytes = wideWorkbook(hz, range, range.catalog, year, month);
    const path = `tables/杭州市主要科技指标完成情况表-${year}年${month}月.xlsx`;
    io.writeFile(`${outDir}/${path}`, bytes);
    files.push({ path, kind: "bureau_table", rows: hz.length, bytes: bytes.length, regions: hz.length, period: `${year}-${String(month).padStart(2, "0")}`, sheet: "完成情况" });
  }
  const nb = models.filter((m) => m.region.city_code === "330200");
  if (nb.length >= 3 && month > 1) {
    const bytes = htmlTable(nb, range, range.catalog, year, month - 1);
    const path = "tables/宁波市高企和专利情况.xls";
    io.writeFile(`${outDir}/${path}`, bytes);
    files.push({ path, kind: "bureau_table", rows: nb.length, bytes: bytes.length, encoding: "gbk", regions: nb.length, period: `${year}-${String(month - 1).padStart(2, "0")}` });
  }
  return files;
}
