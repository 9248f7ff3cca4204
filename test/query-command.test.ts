// `weici query` as an analyst without a DuckDB client uses it: every format carries the same rows as
// the warehouse holds, CSV opens in Excel (BOM), the workbook has a header row and number cells, the
// published file stays readable while a run holds its work file, and a bad query exits 2 showing where.
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { displayWidth, formatTable } from "../pipelines/commands/query-output.ts";
import { loadConfig, type ResolvedConfig } from "../pipelines/config.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { runPipeline } from "../pipelines/run.ts";
import { copyFixture, queryWarehouse } from "./helpers/fixture.ts";

const BIN = fileURLToPath(new URL("../bin/weici.js", import.meta.url));
const HOLDER = fileURLToPath(new URL("./helpers/hold-warehouse.mjs", import.meta.url));
const RANKS = `select r.rank, g.name, r.region_code, r.value from analyst.rankings r join analyst.regions g using (region_code)
  where r.peer_group_id = 'city:330100' and r.indicator_code = 'hte_count' and r.basis = 'value' and r.year = 2025 and r.month = 12
  order by r.rank, r.region_code`;

let dir: string;
let config: ResolvedConfig;
let expected: { rank: number; name: string; region_code: string; value: number }[];
const weici = (args: string[]) => spawnSync(process.execPath, [BIN, "query", ...args], { cwd: dir, encoding: "utf8" });

beforeAll(async () => {
  dir = copyFixture("hangzhou-five-districts");
  config = loadConfig(path.join(dir, "weici.config.json"));
  await runPipeline(config, { logger: memoryLogger(), now: () => new Date("2026-07-15T02:00:00Z") });
  expected = await queryWarehouse(config.warehouse, RANKS);
  // Hand-worked in test/fixtures/hangzhou-five-districts: 滨江区 leads 全市 in 高新技术企业数 at 2025 year-end.
  expect(expected[0]).toMatchObject({ rank: 1, name: "滨江区", region_code: "330108" });
});

describe("weici query formats", () => {
  it("prints an aligned table whose columns line up under Chinese names", () => {
    const r = weici([RANKS]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toBe(`(${expected.length} rows)`);
    const body = lines.slice(2, -1);
    expect(body).toHaveLength(expected.length);
    // The value column ends at the same terminal column on every line, header included (right-aligned numbers).
    const valueEnd = displayWidth(lines[0]!);
    for (const [i, line] of body.entries()) {
      expect(displayWidth(line)).toBe(valueEnd);
      expect(line.split(/\s+/).filter(Boolean)).toEqual([String(expected[i]!.rank), expected[i]!.name, expected[i]!.region_code, String(expected[i]!.value)]);
    }
    // The name column is as wide as its widest name in terminal columns: 3 汉字 = 6.
    expect(lines[1]!.split("  ")[1]).toBe("─".repeat(6));
  });

  it("writes CSV as UTF-8 with a BOM and CRLF lines, with the warehouse's values", () => {
    const r = weici([RANKS, "--format", "csv"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.startsWith("\uFEFFrank,name,region_code,value\r\n")).toBe(true);
    const rows = r.stdout.slice(1).trimEnd().split("\r\n").slice(1).map((l) => l.split(","));
    expect(rows).toEqual(expected.map((e) => [String(e.rank), e.name, e.region_code, String(e.value)]));
  });

  it("writes JSON Lines with numbers as numbers and codes as strings", () => {
    const r = weici([RANKS, "--format", "json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l))).toEqual(expected);
  });

  it("writes a workbook with a bold header row and number cells that Excel can sum", async () => {
    const out = path.join(dir, "排名.xlsx");
    const r = weici([RANKS, "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`wrote ${expected.length} row\\(s\\) to .*排名\\.xlsx`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, "rank", "name", "region_code", "value"]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.rowCount).toBe(expected.length + 1);
    for (const [i, e] of expected.entries()) {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(4).value).toBe(e.value);
      // Codes stay text: a leading zero or a 6-digit code must not become a number.
      expect(row.getCell(3).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(2).value).toBe(e.name);
    }
  });

  it("keeps wide integers exact in JSON instead of rounding them", () => {
    const r = weici(["select 9007199254740993::bigint as big, 12::bigint as small, 1.50::decimal(6,2) as d", "--format", "json"]);
    expect(JSON.parse(r.stdout)).toEqual({ big: "9007199254740993", small: 12, d: 1.5 });
  });
});

describe("weici query sources of SQL", () => {
  it("runs a saved query file (with a BOM, as Windows editors save it)", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "weici-q-")), "q.sql");
    writeFileSync(file, `\uFEFF-- my query\n${RANKS};\n`);
    const r = weici(["--file", file, "--format", "json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l))).toEqual(expected);
  });

  it("lists the named examples and runs one; every example runs on the published warehouse", () => {
    const list = weici(["--examples"]);
    expect(list.status).toBe(0);
    const names = list.stdout.split("\n").map((l) => l.split(/\s+/)[0]).filter((n) => n && /^[a-z-]+$/.test(n) && n !== "run");
    expect(names).toEqual(expect.arrayContaining(["city-ranking", "district-growth", "targets-behind", "quarantine", "as-of"]));
    for (const name of names) expect(weici(["--example", name!, "--format", "json"]).status, name).toBe(0);
    const r = weici(["--example", "city-ranking", "--format", "json"]);
    const rows = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { rank: number; name: string; value: number });
    expect(rows.map((x) => [x.rank, x.name, x.value])).toEqual(expected.map((e) => [e.rank, e.name, e.value]));
  });

  it("finds the analyst views without the schema name", () => {
    const r = weici(["select count(*) as n from rankings", "--format", "json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).n).toBeGreaterThan(0);
  });
});

describe("weici query safety and errors", () => {
  it("reads the published warehouse while a run holds the work file read-write", async () => {
    const work = path.join(config.workDir, "warehouse.duckdb");
    const child = spawn(process.execPath, [HOLDER, work, "read-write"]);
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      expect((await lines.next()).value).toBe("ready");
      const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const q = spawn(process.execPath, [BIN, "query", RANKS, "--format", "json"], { cwd: dir });
        let out = "";
        q.stdout.on("data", (d) => (out += d));
        q.on("close", (code) => resolve({ code, out }));
      });
      expect(r.code).toBe(0);
      expect(r.out.trimEnd().split("\n")).toHaveLength(expected.length);
    } finally {
      child.stdin.end();
      await once(child, "close");
    }
  });

  it("refuses to write to the published warehouse and exits 2", () => {
    const r = weici(["create table analyst.mine as select 1 as x"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/read-only/);
    expect(r.stderr).toMatch(/ATTACH the warehouse read-only/);
  });

  it("shows DuckDB's error with the line and position of the failing SQL, exit 2", () => {
    const r = weici(["select rank, nme\nfrom analyst.rankings"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/query failed \(the command line\)/);
    const lines = r.stderr.split("\n");
    const at = lines.findIndex((l) => /LINE 1: select rank, nme/.test(l));
    expect(at).toBeGreaterThan(0);
    // The caret sits under the unknown column.
    expect(lines[at + 1]!.indexOf("^")).toBe(lines[at]!.indexOf("nme"));
  });

  it("exits 2 on a usage error: no query, or xlsx without --out", () => {
    expect(weici([]).status).toBe(2);
    const x = weici(["select 1", "--format", "xlsx"]);
    expect(x.status).toBe(2);
    expect(x.stderr).toMatch(/--out/);
  });

  it("caps the terminal table and says how to get every row", () => {
    const text = formatTable({ columns: [{ name: "n", type: "BIGINT" }], rows: Array.from({ length: 5 }, (_, i) => [String(i)]) }, 3);
    expect(text.trimEnd().split("\n").slice(2)).toEqual(["0", "1", "2", "(5 rows, first 3 shown; use --format csv --out FILE for all)"]);
  });
});
