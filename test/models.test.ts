import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ModelError } from "../pipelines/errors.ts";
import { discoverModels, referencedTables } from "../pipelines/models.ts";
import { SQL_DIR } from "../pipelines/run.ts";

function sqlTree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "weici-sql-"));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

describe("model dependencies", () => {
  it("reads the tables a query uses, ignoring comments and strings", () => {
    expect(referencedTables("-- uses marts.fake\nselect * from staging.a join marts.b on x = 'staging.c'")).toEqual(["staging.a", "marts.b"]);
  });
  it("orders models by what their SQL reads, not by file name", async () => {
    const dir = sqlTree({
      "staging/a_last.sql": "select * from staging.z_first",
      "staging/z_first.sql": "select 1 as x",
      "marts/m.sql": "select * from staging.a_last",
    });
    expect((await discoverModels(dir)).map((m) => m.name)).toEqual(["staging.z_first", "staging.a_last", "marts.m"]);
  });
  it("names the models of a dependency cycle", async () => {
    const dir = sqlTree({ "marts/a.sql": "select * from marts.b", "marts/b.sql": "select * from marts.a" });
    await expect(discoverModels(dir)).rejects.toThrow(ModelError);
    await expect(discoverModels(dir)).rejects.toThrow(/marts\.a → marts\.b → marts\.a/);
  });
  it("builds the project's analyst views after the marts they read", async () => {
    const names = (await discoverModels(SQL_DIR)).map((m) => m.name);
    expect(names.indexOf("analyst.rankings")).toBeGreaterThan(names.indexOf("marts.rankings"));
    expect(names.indexOf("marts.rankings")).toBeGreaterThan(names.indexOf("marts.growth"));
    expect(names.indexOf("marts.growth")).toBeGreaterThan(names.indexOf("marts.observations"));
  });
});
