// The 完成情况表 workbook a bureau mails to its districts, for one peer group and period. Sheet
// "完成情况表": title with the period, unit line, indicator over 本年累计/去年同期/同比增长(%)/位次
// (ratios: 本年/去年同期/增减(百分点)/位次), the total row first, one row per district by code, notes.
// "目标完成": the targets board. "位次变化": this year's and last year's rank with 追赶分析. The layout
// is the standard wide table, so the workbook is itself an input weici (and a bureau) can read back.
import ExcelJS from "exceljs";
import { formatPeriod } from "../format.ts";
import type { CompletionCell, CompletionRow, CompletionTable } from "../office/completion-table.ts";
import { excelFormat, valueDecimals } from "../office/display.ts";
import { fixZipDates } from "../office/zip-dates.ts";
import { FIRST_PAGE_COLUMNS, noteRows, printSetup, styleBody, styleHeader, textWidth, titleRows, twoLevelHeader } from "./sheet-style.ts";

export interface TargetSheetRow {
  regionCode: string;
  regionName: string;
  indicator: string;
  unit: string;
  /** 总量 / 增速 / 比重. */
  kindLabel: string;
  /** Target and actual in the unit (a growth target in %). */
  target: number;
  actual: number | null;
  completionPct: number | null;
  timeProgressPct: number | null;
  /** Actual − target in 百分点 for growth and ratio targets. */
  gapPp: number | null;
  status: string;
  progressText: string;
}

export interface RankSheetRow {
  regionCode: string;
  regionName: string;
  indicator: string;
  unit: string;
  value: number | null;
  rank: number | null;
  peerCount: number;
  prevRank: number | null;
  rankChange: number | null;
  gapToAbove: number | null;
  aboveRank: number | null;
  gapToFirst: number | null;
  targetRemaining: number | null;
  monthlyNeeded: number | null;
  /** The same in words, as on the district page. */
  text: string;
}

export interface WorkbookInput {
  table: CompletionTable;
  title: string;
  targetsTitle: string;
  ranksTitle: string;
  targets: TargetSheetRow[];
  ranks: RankSheetRow[];
  notes: string[];
  /** ISO time stamped into the file (the data's load time), so equal inputs give equal bytes. */
  stamp: string;
}

export const LEVEL_SUBHEADERS = ["本年累计", "去年同期", "同比增长(%)", "位次"];
export const RATIO_SUBHEADERS = (unit: string) => ["本年", "去年同期", unit === "%" ? "增减(百分点)" : `增减(${unit})`, "位次"];

/** `单位：亿元、家、%` from the table's units in column order. */
export function unitLine(units: string[]): string {
  return `单位：${[...new Set(units)].join("、")}`;
}

function cellValues(cell: CompletionCell | null): (number | string | null)[] {
  if (!cell) return [null, null, null, null];
  return [cell.value, cell.prev, cell.change, cell.rank == null ? null : cell.tied ? `并列${cell.rank}` : cell.rank];
}

function completionSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const { table } = input;
  const ws = wb.addWorksheet("完成情况表", { views: [{ state: "frozen", xSplit: 2, ySplit: 4 }] });
  const width = 2 + 4 * table.columns.length;
  titleRows(ws, width, input.title, `${unitLine(table.columns.map((c) => c.unit))}　　统计期：${formatPeriod(table.period)}`);
  twoLevelHeader(ws, table.columns.map((c) => ({ title: `${c.name}(${c.unit})`, subs: c.ratio ? RATIO_SUBHEADERS(c.unit) : LEVEL_SUBHEADERS })), width);

  const addRow = (r: CompletionRow, total: boolean) => {
    const row = ws.addRow([r.name, total ? null : r.regionCode, ...r.cells.flatMap(cellValues)]);
    styleBody(row, width, { bold: total });
    table.columns.forEach((c, k) => {
      const base = 3 + 4 * k;
      row.getCell(base).numFmt = excelFormat(valueDecimals(c.unit, r.cells[k]?.value));
      row.getCell(base + 1).numFmt = excelFormat(valueDecimals(c.unit, r.cells[k]?.prev));
      row.getCell(base + 2).numFmt = c.ratio ? "0.00" : "0.0";
      row.getCell(base + 3).alignment = { horizontal: "center", vertical: "middle" };
    });
  };
  if (table.total) addRow(table.total, true);
  for (const r of table.rows) addRow(r, false);
  noteRows(ws, Math.min(width, FIRST_PAGE_COLUMNS), input.notes);

  ws.getColumn(1).width = Math.max(10, ...table.rows.map((r) => textWidth(r.name) + 2));
  ws.getColumn(2).width = 9;
  for (let c = 3; c <= width; c++) ws.getColumn(c).width = (c - 3) % 4 === 3 ? 6 : 11;
  printSetup(ws, "3:4", { columns: width, titleColumns: "A:B" });
}

function simpleSheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  line: string,
  header: string[],
  widths: number[],
  rows: { cells: (string | number | null)[]; formats: (string | null)[] }[],
  notes: string[],
): void {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", xSplit: 0, ySplit: 3 }] });
  titleRows(ws, header.length, title, line);
  ws.addRow(header);
  styleHeader(ws, 3, 3, header.length);
  for (const r of rows) {
    const row = ws.addRow(r.cells);
    styleBody(row, header.length);
    r.formats.forEach((f, k) => {
      if (f) row.getCell(k + 1).numFmt = f;
      // Rows keep one line so the sheet stays a grid; the text columns are wide enough for a sentence.
      else row.getCell(k + 1).alignment = { horizontal: k < 2 ? "center" : "left", vertical: "middle" };
    });
  }
  if (rows.length) ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3 + rows.length, column: header.length } };
  noteRows(ws, header.length, notes);
  widths.forEach((w, k) => (ws.getColumn(k + 1).width = w));
  printSetup(ws, "3:3");
}

function targetsSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const header = ["地区", "区划代码", "指标", "目标类型", "年度目标", "实际完成", "完成率(%)", "时序进度(%)", "与目标差(百分点)", "状态", "说明"];
  const rows = input.targets.map((t) => {
    const f = (v: number | null) => excelFormat(t.kindLabel === "增速" ? 1 : valueDecimals(t.unit, v));
    return {
      cells: [t.regionName, t.regionCode, `${t.indicator}(${t.kindLabel === "增速" ? "%" : t.unit})`, t.kindLabel, t.target, t.actual, t.completionPct, t.timeProgressPct, t.gapPp, t.status, t.progressText],
      formats: [null, null, null, null, f(t.target), f(t.actual), "0.0", "0.0", "0.00", null, null],
    };
  });
  const notes = rows.length ? ["注：完成率 = 实际完成 ÷ 年度目标；时序进度 = 月份 ÷ 12（仅适用于按月累计的总量目标）；增速和比重目标与目标值相比，差额以百分点计。"] : ["注：本组暂无年度目标。"];
  simpleSheet(wb, "目标完成", input.targetsTitle, `统计期：${formatPeriod(input.table.period)}`, header, [10, 9, 30, 8, 11, 11, 9, 9, 10, 9, 30], rows, notes);
}

function ranksSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const header = ["地区", "区划代码", "指标", "本年累计", "本期位次", "去年同期位次", "进退位", "距前一位差", "距首位差", "完成年度目标尚需", "月均尚需", "说明"];
  const rows = input.ranks.map((r) => {
    const f = (v: number | null | undefined) => excelFormat(valueDecimals(r.unit, v));
    return {
      cells: [
        r.regionName, r.regionCode, `${r.indicator}(${r.unit})`, r.value, r.rank == null ? null : `${r.rank}/${r.peerCount}`, r.prevRank, r.rankChange,
        r.gapToAbove, r.gapToFirst, r.targetRemaining, r.monthlyNeeded, r.text,
      ],
      formats: [null, null, null, f(r.value), null, "0", "+0;-0;0", f(r.gapToAbove), f(r.gapToFirst), f(r.targetRemaining), f(r.monthlyNeeded), null],
    };
  });
  const notes = ["注：位次按本年累计排列，并列者同位次；进退位 = 去年同期位次 − 本期位次（正数为进位）；距前一位差、距首位差为与排在前面的地区的差额（比重指标以百分点计）；尚需与月均尚需仅对按月累计且有年度总量目标的指标计算。"];
  simpleSheet(wb, "位次变化", input.ranksTitle, `统计期：${formatPeriod(input.table.period)}`, header, [10, 9, 30, 11, 9, 9, 7, 11, 11, 12, 11, 72], rows, notes);
}

export async function renderCompletionWorkbook(input: WorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const at = new Date(input.stamp);
  wb.creator = "weici";
  wb.lastModifiedBy = "weici";
  wb.created = at;
  wb.modified = at;
  wb.title = input.title;
  completionSheet(wb, input);
  targetsSheet(wb, input);
  ranksSheet(wb, input);
  for (const ws of wb.worksheets) ws.properties.defaultRowHeight = 18;
  return fixZipDates(new Uint8Array(await wb.xlsx.writeBuffer()), at);
}
