// A configuration file is checked against its schema when its text changes, and only then: the
// texts that passed are remembered, so everyday commands need not load the validator.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkedOnce, forgetChecked } from "../pipelines/checked-once.ts";
import { parseConfig } from "../pipelines/config.ts";
import { parseCatalog } from "../sources/catalog.ts";

const schemaA = (type: never) => ({ type, version: "a" });
const schemaB = (type: never) => ({ type, version: "b" });

describe("checking a configuration once per text", () => {
  it("checks a text once; a changed text or a changed schema is checked again; a failing text is checked every time", () => {
    const cache = path.join(mkdtempSync(path.join(os.tmpdir(), "weici-checked-")), "checked.json");
    let checks = 0;
    const check = (json: unknown) => {
      checks++;
      if ((json as { bad?: boolean }).bad) throw new Error("bad");
      return json;
    };
    const use = (text: string, schema = schemaA) => checkedOnce(text, schema, JSON.parse(text), check, cache);
    expect(use('{"a": 1}')).toEqual({ a: 1 });
    expect(use('{"a": 1}')).toEqual({ a: 1 });
    expect(checks).toBe(1);
    use('{"a": 2}');
    expect(checks).toBe(2);
    use('{"a": 2}', schemaB);
    expect(checks).toBe(3);
    expect(() => use('{"bad": true}')).toThrow("bad");
    expect(() => use('{"bad": true}')).toThrow("bad");
    expect(checks).toBe(5);
    // Remembered across processes: another command reads the file, not this process's memory.
    forgetChecked();
    use('{"a": 1}');
    expect(checks).toBe(5);
    expect(JSON.parse(readFileSync(cache, "utf8"))).toHaveLength(3);
  });

  it("still names the key of a mistake in weici.config.json after the valid file was remembered", () => {
    const good = { sources: [{ id: "history", kind: "csv", dir: "history", pattern: "*.csv" }] };
    expect(parseConfig(good, "/tmp/w/weici.config.json").sources[0]!.id).toBe("history");
    expect(parseConfig(good, "/tmp/w/weici.config.json").sources[0]!.id).toBe("history");
    const bad = { sources: [{ id: "history", kind: "csv", dir: "history", pattern: "*.csv", memory: 1 }], threads: 0 };
    expect(() => parseConfig(bad, "/tmp/w/weici.config.json")).toThrow(/threads/);
  });

  it("still refuses a catalog entry with a bad kind after the bundled catalog was remembered", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "weici-cat-")), "indicators.json");
    const json = { indicators: [{ code: "x", name_zh: "某指标", aliases: [], unit: "家", kind: "stock", higher_is_better: true, frequency: "annual" }] };
    writeFileSync(file, JSON.stringify(json));
    expect(parseCatalog(json, file).get("x")?.name_zh).toBe("某指标");
    expect(() => parseCatalog({ indicators: [{ ...json.indicators[0], kind: "level" }] }, file)).toThrow(/kind/);
  });
});
