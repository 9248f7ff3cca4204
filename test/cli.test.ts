// The weici CLI as a user runs it: a real process, real files, exit codes and printed summary.
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { copyFixture } from "./helpers/fixture.ts";

const BIN = fileURLToPath(new URL("../bin/weici.js", import.meta.url));
const weici = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8" });

describe("weici CLI", () => {
  it("runs the job on a small fixture and prints a summary, warehouse and site", () => {
    const dir = copyFixture("hangzhou-five-districts");
    const r = weici(["run"], dir);
    expect(r.stderr).not.toMatch(/unexpected error/);
    expect(r.status).toBe(0);
    // 22 history rows of which 6 are dirty, 3 rows of the GBK file, and 1 gap filled from a report.
    expect(r.stdout).toMatch(/rows loaded\s+20 observations/);
    expect(r.stdout).toMatch(/rows quarantined\s+8/);
    expect(r.stdout).toMatch(/models built\s+\d+/);
    expect(r.stdout).toMatch(/pages written\s+[1-9]\d*/);
    expect(existsSync(path.join(dir, "target", "warehouse.duckdb"))).toBe(true);
    expect(existsSync(path.join(dir, "target", "site", "index.html"))).toBe(true);
  });

  it("prints help and exits 0", () => {
    const r = weici(["--help"], process.cwd());
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/weici run/);
  });

  it("exits 2 naming the key when the configuration is invalid", () => {
    const dir = copyFixture("hangzhou-five-districts");
    writeFileSync(path.join(dir, "weici.config.json"), JSON.stringify({ sources: [{ id: "x", kind: "pdf", dir: ".", pattern: "*" }] }));
    const r = weici(["run"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/error: .*sources\[0\]\.kind/);
  });

  it("prints one JSON object per line for weici extract --json", () => {
    const dir = copyFixture("hangzhou-five-districts");
    writeFileSync(path.join(dir, "r.txt"), "\ufeff全年新增高新技术企业36家,同比增长12.5%,居全市第二。");
    const r = weici(["extract", "r.txt", "--json"], dir);
    expect(r.status).toBe(0);
    // Offsets count from after the BOM: 全年新增高新技术企业 is 10 characters.
    const lines = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((f) => [f.offset, f.kind, f.value])).toEqual([[10, "level", 36], [18, "growth", 12.5], [28, "rank", 2]]);
  });

  it("exits 2 on an unknown command", () => {
    const r = weici(["frobnicate"], process.cwd());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });
});
