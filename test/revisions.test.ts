// Re-submitted figures (预计 → 快报 → 正式, corrections, withdrawn files) keep every version, so
// analyst.observations_history answers "what did we know on date D?". Clocks are injected.
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../pipelines/run.ts";
import { queryWarehouse } from "./helpers/fixture.ts";
import { T1, T2, T3, runDeps, setupNightly, writeBinjiang } from "./helpers/nightly.ts";

describe("revisions", () => {
  it("keeps every version so as-of queries return what we knew on a date", async () => {
    const { dir, config } = setupNightly();
    writeBinjiang(dir, 10); // 预计
    await runPipeline(config, runDeps(T1));
    writeBinjiang(dir, 10.5); // 快报
    await runPipeline(config, runDeps(T2));
    writeBinjiang(dir, 10.8); // 正式
    const s = await runPipeline(config, runDeps(T3));
    expect(s.build).toBe("built");
    const asOf = (d: string) => queryWarehouse<{ value: number }>(config.warehouse, `select value from analyst.observations_history
      where region_code = '330108' and indicator_code = 'tech_contract_value' and year = 2026 and month = 6
        and valid_from <= timestamp '${d}' and (valid_to is null or valid_to > timestamp '${d}')`);
    expect(await asOf("2026-07-10 12:00:00")).toEqual([]);
    expect(await asOf("2026-07-11 00:00:00")).toEqual([{ value: 10 }]);
    expect(await asOf("2026-07-11 18:30:00")).toEqual([{ value: 10.5 }]);
    expect(await asOf("2026-07-20 00:00:00")).toEqual([{ value: 10.8 }]);
    const history = await queryWarehouse(config.warehouse, `select value, valid_from::varchar as valid_from, valid_to::varchar as valid_to, file, row_number
      from analyst.observations_history where region_code = '330108' and indicator_code = 'tech_contract_value' order by valid_from`);
    expect(history).toEqual([
      { value: 10, valid_from: "2026-07-10 18:30:00", valid_to: "2026-07-11 18:30:00", file: "330108-滨江区-2026.csv", row_number: 2 },
      { value: 10.5, valid_from: "2026-07-11 18:30:00", valid_to: "2026-07-12 18:30:00", file: "330108-滨江区-2026.csv", row_number: 2 },
      { value: 10.8, valid_from: "2026-07-12 18:30:00", valid_to: null, file: "330108-滨江区-2026.csv", row_number: 2 },
    ]);
    // The current view shows only the latest version; figures of files never revised have one version.
    expect(await queryWarehouse(config.warehouse, "select value from analyst.observations where indicator_code = 'tech_contract_value'")).toEqual([{ value: 10.8 }]);
    expect(await queryWarehouse(config.warehouse, "select count(*)::int as n from analyst.observations_history where indicator_code = 'hte_count'")).toEqual([{ n: 6 }]);
  });

  it("ends a figure's history when its file is removed, and keeps an older file's figure current again", async () => {
    const { dir, config } = setupNightly();
    // A correction file for 上城区 2025 that is later withdrawn: the original figure applies again.
    const fix = path.join(dir, "history", "zz-correction.csv");
    writeFileSync(fix, "地区代码,地区名称,指标名称,计量单位,年份,月份,数值\n330102,上城区,高新技术企业数,家,2025,12,450\n");
    await runPipeline(config, runDeps(T1));
    rmSync(fix);
    await runPipeline(config, runDeps(T2));
    const rows = await queryWarehouse(config.warehouse, `select value, file, valid_from::varchar as f, valid_to::varchar as t from analyst.observations_history
      where region_code = '330102' and indicator_code = 'hte_count' and year = 2025 order by valid_from, value`);
    expect(rows).toEqual([
      { value: 450, file: "zz-correction.csv", f: "2026-07-10 18:30:00", t: "2026-07-11 18:30:00" },
      { value: 440, file: "330100-杭州市.csv", f: "2026-07-11 18:30:00", t: null },
    ]);
    expect(await queryWarehouse(config.warehouse, "select value from analyst.observations where region_code = '330102' and year = 2025")).toEqual([{ value: 440 }]);
  });
});

