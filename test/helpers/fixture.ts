// Copies a scenario folder from test/fixtures into a fresh temp dir so runs never touch the repo.
import { cpSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { Warehouse } from "../../pipelines/warehouse.ts";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

export function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `weici-${name}-`));
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** A district monthly report shaped like the bureaus' template: merged caption rows above the header. */
export async function writeMonthlyReport(
  file: string,
  opts: { name: string; code: string; year: number; month: number; rows: (string | number | null | { formula: string; result?: number })[][] },
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${opts.year}年1-${opts.month}月`);
  ws.addRow([`${opts.name}科技创新主要指标统计月报`]);
  ws.mergeCells("A1:F1");
  ws.addRow([`填报单位：${opts.name}科学技术局    地区代码：${opts.code}    统计期：${opts.year}年1-${opts.month}月`]);
  ws.mergeCells("A2:F2");
  ws.addRow(["序号", "指标名称", "计量单位", "本月累计", "去年同期", "同比增长(%)"]);
  opts.rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
  await wb.xlsx.writeFile(file);
}

/** Runs one query against a warehouse file opened read-only, as an analyst would. */
export async function queryWarehouse<T = Record<string, unknown>>(file: string, sql: string): Promise<T[]> {
  const wh = await Warehouse.open(file, { readOnly: true });
  try {
    return await wh.all<T>(sql);
  } finally {
    await wh.close();
  }
}
