// Re-submitted figures (预计 → 快报 → 正式, corrections, withdrawn files) keep every version, so
// analyst.observations_history answers "what did we know on date D?". Clocks are injected.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../pipelines/run.ts";
import { queryWarehouse } from "./helpers/fixture.ts";
import { T1, T2, T3, runDeps, setupNightly, writeBinjiang } from "./helpers/nightly.ts";

const CHECK_CURRENT_MATCHES = readFileSync(new URL("../sql/checks/observations_history_current_matches.sql", import.meta.url), "utf8");

/** A clock starting at `start` that advances 1 ms each time it is read. */
const ticking = (start: Date) => {
  let t = start.getTime();
  return () => new Date(t++);
};

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

  it("versions only the figures a resubmitted file changed, and keeps the latest load's lineage for the rest", async () => {
    const { dir, config } = setupNightly();
    const city = path.join(dir, "history", "330100-杭州市.csv");
    const original = readFileSync(city, "utf8");
    await runPipeline(config, runDeps(T1));
    // The bureau resubmits the whole file with one cell corrected (上城区 2025 year-end: 440 → 441) ...
    expect(original).toMatch(/330102,上城区,高新技术企业数,家,2025,12,440\r?\n/);
    writeFileSync(city, original.replace(/(330102,上城区,高新技术企业数,家,2025,12,)440/, "$1441"));
    // A clock that moves during the run, as a real one does: versions must still join up.
    await runPipeline(config, runDeps(T2, { now: ticking(T2) }));
    // ... and then again as a re-export with the same figures (Windows line ends: new bytes, same data).
    writeFileSync(city, original.replace(/(330102,上城区,高新技术企业数,家,2025,12,)440/, "$1441").replace(/\r?\n/g, "\r\n"));
    const third = await runPipeline(config, runDeps(T3, { now: ticking(T3) }));
    expect(third.ingest.filesLoaded).toBe(1);

    const loads = await queryWarehouse<{ load_id: number; at: string }>(config.warehouse,
      "select load_id, loaded_at::varchar as at from analyst.loads where file = '330100-杭州市.csv' and status = 'loaded' order by load_id");
    expect(loads).toHaveLength(3);
    const latest = loads[2]!.load_id;
    const history = await queryWarehouse<{ region_code: string; year: number; value: number; valid_from: string; valid_to: string | null; load_id: number }>(
      config.warehouse, `select region_code, year, value, valid_from::varchar as valid_from, valid_to::varchar as valid_to, load_id
        from analyst.observations_history where indicator_code = 'hte_count' order by region_code, year, valid_from`);
    const figures = original.trim().split(/\r?\n/).slice(1).filter((l) => l.includes("高新技术企业数"));
    // One version per figure, plus one for the corrected cell: not one per figure per resubmission.
    expect(history).toHaveLength(figures.length + 1);
    expect(history.filter((h) => h.region_code === "330102" && h.year === 2025)).toEqual([
      { region_code: "330102", year: 2025, value: 440, valid_from: loads[0]!.at, valid_to: loads[1]!.at, load_id: loads[0]!.load_id },
      { region_code: "330102", year: 2025, value: 441, valid_from: loads[1]!.at, valid_to: null, load_id: latest },
    ]);
    // An unchanged figure: one version since the first load, pointing at the latest load (where analyst.observations points).
    const unchanged = history.filter((h) => !(h.region_code === "330102" && h.year === 2025));
    expect(loads[0]!.at).toBe("2026-07-10 18:30:00");
    for (const h of unchanged) expect(h).toMatchObject({ valid_from: loads[0]!.at, valid_to: null, load_id: latest });
    const current = await queryWarehouse<{ n: number }>(config.warehouse, `select count(*)::int as n from analyst.observations o
      join analyst.observations_history h using (region_code, indicator_code, year, month)
      where h.valid_to is null and o.indicator_code = 'hte_count' and o.load_id = h.load_id and o.value = h.value`);
    expect(current).toEqual([{ n: figures.length }]);

    // The as-of query answers as before: on the evening of T1 上城区 had 440, after the correction 441.
    const asOf = async (d: string) => (await queryWarehouse<{ value: number }>(config.warehouse, `select value from analyst.observations_history
      where region_code = '330102' and indicator_code = 'hte_count' and year = 2025 and month = 12
        and valid_from <= timestamp '${d}' and (valid_to is null or valid_to > timestamp '${d}')`)).map((r) => r.value);
    expect(await asOf("2026-07-11 00:00:00")).toEqual([440]);
    expect(await asOf("2026-07-12 00:00:00")).toEqual([441]);
    expect(await asOf("2026-07-13 00:00:00")).toEqual([441]);
  });

  it("builds a resubmitted file's history from its loads in order: a figure changed and changed back, an unchanged figure, a withdrawn file, a figure two files give", async () => {
    const { dir, config } = setupNightly();
    const history = path.join(dir, "history");
    const city = path.join(history, "330100-杭州市.csv");
    const binjiang = path.join(history, "330108-滨江区-2026.csv");
    const correction = path.join(history, "zz-correction.csv");
    const header = "地区代码,地区名称,指标名称,计量单位,年份,月份,数值";
    const original = readFileSync(binjiang, "utf8");
    const lines = readFileSync(city, "utf8").trim().split(/\r?\n/).slice(1);
    // Each resubmission is the whole file, its rows in another order (a re-export sorted differently),
    // with 上城区's 2025 year-end figure as given: 440, then 441 from the 2nd resubmission, back to 440 at the 4th.
    const writeCity = (shift: number, shangcheng: number, eol: string) => {
      const rows = [...lines.slice(shift), ...lines.slice(0, shift)].map((l) => l.replace(/^(330102,上城区,高新技术企业数,家,2025,12,)\d+$/, `$1${shangcheng}`));
      const text = [header, ...rows].join(eol) + eol;
      writeFileSync(city, text);
      return text.split(eol);
    };
    const rowOf = (text: string[], prefix: string) => text.findIndex((l) => l.startsWith(prefix)) + 1;
    const day = (d: number) => new Date(Date.UTC(2026, 6, 9 + d, 18, 30));
    const at = (d: number) => day(d).toISOString().replace("T", " ").replace(/\.000Z$/, "");
    const run = async (d: number) => expect((await runPipeline(config, runDeps(day(d), { now: ticking(day(d)) }))).build).toBe("built");

    // Day 1: the city file and 滨江区's file arrive.
    writeCity(0, 440, "\n");
    await run(1);
    // Day 2: 1st resubmission, same figures (Windows line ends, rows rotated).
    writeCity(1, 440, "\r\n");
    await run(2);
    // Day 3: 2nd resubmission changes 上城区 2025 to 441; 滨江区 withdraws its file.
    writeCity(2, 441, "\n");
    rmSync(binjiang);
    await run(3);
    // Day 4: 3rd resubmission, same figures; 滨江区 sends its file again, same figure.
    writeCity(3, 441, "\r\n");
    writeFileSync(binjiang, original);
    await run(4);
    // Day 5: a correction file gives 西湖区 2025 as 885 (the city file says 880); 滨江区 re-exports its file.
    writeFileSync(correction, `${header}\n330106,西湖区,高新技术企业数,家,2025,12,885\n`);
    writeFileSync(binjiang, original.replace(/\r?\n/g, "\r\n"));
    await run(5);
    // Day 6: 4th resubmission puts 上城区 2025 back to 440; the city file, now the newest load, outranks the correction.
    writeCity(4, 440, "\n");
    await run(6);
    // Day 7: 5th resubmission, same figures.
    const last = writeCity(5, 440, "\r\n");
    await run(7);

    const loads = await queryWarehouse<{ load_id: number; file: string; at: string }>(config.warehouse,
      "select load_id, file, loaded_at::varchar as at from analyst.loads where status = 'loaded' order by load_id");
    // The clock moves during a run: a day's loads share its ingest's time, a little after the run started.
    const when = (d: number) => loads.find((l) => l.at.startsWith(at(d)))!.at;
    const load = (file: string, d: number) => loads.find((l) => l.file === file && l.at === when(d))!.load_id;
    expect(loads.filter((l) => l.file === "330100-杭州市.csv").map((l) => l.at)).toEqual([1, 2, 3, 4, 6, 7].map(when));
    const versions = (region: string, indicator: string, year: number, month: number) => queryWarehouse(config.warehouse,
      `select value, valid_from::varchar as valid_from, valid_to::varchar as valid_to, load_id, file, row_number
       from analyst.observations_history
       where region_code = '${region}' and indicator_code = '${indicator}' and year = ${year} and month = ${month} order by valid_from`);
    const cityRow = (d: number, row: number) => ({ load_id: load("330100-杭州市.csv", d), file: "330100-杭州市.csv", row_number: row });

    // Changed and changed back: three versions, each carrying the last load that gave it.
    const rows = (shift: number) => [...lines.slice(shift), ...lines.slice(0, shift)];
    const rowIn = (shift: number, prefix: string) => rows(shift).findIndex((l) => l.startsWith(prefix)) + 2;
    const shangcheng = "330102,上城区,高新技术企业数,家,2025,12,";
    expect(await versions("330102", "hte_count", 2025, 12)).toEqual([
      { value: 440, valid_from: when(1), valid_to: when(3), ...cityRow(2, rowIn(1, shangcheng)) },
      { value: 441, valid_from: when(3), valid_to: when(6), ...cityRow(4, rowIn(3, shangcheng)) },
      { value: 440, valid_from: when(6), valid_to: null, ...cityRow(7, rowOf(last, shangcheng)) },
    ]);
    // Never changed: one version since day 1, pointing at the row of the latest load.
    const binjiang2024 = "330108,滨江区,高新技术企业数,家,2024,12,";
    expect(rowOf(last, binjiang2024)).not.toBe(2);
    expect(await versions("330108", "hte_count", 2024, 12)).toEqual([
      { value: 1000, valid_from: when(1), valid_to: null, ...cityRow(7, rowOf(last, binjiang2024)) },
    ]);
    // Withdrawn on day 3 and sent again on day 4: nothing was known in between, so two versions of one value.
    expect(await versions("330108", "tech_contract_value", 2026, 6)).toEqual([
      { value: 10, valid_from: when(1), valid_to: when(3), load_id: load("330108-滨江区-2026.csv", 1), file: "330108-滨江区-2026.csv", row_number: 2 },
      { value: 10, valid_from: when(4), valid_to: null, load_id: load("330108-滨江区-2026.csv", 5), file: "330108-滨江区-2026.csv", row_number: 2 },
    ]);
    // Given by two files: the correction holds from its load until the city file's next load.
    const xihu = "330106,西湖区,高新技术企业数,家,2025,12,";
    expect(await versions("330106", "hte_count", 2025, 12)).toEqual([
      { value: 880, valid_from: when(1), valid_to: when(5), ...cityRow(4, rowIn(3, xihu)) },
      { value: 885, valid_from: when(5), valid_to: when(6), load_id: load("zz-correction.csv", 5), file: "zz-correction.csv", row_number: 2 },
      { value: 880, valid_from: when(6), valid_to: null, ...cityRow(7, rowOf(last, xihu)) },
    ]);

    // The README's as-of query, at noon (UTC) after each day's load.
    const asOf = async (region: string, indicator: string, year: number, month: number, d: number) => (await queryWarehouse<{ value: number }>(config.warehouse,
      `select value from analyst.observations_history
       where region_code = '${region}' and indicator_code = '${indicator}' and year = ${year} and month = ${month}
         and valid_from <= timestamp '${at(d)}' + interval 18 hour and (valid_to is null or valid_to > timestamp '${at(d)}' + interval 18 hour)`)).map((r) => r.value);
    const days = [1, 2, 3, 4, 5, 6, 7];
    expect(await Promise.all(days.map((d) => asOf("330102", "hte_count", 2025, 12, d)))).toEqual([[440], [440], [441], [441], [441], [440], [440]]);
    expect(await Promise.all(days.map((d) => asOf("330108", "tech_contract_value", 2026, 6, d)))).toEqual([[10], [10], [], [10], [10], [10], [10]]);
    expect(await Promise.all(days.map((d) => asOf("330106", "hte_count", 2025, 12, d)))).toEqual([[880], [880], [880], [880], [885], [880], [880]]);
    expect(await asOf("330108", "hte_count", 2024, 12, 0)).toEqual([]);

    // Every other figure of the city file: one version since day 1 at the latest load.
    const others = await queryWarehouse<{ valid_from: string; valid_to: string | null; load_id: number }>(config.warehouse,
      `select valid_from::varchar as valid_from, valid_to::varchar as valid_to, load_id from analyst.observations_history
       where indicator_code = 'hte_count' and (region_code, year) not in (('330102', 2025), ('330106', 2025))`);
    expect(others).toHaveLength(lines.length - 2);
    for (const o of others) expect(o).toEqual({ valid_from: when(1), valid_to: null, load_id: load("330100-杭州市.csv", 7) });
    // The open versions are what analyst.observations shows (the data check, run on the work warehouse).
    expect(await queryWarehouse(path.join(config.workDir, "warehouse.duckdb"), CHECK_CURRENT_MATCHES)).toEqual([]);
  });
});
