// The look of a bureau table in Excel: 宋体 body, 黑体 title, thin borders, wrapped centred headers,
// A4 landscape fitted to the page width with the header rows repeated on every printed page.
import type ExcelJS from "exceljs";

export const BODY_FONT = { name: "宋体", size: 10 } as const;
export const HEADER_FONT = { name: "宋体", size: 10, bold: true } as const;
export const TITLE_FONT = { name: "黑体", size: 16 } as const;

const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Columns of a wide table that fit the first printed page: the title and unit line sit over them. */
export const FIRST_PAGE_COLUMNS = 11;

/** Title over the table (at most its first printed page, so it is on page one), then a line (unit, period). */
export function titleRows(ws: ExcelJS.Worksheet, tableWidth: number, title: string, line: string): void {
  const width = Math.min(tableWidth, FIRST_PAGE_COLUMNS);
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, width);
  const t = ws.getCell(1, 1);
  t.font = TITLE_FONT;
  t.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(1).height = 30;
  ws.addRow([line]);
  ws.mergeCells(2, 1, 2, width);
  const u = ws.getCell(2, 1);
  u.font = BODY_FONT;
  u.alignment = { horizontal: "right", vertical: "middle" };
}

/** Borders, font and wrapping on the header rows `from`..`to`. */
export function styleHeader(ws: ExcelJS.Worksheet, from: number, to: number, width: number): void {
  for (let r = from; r <= to; r++) {
    const row = ws.getRow(r);
    row.height = 30;
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cell.font = HEADER_FONT;
      cell.border = BORDER;
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
    }
  }
}

export function styleBody(row: ExcelJS.Row, width: number, opts: { bold?: boolean } = {}): void {
  for (let c = 1; c <= width; c++) {
    const cell = row.getCell(c);
    cell.font = opts.bold ? HEADER_FONT : BODY_FONT;
    cell.border = BORDER;
    cell.alignment = { horizontal: c <= 2 ? "center" : "right", vertical: "middle" };
  }
}

/** Notes under the table, each merged across the width. */
export function noteRows(ws: ExcelJS.Worksheet, width: number, notes: string[]): void {
  for (const n of notes) {
    const row = ws.addRow([n]);
    ws.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).font = { ...BODY_FONT, size: 9 };
    row.getCell(1).alignment = { horizontal: "left", vertical: "top", wrapText: true };
    row.height = 15 * Math.max(1, Math.ceil(n.length / Math.max(20, width * 6)));
  }
}

/**
 * A4 landscape. A table up to about 26 columns is fitted to the page width; a wider one (every
 * indicator of the catalog) prints across pages at a readable size, the district columns repeated.
 */
export function printSetup(ws: ExcelJS.Worksheet, headerRows: string, opts: { columns?: number; titleColumns?: string } = {}): void {
  const fit = (opts.columns ?? 0) <= 26;
  ws.pageSetup = {
    paperSize: 9,
    orientation: "landscape",
    ...(fit ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : { fitToPage: false, scale: 85 }),
    horizontalCentered: fit,
    printTitlesRow: headerRows,
    ...(opts.titleColumns && !fit ? { printTitlesColumn: opts.titleColumns } : {}),
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: "第 &P 页，共 &N 页" };
}

/** A CJK character is about two Latin widths in Excel's column unit. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u0000-\u00ff]/.test(ch) ? 1 : 2;
  return w;
}

/**
 * The two-level header of a wide 完成情况表 in rows 3-4: 地区 and 区划代码 merged down, each indicator
 * merged over its sub-columns (本年累计 / 去年同期 / 同比增长(%) …), styled as a header.
 */
export function twoLevelHeader(ws: ExcelJS.Worksheet, groups: readonly { title: string; subs: readonly string[] }[], width: number): void {
  const h1: string[] = ["地区", "区划代码"];
  const h2: string[] = ["地区", "区划代码"];
  const spans: [number, number][] = [];
  for (const g of groups) {
    spans.push([h1.length + 1, h1.length + g.subs.length]);
    h1.push(g.title, ...g.subs.slice(1).map(() => ""));
    h2.push(...g.subs);
  }
  ws.addRow(h1);
  ws.addRow(h2);
  ws.mergeCells(3, 1, 4, 1);
  ws.mergeCells(3, 2, 4, 2);
  for (const [from, to] of spans) ws.mergeCells(3, from, 3, to);
  styleHeader(ws, 3, 4, width);
  ws.getRow(3).height = 42;
}
