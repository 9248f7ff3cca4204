// The extractor evaluation: the pure comparison of extracted and annotated figures, loading a
// directory of reports with gold files, and the printed report.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { compareFigures, loadEvalDocs, main, mergeComparisons } from "../pipelines/eval-extract.ts";

const fig = (offset: number, kind: string, value: number | null, text = String(value)) => ({ offset, kind, value, text });

describe("compareFigures", () => {
  it("counts a figure as found when offset, kind and value agree", () => {
    const gold = [fig(10, "level", 583), fig(20, "growth", 10.5)];
    const c = compareFigures(gold, [fig(10, "level", 583), fig(20, "growth", 10.5)]);
    expect(c.overall).toMatchObject({ tp: 2, fp: 0, fn: 0, precision: 1, recall: 1 });
    expect(c.missed).toEqual([]);
    expect(c.spurious).toEqual([]);
  });

  it("counts a wrong value as one miss and one spurious figure", () => {
    const c = compareFigures([fig(10, "level", 583)], [fig(10, "level", 538)]);
    expect(c.overall).toMatchObject({ tp: 0, fp: 1, fn: 1, precision: 0, recall: 0 });
  });

  it("counts a wrong kind against both kinds", () => {
    const c = compareFigures([fig(5, "target", 200)], [fig(5, "level", 200)]);
    const byKind = Object.fromEntries(c.byKind.map((k) => [k.kind, k]));
    expect(byKind.target).toMatchObject({ tp: 0, fn: 1, recall: 0 });
    expect(byKind.level).toMatchObject({ tp: 0, fp: 1, precision: 0 });
  });

  it("matches masked values by null and tolerates float noise", () => {
    const c = compareFigures([fig(3, "level", null, "XX"), fig(9, "level", 0.3)], [fig(3, "level", null, "XX"), fig(9, "level", 0.1 + 0.2)]);
    expect(c.overall.tp).toBe(2);
    expect(compareFigures([fig(3, "level", null)], [fig(3, "level", 0)]).overall.tp).toBe(0);
  });

  it("does not let one extracted figure match two gold figures", () => {
    const c = compareFigures([fig(1, "rank", 1), fig(1, "rank", 1)], [fig(1, "rank", 1)]);
    expect(c.overall).toMatchObject({ tp: 1, fn: 1 });
  });

  it("computes precision and recall per kind", () => {
    const gold = [fig(1, "level", 1), fig(2, "level", 2), fig(3, "rank", 1)];
    const predicted = [fig(1, "level", 1), fig(3, "rank", 1), fig(4, "rank", 2)];
    const byKind = Object.fromEntries(compareFigures(gold, predicted).byKind.map((k) => [k.kind, k]));
    expect(byKind.level).toMatchObject({ precision: 1, recall: 0.5 });
    expect(byKind.rank).toMatchObject({ precision: 0.5, recall: 1 });
  });

  it("scores an empty kind on both sides as perfect rather than dividing by zero", () => {
    expect(compareFigures([], []).overall).toMatchObject({ precision: 1, recall: 1, tp: 0 });
  });

  it("merges per-file comparisons by summing counts", () => {
    const a = compareFigures([fig(1, "level", 1)], [fig(1, "level", 1)]);
    const b = compareFigures([fig(1, "level", 1)], [fig(2, "level", 1)]);
    const m = mergeComparisons([a, b]);
    expect(m.overall).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 });
    expect(m.missed).toHaveLength(1);
  });
});

function makeDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "eval-extract-"));
  mkdirSync(path.join(dir, "gold"));
  const report = "二、工作成效\n全年新增省级科技型中小企业218家,同比增长12.4%,居全市第二。\n";
  writeFileSync(path.join(dir, "001_sample.txt"), iconv.encode(report, "gbk"));
  const at = (s: string) => report.indexOf(s);
  const gold = [
    { offset: at("218"), text: "218", value: 218, unit: "家", kind: "level", indicator: "新增省级科技型中小企业", scope: null },
    { offset: at("12.4"), text: "12.4", value: 12.4, unit: "%", kind: "growth", indicator: "增速", scope: null },
    { offset: at("二。"), text: "二", value: 2, unit: "位", kind: "rank", indicator: "新增省级科技型中小企业", scope: "全市" },
    { offset: at("全年"), text: "全", value: 9, unit: "家", kind: "level", indicator: "a figure the extractor cannot find", scope: null },
  ];
  writeFileSync(path.join(dir, "gold", "001.jsonl"), gold.map((g) => JSON.stringify(g)).join("\n") + "\n");
  writeFileSync(path.join(dir, "002_no-gold.txt"), "没有标注的报告,新增高企3家。");
  return dir;
}

describe("loadEvalDocs", () => {
  it("pairs NNN_*.txt with gold/NNN.jsonl, decodes GBK and skips reports without gold", () => {
    const docs = loadEvalDocs(makeDir());
    expect(docs.map((d) => d.name)).toEqual(["001_sample.txt"]);
    expect(docs[0]!.text).toContain("科技型中小企业218家");
    expect(docs[0]!.gold).toHaveLength(4);
  });
});

describe("main", () => {
  it("prints overall and per-kind scores, the misses with context, and the throughput", () => {
    const out: string[] = [];
    const code = main([makeDir()], (s) => out.push(s), 0.02);
    const text = out.join("\n");
    expect(code).toBe(0);
    expect(text).toMatch(/overall +P +100\.0% +R +75\.0% +\(tp 3, fp 0, fn 1\)/);
    expect(text).toMatch(/rank +P +100\.0% +R +100\.0%/);
    expect(text).toMatch(/FN 001 @\d+ level 9: .*\[全\]年/);
    expect(text).toMatch(/throughput: \d+\.\d\d MB\/s/);
  });

  it("fails naming a directory that holds no annotated reports", () => {
    const out: string[] = [];
    const empty = mkdtempSync(path.join(tmpdir(), "eval-extract-empty-"));
    expect(main([empty], (s) => out.push(s))).toBe(2);
    expect(out.join("")).toContain(empty);
  });

  it("scores each set it is given on its own, never pooled", () => {
    const out: string[] = [];
    const a = makeDir();
    const b = makeDir();
    expect(main([a, b], (s) => out.push(s), 0.02)).toBe(0);
    const text = out.join("\n");
    expect(text).toContain(`== ${a}`);
    expect(text).toContain(`== ${b}`);
    expect(text.match(/1 report\(s\), 4 gold figures/g)).toHaveLength(2);
  });
});
