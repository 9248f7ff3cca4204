// Two files that give the same region, indicator and period different values: one value is kept by a
// documented rule (the newest load: a later run, else later in load order), the other row is
// quarantined naming the kept file and row, and a warn-severity data check lists the conflict (on the
// quality page too) without stopping the publish. Within-run name order is in the bad-inputs corpus
// (csv-duplicate-across-files); here: across runs and across sources.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../pipelines/run.ts";
import { Warehouse } from "../pipelines/warehouse.ts";
import { loadExtras } from "../reports/load-extras.ts";
import { queryWarehouse } from "./helpers/fixture.ts";
import { T1, T2, T3, runDeps, setupNightly } from "./helpers/nightly.ts";

const HEADER = "地区代码,地区名称,指标名称,计量单位,年份,月份,数值\n";
const CHECK = readFileSync(new URL("../sql/checks/submissions_conflict_across_files.sql", import.meta.url), "utf8");

const current = (warehouse: string) => queryWarehouse<{ value: number; file: string }>(warehouse,
  "select value, file from analyst.observations where region_code = '330102' and indicator_code = 'hte_count' and year = 2025");
const quarantined = (warehouse: string) => queryWarehouse<{ file: string; row_number: number; field: string; reason: string }>(warehouse,
  "select file, row_number, field, reason from analyst.quarantine order by file, row_number");

describe("conflicting figures from two files", () => {
  it("keeps the file loaded in the later run, quarantines the other row naming it, and turns round when the older file is revised", async () => {
    const { dir, config } = setupNightly();
    await runPipeline(config, runDeps(T1));
    // A district file arrives the next night: 上城区 2025 高新技术企业数 450, where the city file says 440.
    // Its 西湖区 2024 figure is the city's 800: the same value is no conflict.
    writeFileSync(path.join(dir, "history", "330102-上城区.csv"), `${HEADER}330102,上城区,高新技术企业数,家,2025,12,450\n330106,西湖区,高新技术企业数,家,2024,12,800\n`);
    const s2 = await runPipeline(config, runDeps(T2));
    expect(s2.outcome).toBe("ok");
    expect(s2.checksWarned).toBe(1);
    expect(await current(config.warehouse)).toEqual([{ value: 450, file: "330102-上城区.csv" }]);
    expect(await quarantined(config.warehouse)).toEqual([{
      file: "330100-杭州市.csv", row_number: 5, field: "value",
      reason: "conflicts with 330102-上城区.csv row 2: 440家 here, 450家 there (same region, indicator and period); kept 330102-上城区.csv because it was loaded in a later run; correct or remove the wrong file",
    }]);
    expect(await queryWarehouse(config.warehouse, CHECK)).toEqual([{
      region_code: "330102", indicator_code: "hte_count", year: 2025, month: 12,
      kept_file: "330102-上城区.csv", kept_sheet: null, kept_row: 2, kept_value: 450,
      other_file: "330100-杭州市.csv", other_sheet: null, other_row: 5, other_value: 440,
    }]);
    // The quality page lists the check as a warning with its one conflict, and the quarantined row.
    const wh = await Warehouse.open(config.warehouse, { readOnly: true });
    try {
      const { quality } = await loadExtras((q, p) => wh.all(q, p as never), { periods: new Map() });
      expect(quality!.checks.find((c) => c.name === "submissions_conflict_across_files")).toEqual({
        name: "submissions_conflict_across_files", severity: "warn", failing: 1,
        // The quality page lists the row itself: which file was kept and which one lost.
        rows: [expect.objectContaining({ kept_file: "330102-上城区.csv", kept_value: 450, other_file: "330100-杭州市.csv", other_value: 440 })],
      });
      expect(quality!.quarantine.map((q) => q.file)).toEqual(["330100-杭州市.csv"]);
    } finally {
      await wh.close();
    }

    // The city file is re-exported (a revision): now it is the newest load and its figure is kept.
    appendFileSync(path.join(dir, "history", "330100-杭州市.csv"), "330106,西湖区,专利申请量,件,2025,12,5200\n");
    await runPipeline(config, runDeps(T3));
    expect(await current(config.warehouse)).toEqual([{ value: 440, file: "330100-杭州市.csv" }]);
    expect((await quarantined(config.warehouse)).map((q) => `${q.file}:${q.row_number} ${q.reason}`)).toEqual([
      "330102-上城区.csv:2 conflicts with 330100-杭州市.csv row 5: 450家 here, 440家 there (same region, indicator and period); kept 330100-杭州市.csv because it was loaded in a later run; correct or remove the wrong file",
    ]);
  });

  it("between two sources in one run keeps the source listed later in the configuration and names it", async () => {
    const { dir, config } = setupNightly([{ id: "districts", kind: "csv", dir: "districts", pattern: "*.csv", region_scope: "330000" }]);
    mkdirSync(path.join(dir, "districts"));
    writeFileSync(path.join(dir, "districts", "330108-滨江区.csv"), `${HEADER}330108,滨江区,技术合同成交额,万元,2026,6,105000\n`);
    const s = await runPipeline(config, runDeps(T1));
    expect(s.outcome).toBe("ok");
    expect(await queryWarehouse(config.warehouse, "select value, source_id from analyst.observations where indicator_code = 'tech_contract_value'"))
      .toEqual([{ value: 10.5, source_id: "districts" }]);
    expect((await quarantined(config.warehouse)).map((q) => `${q.file}:${q.row_number} ${q.reason}`)).toEqual([
      "330108-滨江区-2026.csv:2 conflicts with 330108-滨江区.csv row 2 (source districts): 10亿元 here, 10.5亿元 there (same region, indicator and period); kept 330108-滨江区.csv because its source districts loads after history; correct or remove the wrong file",
    ]);
  });
});
