import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readXlsx } from "../sources/xlsx.ts";
import { writeMonthlyReport } from "./helpers/fixture.ts";

const tmp = (name: string) => path.join(os.tmpdir(), `weici-xlsx-${process.pid}-${name}`);

describe("XLSX district reports", () => {
  it("finds the header under merged caption rows and takes region and period from the caption", async () => {
    const f = tmp("a.xlsx");
    await writeMonthlyReport(f, {
      name: "上城区", code: "330102", year: 2026, month: 6,
      rows: [["技术合同成交额(亿元)", null, 12.5, 10, 25], ["高新技术企业数", "家", 450, 430, 4.7]],
    });
    const { rows, rejected } = await readXlsx(readFileSync(f), { sourceId: "m", file: "2026-06/330102-上城区.xlsx" });
    expect(rejected).toEqual([]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ row_number: 4, region_code: "330102", year: "2026", month: "6", indicator_name: "技术合同成交额(亿元)", unit: null, value: "12.5", reported_prev: "10", reported_yoy: "25" });
    expect(rows[1]).toMatchObject({ row_number: 5, unit: "家", value: "450" });
  });
  it("uses a formula cell's cached result and leaves one without it empty", async () => {
    const f = tmp("b.xlsx");
    await writeMonthlyReport(f, {
      name: "西湖区", code: "330106", year: 2026, month: 3,
      rows: [["专利申请量", "件", { formula: "100+20", result: 120 }, 90, null], ["发明专利授权量", "件", { formula: "A1*2" }, 10, null]],
    });
    const { rows, rejected } = await readXlsx(readFileSync(f), { sourceId: "m", file: "b.xlsx" });
    expect(rows.map((r) => [r.row_number, r.value])).toEqual([[4, "120"], [5, null]]);
    expect(rejected).toEqual([]);
  });
  it("keeps a masked XX cell as text so the model can quarantine it with its reason", async () => {
    const f = tmp("c.xlsx");
    await writeMonthlyReport(f, { name: "滨江区", code: "330108", year: 2026, month: 2, rows: [["高新技术产业投资", "亿元", "XX", 3, null]] });
    const { rows } = await readXlsx(readFileSync(f), { sourceId: "m", file: "c.xlsx" });
    expect(rows[0]!.value).toBe("XX");
  });
  it("refuses a CSV that was given an .xlsx name, saying what it is", async () => {
    const f = tmp("d.xlsx");
    writeFileSync(f, "指标名称,数值\n高企,1\n");
    await expect(readXlsx(readFileSync(f), { sourceId: "m", file: "d.xlsx" })).rejects.toThrow(/d\.xlsx.*not an XLSX workbook/);
  });
});
