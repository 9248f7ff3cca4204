// The drafted 通报 in Word (.docx), written with the `docx` library: title and period, 一、总体情况,
// 二、各地亮点与短板 (the district pages' statements, with 追赶分析), then 三、完成情况表 in an A4
// landscape section, and a closing line on sources and data time. Fonts as Word and WPS on a Chinese
// system name them: 黑体 for headings, 仿宋 for body text, 宋体 for the title and the table; page
// numbers in the footer. Every figure comes from the input, which the site's numbers fill.
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import { formatNumber, formatRank, NOT_APPLICABLE } from "../format.ts";
import type { CompletionCell, CompletionTable } from "../office/completion-table.ts";
import { valueDecimals } from "../office/display.ts";
import { fixZipDates } from "../office/zip-dates.ts";

export interface DraftDistrict {
  name: string;
  highlights: string[];
  shortfalls: string[];
  catchUp: string[];
}

export interface DraftInput {
  title: string;
  /** `2026年1-10月`. */
  period: string;
  overview: string[];
  districts: DraftDistrict[];
  table: CompletionTable;
  tableTitle: string;
  closing: string;
  /** ISO time stamped into the file (not the clock), so equal inputs give equal bytes. */
  stamp: string;
}

export const FONTS = { heading: "黑体", body: "仿宋", title: "宋体", table: "宋体" } as const;
const LATIN = "Times New Roman";
const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, eastAsia, hint: "eastAsia" as const });
/** A4 in twips (1/1440 inch); docx swaps them for a landscape section. */
const A4 = { width: 11906, height: 16838 };

const body = (text: string, opts: { bold?: boolean; indent?: boolean } = {}) =>
  new Paragraph({
    style: "BodyText",
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    children: [new TextRun({ text, bold: opts.bold })],
  });
const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1) =>
  new Paragraph({ heading: level, children: [new TextRun(text)] });

function numberText(v: number | null, decimals: number): string {
  return v == null ? NOT_APPLICABLE : formatNumber(v, decimals);
}

function cellTexts(cell: CompletionCell | null, unit: string, ratio: boolean): string[] {
  if (!cell) return [NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE];
  // A table states the change as a signed figure under a header that names its unit, as bureaus print it.
  const change = cell.change == null ? NOT_APPLICABLE : formatNumber(cell.change, ratio ? 2 : 1);
  return [numberText(cell.value, valueDecimals(unit, cell.value)), numberText(cell.prev, valueDecimals(unit, cell.prev)), change, formatRank(cell.rank, cell.tied)];
}

function tableCell(text: string, opts: { header?: boolean; columnSpan?: number; rowSpan?: number; left?: boolean } = {}): TableCell {
  return new TableCell({
    columnSpan: opts.columnSpan,
    rowSpan: opts.rowSpan,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 40, right: 40 },
    shading: opts.header ? { fill: "F2F2F2" } : undefined,
    children: [
      new Paragraph({
        alignment: opts.left ? AlignmentType.LEFT : AlignmentType.CENTER,
        // Not the body's exact 28-point lines: a table row is as high as its text.
        spacing: { line: 240, lineRule: "auto", before: 0, after: 0 },
        children: [new TextRun({ text, bold: opts.header, font: font(FONTS.table), size: 16 })],
      }),
    ],
  });
}

export function completionWordTable(table: CompletionTable): Table {
  const h1 = [tableCell("地区", { header: true, rowSpan: 2 }), ...table.columns.map((c) => tableCell(`${c.name}（${c.unit}）`, { header: true, columnSpan: 4 }))];
  const h2 = table.columns.flatMap((c) =>
    (c.ratio ? ["本年", "去年同期", c.unit === "%" ? "增减(百分点)" : `增减(${c.unit})`, "位次"] : ["本年累计", "去年同期", "同比(%)", "位次"]).map((t) => tableCell(t, { header: true })),
  );
  const rows = [...(table.total ? [table.total] : []), ...table.rows].map(
    (r) => new TableRow({ cantSplit: true, children: [tableCell(r.name), ...r.cells.flatMap((cell, k) => cellTexts(cell, table.columns[k]!.unit, table.columns[k]!.ratio).map((t) => tableCell(t)))] }),
  );
  // Landscape A4 less margins ≈ 14,800 twips: the name column, then four columns per indicator.
  // Figures get the room; the rank column is narrow.
  const nameWidth = 1100;
  const group = Math.floor((14800 - nameWidth) / Math.max(1, table.columns.length));
  const widths = [0.3, 0.3, 0.24, 0.16].map((f) => Math.floor(group * f));
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: nameWidth + widths.reduce((a, b) => a + b, 0) * table.columns.length, type: WidthType.DXA },
    columnWidths: [nameWidth, ...table.columns.flatMap(() => widths)],
    rows: [new TableRow({ tableHeader: true, children: h1 }), new TableRow({ tableHeader: true, children: h2 }), ...rows],
  });
}

const footer = () =>
  new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: font(FONTS.table), size: 21 })] })],
  });

export function buildDraft(input: DraftInput): Document {
  const text: Paragraph[] = [
    new Paragraph({ style: "DraftTitle", children: [new TextRun(input.title)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, style: "BodyText", children: [new TextRun(`（${input.period}）`)] }),
    heading("一、总体情况"),
    ...input.overview.map((t) => body(t)),
    heading("二、各地亮点与短板"),
  ];
  input.districts.forEach((d, k) => {
    text.push(heading(`（${toZhNumber(k + 1)}）${d.name}`, HeadingLevel.HEADING_2));
    text.push(body(`亮点：${d.highlights.length ? d.highlights.join("；") : "本期暂无位居前列或明显进位的指标"}。`));
    text.push(body(`短板：${d.shortfalls.length ? d.shortfalls.join("；") : "本期暂无位居末段或明显退位的指标"}。`));
    if (d.catchUp.length) text.push(body(`追赶：${d.catchUp.join("")}`));
  });
  text.push(heading("三、主要指标完成情况"), body(`详见附表《${input.tableTitle}》。`), body(input.closing));

  const tableSection = [
    new Paragraph({ style: "BodyText", children: [new TextRun({ text: "附表", font: font(FONTS.heading) })] }),
    new Paragraph({ style: "TableTitle", children: [new TextRun(input.tableTitle)] }),
    completionWordTable(input.table),
    new Paragraph({ style: "Note", children: [new TextRun("注：位次按本年累计（比重指标按本年数值）由高到低排列，并列者同位次；合计为各地之和，比重指标不合计。")] }),
  ];

  const margin = { top: 1440, bottom: 1440, left: 1531, right: 1531 };
  return new Document({
    creator: "weici",
    title: input.title,
    styles: {
      default: { document: { run: { font: font(FONTS.body), size: 32 }, paragraph: { spacing: { line: 560, lineRule: "exact" } } } },
      paragraphStyles: [
        { id: "BodyText", name: "Body Text", basedOn: "Normal", run: { font: font(FONTS.body), size: 32 }, paragraph: { alignment: AlignmentType.JUSTIFIED } },
        { id: "DraftTitle", name: "Title", basedOn: "Normal", run: { font: font(FONTS.title), size: 44, bold: true }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240, line: 700, lineRule: "exact" } } },
        { id: "Heading1", name: "Heading 1", basedOn: "Normal", next: "BodyText", run: { font: font(FONTS.heading), size: 32, bold: false }, paragraph: { indent: { firstLine: 640 }, outlineLevel: 0 } },
        { id: "Heading2", name: "Heading 2", basedOn: "Normal", next: "BodyText", run: { font: font("楷体"), size: 32, bold: true }, paragraph: { indent: { firstLine: 640 }, outlineLevel: 1 } },
        { id: "TableTitle", name: "Table Title", basedOn: "Normal", run: { font: font(FONTS.title), size: 28, bold: true }, paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 400, lineRule: "exact", after: 120 } } },
        { id: "Note", name: "Note", basedOn: "Normal", run: { font: font(FONTS.table), size: 18 }, paragraph: { spacing: { line: 300, lineRule: "exact", before: 120 } } },
      ],
    },
    sections: [
      { properties: { page: { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin, pageNumbers: { start: 1 } } }, footers: { default: footer() }, children: text },
      { properties: { page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: { top: 1134, bottom: 1134, left: 1020, right: 1020 } } }, footers: { default: footer() }, children: tableSection },
    ],
  });
}

const ZH = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
/** 1 → 一, 12 → 十二, 25 → 二十五 (district numbering in 公文 style). */
export function toZhNumber(n: number): string {
  if (n < 10) return ZH[n]!;
  if (n < 100) return `${n >= 20 ? ZH[Math.floor(n / 10)] : ""}十${ZH[n % 10]}`;
  return String(n);
}

/** The .docx bytes; the core properties' times are the input's stamp, not the clock. */
export async function renderDraft(input: DraftInput): Promise<Buffer> {
  const at = new Date(input.stamp);
  const iso = at.toISOString().replace(/\.\d{3}Z$/, "Z");
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${escapeXml(input.title)}</dc:title><dc:creator>weici</dc:creator><cp:lastModifiedBy>weici</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`;
  const buf = await Packer.toBuffer(buildDraft(input), undefined, [{ path: "docProps/core.xml", data: core }]);
  return fixZipDates(buf, at);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
