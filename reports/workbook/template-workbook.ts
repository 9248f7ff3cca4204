// The fill-in template a bureau sends to its districts (`weici template`): the catalog's indicators with
// their units for one period, either one sheet per district shaped like the district report weici
// reads (caption with 地区代码 and 统计期, header 指标名称/计量单位/本月累计/去年同期/同比增长(%)) or one
// wide sheet in the 完成情况表 layout (indicator over 本年累计/去年同期/同比增长(%), a row per district,
// a 合计 row of SUM formulas for counts and flows). Value cells accept numbers only (data validation),
// so a filled-in template loads with no hint.
import ExcelJS from "exceljs";
import { formatPeriod } from "../format.ts";
import { excelFormat, valueDecimals } from "../office/display.ts";
import { membersWord, totalLabel } from "../office/completion-table.ts";
import { FIRST_PAGE_COLUMNS, noteRows, printSetup, styleBody, styleHeader, textWidth, titleRows, twoLevelHeader } from "./sheet-style.ts";
import { unitLine } from "./completion-workbook.ts";

export interface TemplateIndicator {
  code: string;
  name: string;
  unit: string;
  kind: "stock" | "flow" | "ratio";
}

export interface TemplateInput {
  year: number;
  month: number;
  groupName: string;
  groupKind: string;
  districts: { code: string; name: string }[];
  indicators: TemplateIndicator[];
  layout: "district" | "wide";
}

/** Numbers only; a count or amount is never negative, a 同比 may be. */
function validation(kind: "level" | "growth", unit: string): ExcelJS.DataValidation {
  const what = kind === "growth" ? "同比增长率（%，可为负数）" : unit === "%" ? "百分比数值（如 3.08 表示 3.08%）" : `以${unit}计的数值`;
  return {
    type: "decimal",
    operator: kind === "growth" ? "between" : "greaterThanOrEqual",
    formulae: kind === "growth" ? [-100, 100000] : [0],
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: "请输入数字",
    error: `此处只能填写${what}，不要填写单位或文字。`,
    showInputMessage: true,
    promptTitle: "填写说明",
    prompt: `填写${what}。`,
  };
}

const period = (t: TemplateInput) => formatPeriod({ year: t.year, month: t.month, annual: false });

function districtSheets(wb: ExcelJS.Workbook, t: TemplateInput): void {
  const used = new Set<string>();
  for (const d of t.districts) {
    // Sheet names: at most 31 characters, unique, none of : \ / ? * [ ].
    let name = d.name.replace(/[:\\/?*[\]]/g, "").slice(0, 31) || d.code;
    if (used.has(name)) name = `${name.slice(0, 24)}${d.code}`;
    used.add(name);
    const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 3 }] });
    titleRows(ws, 6, `${d.name}科技创新主要指标统计月报`, `填报单位：${d.name}科学技术局    地区代码：${d.code}    统计期：${period(t)}`);
    ws.getCell(2, 1).alignment = { horizontal: "left", vertical: "middle" };
    ws.addRow(["序号", "指标名称", "计量单位", "本月累计", "去年同期", "同比增长(%)"]);
    styleHeader(ws, 3, 3, 6);
    t.indicators.forEach((i, k) => {
      const row = ws.addRow([k + 1, i.name, i.unit, null, null, null]);
      styleBody(row, 6);
      row.getCell(2).alignment = { horizontal: "left", vertical: "middle" };
      for (const c of [4, 5]) {
        row.getCell(c).dataValidation = validation("level", i.unit);
        row.getCell(c).numFmt = excelFormat(valueDecimals(i.unit));
      }
      row.getCell(6).dataValidation = validation("growth", "%");
      row.getCell(6).numFmt = "0.0";
    });
    noteRows(ws, 6, [
      "注：本月累计填写1月至本月的累计数（存量指标填写月末数，比重指标填写本期比重）；金额按计量单位填写，不要写入单位或文字。",
      "填报人：            审核人：            联系电话：",
    ]);
    [6, Math.max(24, ...t.indicators.map((i) => textWidth(i.name) + 2)), 10, 13, 13, 12].forEach((w, k) => (ws.getColumn(k + 1).width = w));
    printSetup(ws, "3:3");
    ws.pageSetup.orientation = "portrait";
  }
}

function wideSheet(wb: ExcelJS.Workbook, t: TemplateInput): void {
  const ws = wb.addWorksheet("完成情况表", { views: [{ state: "frozen", xSplit: 2, ySplit: 4 }] });
  const width = 2 + 3 * t.indicators.length;
  titleRows(ws, width, `${t.groupName}${membersWord(t.groupKind)}主要科技指标完成情况表（${period(t)}）`, unitLine(t.indicators.map((i) => i.unit)));
  twoLevelHeader(ws, t.indicators.map((i) => ({
    title: `${i.name}(${i.unit})`,
    subs: i.kind === "ratio" ? ["本年", "去年同期", i.unit === "%" ? "增减(百分点)" : `增减(${i.unit})`] : ["本年累计", "去年同期", "同比增长(%)"],
  })), width);
  const first = 6;
  const last = first + t.districts.length - 1;
  const total = ws.addRow([totalLabel(t.groupKind), null]);
  styleBody(total, width, { bold: true });
  t.indicators.forEach((i, k) => {
    if (i.kind === "ratio") return;
    for (const c of [3 + 3 * k, 4 + 3 * k]) {
      const col = ws.getColumn(c).letter;
      total.getCell(c).value = { formula: `IF(COUNT(${col}${first}:${col}${last})=0,"",SUM(${col}${first}:${col}${last}))` };
      total.getCell(c).numFmt = excelFormat(valueDecimals(i.unit));
    }
  });
  for (const d of t.districts) {
    const row = ws.addRow([d.name, d.code]);
    styleBody(row, width);
    t.indicators.forEach((i, k) => {
      const base = 3 + 3 * k;
      for (const c of [base, base + 1]) {
        row.getCell(c).dataValidation = validation("level", i.unit);
        row.getCell(c).numFmt = excelFormat(valueDecimals(i.unit));
      }
      row.getCell(base + 2).dataValidation = validation("growth", "%");
      row.getCell(base + 2).numFmt = i.kind === "ratio" ? "0.00" : "0.0";
    });
  }
  noteRows(ws, Math.min(width, FIRST_PAGE_COLUMNS), [
    "注：本年累计填写1月至本月的累计数（存量指标填写月末数，比重指标填写本期比重）；金额按表头单位填写，不要写入单位或文字。合计行自动求和，比重指标不合计。",
    "填报人：            审核人：            联系电话：",
  ]);
  ws.getColumn(1).width = Math.max(10, ...t.districts.map((d) => textWidth(d.name) + 2));
  ws.getColumn(2).width = 9;
  for (let c = 3; c <= width; c++) ws.getColumn(c).width = 11;
  printSetup(ws, "3:4", { columns: width, titleColumns: "A:B" });
}

export async function renderTemplate(t: TemplateInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "weici";
  const at = new Date(Date.UTC(t.year, t.month - 1, 1));
  wb.created = at;
  wb.modified = at;
  if (t.layout === "wide") wideSheet(wb, t);
  else districtSheets(wb, t);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
