// `weici template`: the workbook a bureau sends its districts. A per-district template, filled in the
// way a district would (numbers typed into 本月累计), must load through the xlsx source with no hint,
// and a pipeline run must land every figure under the right district, indicator and period.
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { templateCommand } from "../pipelines/commands/template.ts";
import { loadConfig } from "../pipelines/config.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { runPipeline } from "../pipelines/run.ts";
import { loadCatalog } from "../sources/catalog.ts";
import { readXlsx } from "../sources/xlsx.ts";
import { copyFixture, queryWarehouse } from "./helpers/fixture.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const catalog = loadCatalog();

/** What a district types: a plausible figure per row in the row's unit (never the same twice). */
function figure(unit: string, k: number, district: number): number {
  if (unit === "%") return Math.round((1.5 + 0.1 * k + district) * 100) / 100;
  if (unit === "亿元") return Math.round((3.25 + 1.5 * k + 10 * district) * 100) / 100;
  return 100 * (district + 1) + k;
}

async function fillIn(file: string): Promise<Map<string, Map<string, number>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const typed = new Map<string, Map<string, number>>();
  wb.worksheets.forEach((ws, district) => {
    const code = /地区代码：(\d{6})/.exec(String(ws.getCell(2, 1).value))![1]!;
    const values = new Map<string, number>();
    ws.eachRow((row, r) => {
      if (r <= 3 || typeof row.getCell(1).value !== "number") return;
      const name = String(row.getCell(2).value);
      const v = figure(String(row.getCell(3).value), r, district);
      row.getCell(4).value = v;
      values.set(name, v);
    });
    typed.set(code, values);
  });
  await wb.xlsx.writeFile(file);
  return typed;
}

describe("weici template", () => {
  it("writes one sheet per district with the catalog's indicators, units, number validation and the period", async () => {
    const dir = copyFixture("hangzhou-five-districts");
    dirs.push(dir);
    const config = loadConfig(path.join(dir, "weici.config.json"));
    const out = path.join(dir, "template.xlsx");
    const lines: string[] = [];
    expect(await templateCommand(config, { period: "2026-11", group: "city:330100", out }, { stdout: (s) => lines.push(s) })).toBe(0);
    expect(lines.join("")).toMatch(/13 districts/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain("上城区");
    const ws = wb.getWorksheet("上城区")!;
    expect(ws.getCell(2, 1).value).toBe("填报单位：上城区科学技术局    地区代码：330102    统计期：2026年1-11月");
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getCell(3, c).value)).toEqual(["序号", "指标名称", "计量单位", "本月累计", "去年同期", "同比增长(%)"]);
    const monthly = catalog.indicators.filter((i) => i.frequency !== "annual");
    const names = monthly.map((i) => [i.name_zh, i.unit]);
    const rows = Array.from({ length: monthly.length }, (_, k) => [ws.getCell(4 + k, 2).value, ws.getCell(4 + k, 3).value]);
    expect(rows).toEqual(names);
    expect(ws.getCell(4, 4).dataValidation).toMatchObject({ type: "decimal", operator: "greaterThanOrEqual", showErrorMessage: true });
    expect(ws.getCell(4, 6).dataValidation).toMatchObject({ type: "decimal", operator: "between" });
  });

  it("loads back, filled in, through the xlsx source and a run with no hint", async () => {
    const dir = copyFixture("hangzhou-five-districts");
    dirs.push(dir);
    const config = loadConfig(path.join(dir, "weici.config.json"));
    mkdirSync(path.join(dir, "monthly"), { recursive: true });
    const out = path.join(dir, "monthly", "杭州市2026年1-11月填报.xlsx");
    await templateCommand(config, { period: "2026-11", group: "city:330100", out }, { stdout: () => undefined });
    const typed = await fillIn(out);

    const read = await readXlsx(readFileSync(out), { sourceId: "monthly", file: out });
    expect(read.rejected).toEqual([]);
    const monthly = catalog.indicators.filter((i) => i.frequency !== "annual");
    expect(read.rows).toHaveLength(13 * monthly.length);
    for (const r of read.rows) {
      expect([r.year, r.month]).toEqual(["2026", "11"]);
      expect(catalog.resolve(r.indicator_name ?? "")?.unit).toBe(r.unit);
      expect(Number(r.value)).toBe(typed.get(r.region_code!)!.get(r.indicator_name ?? ""));
    }

    await runPipeline(config, { logger: memoryLogger(), now: () => new Date("2026-12-10T02:00:00Z") });
    const landed = await queryWarehouse<{ region_code: string; indicator_code: string; value: number }>(config.warehouse,
      `select region_code::varchar as region_code, indicator_code::varchar as indicator_code, value from analyst.observations
       where year = 2026 and month = 11 order by all`);
    expect(landed).toHaveLength(13 * monthly.length);
    const shangcheng = typed.get("330102")!;
    const tcv = landed.find((l) => l.region_code === "330102" && l.indicator_code === "tech_contract_value")!;
    expect(tcv.value).toBe(shangcheng.get("技术合同成交额"));
    const quarantined = await queryWarehouse<{ n: number }>(config.warehouse, "select count(*)::integer as n from analyst.quarantine where file like '%填报%'");
    expect(quarantined[0]!.n).toBe(0);
  }, 120_000);

  it("writes the wide 完成情况表 layout with the period in the title, merged indicator headers and a summing total row", async () => {
    const dir = copyFixture("hangzhou-five-districts");
    dirs.push(dir);
    const config = loadConfig(path.join(dir, "weici.config.json"));
    const out = path.join(dir, "wide.xlsx");
    await templateCommand(config, { period: "2026-11", group: "city:330100", layout: "wide", out }, { stdout: () => undefined });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("完成情况表")!;
    expect(ws.getCell(1, 1).value).toBe("杭州市各区、县(市)主要科技指标完成情况表（2026年1-11月）");
    expect(String(ws.getCell(2, 1).value)).toMatch(/^单位：家/);
    expect(ws.getCell(3, 3).value).toBe("高新技术企业数(家)");
    expect(ws.getCell(3, 5).master.address).toBe("C3");
    expect([3, 4, 5].map((c) => ws.getCell(4, c).value)).toEqual(["本年累计", "去年同期", "同比增长(%)"]);
    expect([ws.getCell(5, 1).value, ws.getCell(6, 1).value, ws.getCell(6, 2).value]).toEqual(["全市", "上城区", "330102"]);
    expect(ws.getCell(5, 3).value).toMatchObject({ formula: 'IF(COUNT(C6:C18)=0,"",SUM(C6:C18))' });
    expect(ws.getCell(6, 3).dataValidation).toMatchObject({ type: "decimal" });
  });
});
