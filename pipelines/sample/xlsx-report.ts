// Layout of a district's monthly report workbook (科技创新主要指标统计月报), as another engineer's
// reader expects it: title row, a 填报单位/地区代码/统计期 row, a header row, then one row per indicator.
import ExcelJS from "exceljs";
import { fixZipTimestamps } from "./zip-timestamps.ts";

export const REPORT_HEADER = ["序号", "指标名称", "计量单位", "本月累计", "去年同期", "同比增长(%)"] as const;
/** Sheet row of the first indicator row. */
export const FIRST_DATA_ROW = 4;

/** exceljs writes these into docProps/core.xml; fixed so files are reproducible. */
const FIXED_DATE = new Date(Date.UTC(2026, 0, 1));

export interface ReportRow {
  name: string;
  /** Empty when the unit is written into the name, e.g. 高新技术产业投资(亿元). */
  unit: string;
  /** A number, or text for a masked cell. */
  current: number | string;
  previous: number | null;
  yoy: number | null;
  /** Number format for the value cells, e.g. "0.00". */
  numFmt: string;
}

export interface ReportMeta {
  code: string;
  name: string;
  year: number;
  month: number;
}

export const periodLabel = (year: number, month: number) => `${year}年1-${month}月`;

export async function buildMonthlyReport(meta: ReportMeta, rows: readonly ReportRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "weici synthetic sample";
  wb.lastModifiedBy = "weici synthetic sample";
  wb.created = wb.modified = wb.lastPrinted = FIXED_DATE;
  const period = periodLabel(meta.year, meta.month);
  const ws = wb.addWorksheet(period);
  ws.columns = [6, 40, 10, 14, 14, 12].map((width) => ({ width }));
  ws.mergeCells("A1:F1");
  ws.mergeCells("A2:F2");
  const title = ws.getCell("A1");
  title.value = `${meta.name}科技创新主要指标统计月报`;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: "center" };
  ws.getCell("A2").value = `填报单位：${meta.name}科学技术局    地区代码：${meta.code}    统计期：${period}`;
  const header = ws.getRow(3);
  header.values = [...REPORT_HEADER];
  header.font = { bold: true };
  rows.forEach((r, i) => {
    const row = ws.getRow(FIRST_DATA_ROW + i);
    row.values = [i + 1, r.name, r.unit || null, r.current, r.previous, r.yoy];
    for (const c of [4, 5]) row.getCell(c).numFmt = r.numFmt;
    row.getCell(6).numFmt = "0.0";
  });
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return fixZipTimestamps(bytes);
}
