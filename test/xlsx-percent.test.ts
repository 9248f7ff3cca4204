// Percent-formatted cells in district workbooks: a cell showing 3.08% holds 0.0308 and must read as
// what the person sees. The format alone decides, never the size of the number.
import { describe, expect, it } from "vitest";
import { readXlsx } from "../sources/xlsx.ts";
import { isPercentFormat, percentCells, percentStyles, percentText, sheetParts } from "../sources/xlsx-formats.ts";
import { workbookBytes } from "./helpers/bad-inputs.ts";
import { deflateEntry, readZip, storedEntry, writeZip } from "./helpers/zip.ts";

type Cell = string | number | null | { v: number; fmt: string };

const workbook = (sheets: Record<string, Cell[][]>) => workbookBytes({
  sheets: Object.entries(sheets).map(([name, rows]) => ({
    name, rows: rows.map((r) => r.map((c) => (c !== null && typeof c === "object" ? { number: c.v, numFmt: c.fmt } : c))),
  })),
});

const HEADER: Cell[] = ["指标名称", "计量单位", "本月累计", "同比增长(%)"];
const read = async (buf: Buffer) => (await readXlsx(buf, { sourceId: "m", file: "330102-上城区-2025-12.xlsx" })).rows;

describe("percent-formatted XLSX cells", () => {
  it("reads 0.0308 in a 0.00% cell as 3.08% and a plain 0.0308 in a % row as 0.0308", async () => {
    const rows = await read(await workbook({
      "2025年1-12月": [HEADER, ["R&D经费投入强度", "%", { v: 0.0308, fmt: "0.00%" }, { v: -0.052, fmt: "0.0%" }], ["研发强度", "%", 0.0308, null]],
    }));
    expect(rows.map((r) => [r.row_number, r.value, r.reported_yoy])).toEqual([[2, "3.08%", "-5.2%"], [3, "0.0308", null]]);
    expect(JSON.parse(rows[0]!.raw)).toEqual(["R&D经费投入强度", "%", "3.08%", "-5.2%"]);
  });

  it("tells percent formats by the format code: built-in 0% and 0.00%, custom codes with a % that is not quoted, escaped or bracketed", async () => {
    const rows = await read(await workbook({
      Sheet1: [
        HEADER,
        ["a", "%", { v: 0.5, fmt: "0%" }, null],
        ["b", "%", { v: 0.0215, fmt: "#,##0.000%" }, null],
        ["c", "%", { v: 4.5, fmt: '0.0"%"' }, null],
        ["d", "%", { v: 4.5, fmt: "0.0\\%" }, null],
        ["e", "%", { v: 0.25, fmt: "0.00%;[Red]-0.00%" }, null],
        ["f", "%", { v: 3, fmt: "0.00" }, null],
        ["g", "%", { v: 0, fmt: "0%" }, null],
      ],
    }));
    expect(rows.map((r) => [r.indicator_name, r.value])).toEqual([
      ["a", "50%"], ["b", "2.15%"], ["c", "4.5"], ["d", "4.5"], ["e", "25%"], ["f", "3"], ["g", "0%"],
    ]);
  });

  it("leaves text typed into a percent-formatted cell as it is, and finds percent cells in every sheet by the sheet's own part", async () => {
    const rows = await read(await workbook({
      "说明&备注": [["填表说明"]],
      "R&D <2025年1-12月>": [HEADER, ["R&D经费投入强度", "%", "2.9", null], ["研发强度", "%", { v: 0.031, fmt: "0.0%" }, null]],
    }));
    // ExcelJS writes the format on the text cell too; only numbers are shown as percentages.
    expect(rows.map((r) => r.value)).toEqual(["2.9", "3.1%"]);
  });

  it("checks the format code, not the magnitude: 3.08 in a 0.00% cell is 308%", async () => {
    const rows = await read(await workbook({ S: [HEADER, ["R&D经费投入强度", "%", { v: 3.08, fmt: "0.00%" }, null]] }));
    expect(rows[0]!.value).toBe("308%");
  });

  it("reads the styles from a workbook whose parts are stored uncompressed", async () => {
    const buf = await workbook({ S: [HEADER, ["R&D经费投入强度", "%", { v: 0.0308, fmt: "0.00%" }, null]] });
    const stored = writeZip(readZip(buf).map((e) => (e.name === "xl/styles.xml" ? storedEntry(e.name, e.data) : deflateEntry(e.name, e.data))));
    expect((await read(stored))[0]!.value).toBe("3.08%");
  });
});

describe("number format helpers", () => {
  it("moves the decimal point in the number's text, without binary rounding", () => {
    expect([0.0308, 0.5, 1, 0, -0.031, 0.000012, 12.345, 1e-7, 123456].map(percentText)).toEqual([
      "3.08%", "50%", "100%", "0%", "-3.1%", "0.0012%", "1234.5%", "0.00001%", "12345600%",
    ]);
  });

  it("knows which format codes show a percentage", () => {
    expect(["0%", "0.00%", "#,##0.0%", '0.0%;"-"', "[Red]0%", "0.00 %"].map(isPercentFormat)).toEqual([true, true, true, true, true, true]);
    expect(['0.0"%"', "0.0\\%", "0.00_%", "0*%", "[$%-804]0.00", "General", "0.00"].map(isPercentFormat)).toEqual([false, false, false, false, false, false, false]);
  });

  it("maps cell formats to number formats, built-in and custom, in cellXfs order only", () => {
    const styles = `<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt formatCode="0.0&quot;%&quot;" numFmtId="165"/></numFmts>
      <cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs>
      <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="10" applyNumberFormat="1"><alignment horizontal="center"/></xf><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="9"/><xf/></cellXfs></styleSheet>`;
    expect([...percentStyles(styles)]).toEqual([1, 2, 4]);
    expect(percentStyles("<styleSheet><cellXfs><xf numFmtId=\"0\"/></cellXfs></styleSheet>").size).toBe(0);
    // A % written as a character reference is still a %.
    expect([...percentStyles('<numFmts><numFmt numFmtId="164" formatCode="0.0&#37;"/></numFmts><cellXfs><xf numFmtId="164"/></cellXfs>')]).toEqual([0]);
  });

  it("finds numeric cells of those formats by their reference, skipping text, booleans and errors", () => {
    const sheet = `<sheetData><row r="2"><c r="A2" s="1" t="s"><v>0</v></c><c r="C2" s="1"><v>0.03</v></c><c r="D2" s="2" t="n"><v>1</v></c>
      <c r="E2" s="1" t="e"><v>#DIV/0!</v></c><c r="AB10" s="1"><f>A1</f><v>0.5</v></c></row></sheetData>`;
    expect([...percentCells(sheet, new Set([1]))]).toEqual([1 * 16384 + 2, 9 * 16384 + 27]);
  });

  it("finds each sheet's part through the workbook relationships", () => {
    const wb = `<workbook><sheets><sheet name="A&amp;B" sheetId="1" r:id="rId2"/><sheet name="S2" sheetId="2" r:id="rId1"/></sheets></workbook>`;
    const rels = `<Relationships><Relationship Id="rId1" Target="worksheets/sheet2.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet1.xml"/></Relationships>`;
    expect([...sheetParts(wb, rels)]).toEqual([["A&B", "xl/worksheets/sheet1.xml"], ["S2", "xl/worksheets/sheet2.xml"]]);
  });
});
