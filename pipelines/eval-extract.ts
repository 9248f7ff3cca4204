// Measures the report-text extractor against hand-annotated reports:
//   npx tsx pipelines/eval-extract.ts [dir ...]     (npm run eval:extract -- [dir ...])
// For each <dir>/NNN_*.txt with <dir>/gold/NNN.jsonl it prints precision and recall overall and per kind
// for each set separately, the misses with context, and the throughput. Without arguments it scores the
// project's own sets and ../shared/seeds. A figure matches when offset, kind and value agree.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalog, type IndicatorCatalog } from "../sources/catalog.ts";
import { decodeReport } from "../sources/report-text/decode.ts";
import { extractFigures, type Figure } from "../sources/report-text/extract.ts";

export interface GoldFigure {
  offset: number;
  text: string;
  value: number | null;
  unit?: string;
  kind: string;
  indicator?: string;
  scope?: string | null;
  period?: string;
}

type Scored = Pick<GoldFigure, "offset" | "text" | "value" | "kind">;

export interface KindScore {
  kind: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface Comparison {
  overall: KindScore;
  byKind: KindScore[];
  /** Gold figures the extractor did not produce (same offset, kind and value). */
  missed: Scored[];
  /** Extracted figures not in the gold file. */
  spurious: Scored[];
}

function sameValue(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function score(kind: string, tp: number, fp: number, fn: number): KindScore {
  // An empty side scores 1: no figures of a kind predicted and none expected is not an error.
  return { kind, tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

/** Compares extracted figures with gold ones: a match needs equal offset, kind and value. */
export function compareFigures(gold: readonly Scored[], predicted: readonly Scored[]): Comparison {
  const key = (f: Scored) => `${f.offset}|${f.kind}`;
  const pool = new Map<string, Scored[]>();
  for (const g of gold) pool.set(key(g), [...(pool.get(key(g)) ?? []), g]);
  const matched = new Set<Scored>();
  const spurious: Scored[] = [];
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const p of predicted) {
    const hit = (pool.get(key(p)) ?? []).find((g) => !matched.has(g) && sameValue(g.value, p.value));
    if (hit) {
      matched.add(hit);
      inc(tp, p.kind);
    } else {
      spurious.push(p);
      inc(fp, p.kind);
    }
  }
  const missed = gold.filter((g) => !matched.has(g));
  for (const g of missed) inc(fn, g.kind);
  const kinds = [...new Set([...gold.map((g) => g.kind), ...predicted.map((p) => p.kind)])].sort();
  const byKind = kinds.map((k) => score(k, tp.get(k) ?? 0, fp.get(k) ?? 0, fn.get(k) ?? 0));
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return { overall: score("overall", sum(tp), sum(fp), sum(fn)), byKind, missed, spurious };
}

/** Merges per-file comparisons into one. */
export function mergeComparisons(parts: readonly Comparison[]): Comparison {
  const totals = new Map<string, { tp: number; fp: number; fn: number }>();
  for (const p of parts) {
    for (const k of p.byKind) {
      const t = totals.get(k.kind) ?? { tp: 0, fp: 0, fn: 0 };
      totals.set(k.kind, { tp: t.tp + k.tp, fp: t.fp + k.fp, fn: t.fn + k.fn });
    }
  }
  const byKind = [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => score(k, t.tp, t.fp, t.fn));
  const s = (f: "tp" | "fp" | "fn") => byKind.reduce((a, k) => a + k[f], 0);
  return { overall: score("overall", s("tp"), s("fp"), s("fn")), byKind, missed: parts.flatMap((p) => p.missed), spurious: parts.flatMap((p) => p.spurious) };
}

export interface EvalDoc {
  name: string;
  text: string;
  gold: GoldFigure[];
}

/** Reads every <dir>/NNN_*.txt that has a <dir>/gold/NNN.jsonl. */
export function loadEvalDocs(dir: string): EvalDoc[] {
  const docs: EvalDoc[] = [];
  for (const file of readdirSync(dir).filter((f) => /^\d+_.*\.txt$/.test(f)).sort()) {
    const id = file.slice(0, file.indexOf("_"));
    const goldFile = path.join(dir, "gold", `${id}.jsonl`);
    if (!existsSync(goldFile)) continue;
    const text = decodeReport(readFileSync(path.join(dir, file)));
    const gold = readFileSync(goldFile, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as GoldFigure);
    docs.push({ name: file, text, gold });
  }
  return docs;
}

function pct(x: number): string {
  return (100 * x).toFixed(1).padStart(5);
}

function context(text: string, offset: number, len: number): string {
  const a = Math.max(0, offset - 18);
  return `${text.slice(a, offset)}[${text.slice(offset, offset + len)}]${text.slice(offset + len, offset + len + 10)}`.replace(/\s+/g, " ");
}

export function formatScores(c: Comparison): string {
  const rows = [c.overall, ...c.byKind].map(
    (k) => `  ${k.kind.padEnd(11)} P ${pct(k.precision)}%  R ${pct(k.recall)}%   (tp ${k.tp}, fp ${k.fp}, fn ${k.fn})`,
  );
  return rows.join("\n");
}

/** Runs the extractor over all texts for about `seconds` and returns MB (UTF-8) per second. */
export function measureThroughput(texts: readonly string[], catalog: IndicatorCatalog, seconds = 1): number {
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t, "utf8"), 0);
  if (bytes === 0) return 0;
  for (const t of texts) extractFigures(t, catalog); // warm-up, so small corpora do not measure the JIT
  const t0 = performance.now();
  let rounds = 0;
  do {
    for (const t of texts) extractFigures(t, catalog);
    rounds++;
  } while (performance.now() - t0 < seconds * 1000);
  const elapsed = (performance.now() - t0) / 1000;
  return (bytes * rounds) / 1e6 / elapsed;
}

/** The project's own annotated sets, and the published seed reports when the shared folder is beside the checkout. */
export const DEFAULT_SETS = [
  "test/fixtures/report-text/own",
  "test/fixtures/report-text/heldout",
  "test/fixtures/report-text/forms-dev",
  "test/fixtures/report-text/forms-heldback",
  "test/fixtures/report-text/forms-heldback2",
  "test/fixtures/report-text/forms-heldback3",
  "../shared/seeds",
];

/** Scores one directory of annotated reports; undefined when it holds none. */
export function evaluateSet(dir: string, catalog: IndicatorCatalog): { docs: EvalDoc[]; all: Comparison; misses: string[] } | undefined {
  const docs = existsSync(dir) ? loadEvalDocs(dir) : [];
  if (docs.length === 0) return undefined;
  const parts: Comparison[] = [];
  const misses: string[] = [];
  for (const d of docs) {
    const predicted: Figure[] = extractFigures(d.text, catalog);
    const c = compareFigures(d.gold, predicted);
    parts.push(c);
    const predAt = new Map(predicted.map((p) => [p.offset, p]));
    const goldAt = new Map(d.gold.map((g) => [g.offset, g]));
    for (const g of c.missed) {
      const p = predAt.get(g.offset);
      const why = p ? ` (got ${p.kind} ${p.value})` : "";
      misses.push(`  FN ${d.name.slice(0, 3)} @${g.offset} ${g.kind} ${g.value}${why}: ${context(d.text, g.offset, g.text.length)}`);
    }
    for (const p of c.spurious) {
      if (goldAt.has(p.offset)) continue; // already listed as a wrong kind/value above
      misses.push(`  FP ${d.name.slice(0, 3)} @${p.offset} ${p.kind} ${p.value}: ${context(d.text, p.offset, p.text.length)}`);
    }
  }
  return { docs, all: mergeComparisons(parts), misses };
}

/**
 * Scores each directory given (or DEFAULT_SETS, skipping a missing seeds folder) separately: a set
 * developed against and a held-back set must never be pooled into one flattering number.
 */
export function main(argv: string[], out: (s: string) => void = (s) => console.log(s), throughputSeconds = 1): number {
  const explicit = argv.length > 0;
  const dirs = explicit ? argv : DEFAULT_SETS;
  const catalog = loadCatalog();
  const texts: string[] = [];
  let scored = 0;
  for (const dir of dirs) {
    const r = evaluateSet(dir, catalog);
    if (!r) {
      if (explicit) {
        out(`no NNN_*.txt with gold/NNN.jsonl found in ${dir}`);
        return 2;
      }
      out(`== ${dir}: not found here, skipped (pass its folder as an argument)`);
      continue;
    }
    scored++;
    if (dirs.length > 1) out(`== ${dir}`);
    out(`${r.docs.length} report(s), ${r.all.overall.tp + r.all.overall.fn} gold figures`);
    out(formatScores(r.all));
    out(r.misses.length ? `misses (${r.misses.length}):\n${r.misses.join("\n")}` : "misses: none");
    texts.push(...r.docs.map((d) => d.text));
  }
  if (scored === 0) {
    out("usage: eval-extract <dir with NNN_*.txt and gold/NNN.jsonl> ...");
    return 2;
  }
  const mbps = measureThroughput(texts, catalog, throughputSeconds);
  out(`throughput: ${mbps.toFixed(2)} MB/s`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
