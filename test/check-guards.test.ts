// Data checks guard against one of two things (pipelines/checks.ts). A check that guards against source
// data quarantines its failing rows with its name, file and row, and the run publishes everything else
// as partial; a check that guards against model bugs still stops the publish, and its message names
// the files behind its rows.
import { cpSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../pipelines/config.ts";
import { CheckError } from "../pipelines/errors.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { SQL_DIR, runPipeline } from "../pipelines/run.ts";
import { copyFixture, queryWarehouse } from "./helpers/fixture.ts";

const now = () => new Date("2026-07-15T02:00:00Z");
/** Lines of 330100-杭州市.csv giving 西湖区's and 滨江区's high-tech firms for 2024. */
const [ROW_XIHU, ROW_BINJIANG] = [4, 5];

function setup(check: { name: string; sql: string }) {
  const dir = copyFixture("hangzhou-five-districts");
  const sqlDir = path.join(dir, "sql");
  cpSync(SQL_DIR, sqlDir, { recursive: true });
  writeFileSync(path.join(sqlDir, "checks", `${check.name}.sql`), check.sql);
  return { dir, sqlDir, config: loadConfig(path.join(dir, "weici.config.json")) };
}

describe("a check that guards against source data", () => {
  it("quarantines its failing rows with the check's name, file and row, and publishes the rest as partial", async () => {
    // 西湖区's 800 and 滨江区's 1000 high-tech firms for 2024 stand for figures a source got wrong.
    const { sqlDir, config } = setup({
      name: "hte_count_at_most_700",
      sql: "-- No district had more than 700 high-tech firms in 2024.\n-- guards: source\n" +
        "select region_code, value, file, sheet, row_number, load_id from marts.observations where indicator_code = 'hte_count' and year = 2024 and value > 700\n",
    });
    const logger = memoryLogger();
    const s = await runPipeline(config, { logger, now, sqlDir });
    expect(s.outcome).toBe("partial");
    const q = await queryWarehouse(config.warehouse, "select file, row_number, field, reason from analyst.quarantine where field = 'check' order by row_number");
    const reason = "failed data check hte_count_at_most_700 (No district had more than 700 high-tech firms in 2024.); the row was left out";
    expect(q).toEqual([ROW_XIHU, ROW_BINJIANG].map((row_number) => ({ file: "330100-杭州市.csv", row_number, field: "check", reason })));
    // The row is out of the published figures; every other figure of the same file is in.
    const hte = await queryWarehouse(config.warehouse, "select region_code::varchar as r, value from analyst.observations where indicator_code = 'hte_count' and year = 2024 order by 1");
    expect(hte).toEqual([{ r: "330102", value: 400 }, { r: "330105", value: 500 }, { r: "330109", value: 440 }]);
    const [run] = await queryWarehouse<{ outcome: string; message: string }>(config.warehouse, "select outcome, message from analyst.runs order by run_id desc limit 1");
    expect(run).toEqual({ outcome: "partial", message: "check hte_count_at_most_700: 2 row(s) of 330100-杭州市.csv quarantined" });
    expect(logger.lines.join("\n")).toMatch(/check hte_count_at_most_700 failed on 2 row\(s\) from 330100-杭州市\.csv: quarantined/);

    // A night with no new input stays partial: the row is still left out.
    const again = await runPipeline(config, { logger: memoryLogger(), now, sqlDir });
    expect(again).toMatchObject({ build: "unchanged", outcome: "partial" });
  });
});

describe("a check that guards against model bugs", () => {
  it("stops the publish and names the files behind its rows", async () => {
    const { sqlDir, config } = setup({ name: "no_big_districts", sql: "-- Fails on purpose.\nselect region_code, indicator_code, year, month, value from marts.observations where value > 900\n" });
    const err = await runPipeline(config, { logger: memoryLogger(), now, sqlDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckError);
    expect((err as Error).message).toMatch(/check no_big_districts failed on \d+ row\(s\) from 330100-杭州市\.csv, e\.g\./);
    expect((err as Error).message).toMatch(/nothing was published/);
  });
});
