// `npm run bench`: times the nightly build at national scale (generated once, cached in target/bench)
// against bare DuckDB doing the same loading and model SQL, plus a no-change run, `weici status`, a
// one-city change and page rendering, each with min/median/max over several runs and peak RSS; then
// twelve monthly resubmissions of one city file (the twelfth must cost no more than the first) and the
// README's queries on the analyst views (VARCHAR) against their ENUM twins. Commands run compiled
// (dist/, as `npm start` runs them). `--only` picks steps; `--smoke` runs a tiny dataset once so CI can
// prove the benchmark still works without spending minutes on it.
import { spawn } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { decodeText, detectEncoding } from "../sources/encoding.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

interface Sample { seconds: number; peakMiB: number; stdout: string }

/** Runs a compiled entry point (dist/) in a child process, polling its peak RSS (VmHWM) from /proc. */
export function timeChild(script: string, args: string[], nodeFlags: string[] = []): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const js = script.startsWith("bin/") ? path.join(ROOT, script) : path.join(ROOT, "dist", script.replace(/\.ts$/, ".js"));
    const child = spawn(process.execPath, [...nodeFlags, js, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let peakKiB = 0;
    let stdout = "";
    let stderr = "";
    const poll = setInterval(() => {
      fs.readFile(`/proc/${child.pid}/status`, "utf8").then((s) => {
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0);
        peakKiB = Math.max(peakKiB, hwm);
      }, () => undefined);
    }, 50);
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => {
      clearInterval(poll);
      const seconds = (performance.now() - t0) / 1000;
      if (code !== 0) reject(new Error(`${script} ${args.join(" ")} exited ${code}:\n${stderr.slice(-2000)}`));
      else resolve({ seconds, peakMiB: peakKiB / 1024, stdout });
    });
  });
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor((s.length - 1) / 2)]!, max: s[s.length - 1]! };
};
const fmt = (xs: number[], unit: string, digits = 1) => {
  const { min, median, max } = stats(xs);
  return `${median.toFixed(digits)} ${unit} (min ${min.toFixed(digits)}, max ${max.toFixed(digits)})`;
};

async function prepare(dir: string, smoke: boolean): Promise<void> {
  if (!existsSync(path.join(dir, "MANIFEST.json"))) {
    // Smoke: one year of Zhejiang history (about 29k rows); national: every county, 2017 to 2026-10.
    const args = smoke ? ["--scale", "zhejiang", "--from", "2024", "--to", "2025-01"] : ["--scale", "national", "--from", "2017"];
    process.stderr.write(`bench: generating the ${smoke ? "smoke" : "national"} dataset in ${dir} (once)\n`);
    await timeChild("pipelines/generate-sample.ts", ["--out", dir, ...args]);
  }
  // Bare DuckDB reads UTF-8 only: give it decoded copies (an advantage we do not subtract).
  const utf8 = path.join(dir, "utf8");
  if (!existsSync(utf8)) {
    await fs.mkdir(utf8, { recursive: true });
    for (const f of await fs.readdir(path.join(dir, "history"))) {
      const buf = await fs.readFile(path.join(dir, "history", f));
      await fs.writeFile(path.join(utf8, f), decodeText(buf, detectEncoding(buf)));
    }
  }
  const config = {
    $comment: "benchmark dataset (synthetic); the Parquet export is not part of the nightly build timed here (BENCHMARKS.md gives its cost)",
    warehouse: "target/warehouse.duckdb", work_dir: "target/work", site_dir: "target/site", memory_limit: "900MB", parquet: false,
    sources: [
      { id: "history", kind: "csv", dir: "history", pattern: "*.csv" },
      { id: "targets", kind: "targets-csv", dir: "targets", pattern: "*.csv" },
      { id: "peer-groups", kind: "peer-groups-csv", dir: ".", pattern: "peer-groups.csv" },
    ],
  };
  await fs.writeFile(path.join(dir, "weici.config.json"), JSON.stringify(config, null, 2));
}

/** Rewrites one figure of the first city's file, as a corrected resubmission would. */
async function touchOneCity(dir: string, run: number): Promise<void> {
  const f = path.join(dir, "history", (await fs.readdir(path.join(dir, "history"))).sort()[0]!);
  const buf = await fs.readFile(f);
  const enc = detectEncoding(buf);
  const lines = decodeText(buf, enc).split("\n");
  const i = 2 + (run % Math.max(1, lines.length - 3));
  lines[i] = lines[i]!.replace(/,([\d.]+)(\r?)$/, (_m, v: string, cr: string) => `,${(Number(v) + 1).toString()}${cr}`);
  const text = lines.join("\n");
  await fs.writeFile(f, enc === "gb18030" ? (await import("iconv-lite")).default.encode(text, "gb18030") : text);
}

/** Where the time of the last run's full build (run 1), no-change run (2) and one-city run (3) went, from the run log. */
async function stepBreakdown(workDb: string): Promise<string[]> {
  const { Warehouse } = await import("./warehouse.ts");
  const wh = await Warehouse.open(workDb, { readOnly: true });
  try {
    const rows = await wh.all<{ run_id: number; steps: string }>(`select run_id::integer as run_id,
        string_agg(step || ' ' || round(ms / 1000, 1) || ' s', ', ' order by started_at) as steps
      from meta.run_steps where run_id <= 3 and (step not like 'model:%' or ms >= 1000) and step <> 'plan' group by run_id order by run_id`);
    const name = ["", "full build", "no-change", "one city"];
    return rows.map((r) => `steps of the last ${name[r.run_id]}: ${r.steps}`);
  } finally {
    await wh.close();
  }
}

const STEPS = ["full", "bare", "none", "status", "one", "pages", "resubmit", "queries"] as const;
type Step = (typeof STEPS)[number];

/** Twelve monthly resubmissions of one city file, each with one figure corrected: run time and history growth. */
async function resubmissions(dir: string, config: string, target: string, n: number, heap: string[]): Promise<{ lines: string[]; peak: number }> {
  const { Warehouse } = await import("./warehouse.ts");
  const historyRows = async () => {
    const wh = await Warehouse.open(path.join(target, "warehouse.duckdb"), { readOnly: true });
    try {
      return (await wh.one<{ n: number }>("select count(*)::bigint as n from analyst.observations_history"))!.n;
    } finally {
      await wh.close();
    }
  };
  const lines: string[] = [];
  let before = await historyRows();
  const times: number[] = [];
  let peak = 0;
  for (let k = 1; k <= n; k++) {
    await touchOneCity(dir, 100 + k);
    const s = await timeChild("bin/weici.js", ["run", "--config", config, "--no-site"], heap);
    const after = await historyRows();
    times.push(s.seconds);
    peak = Math.max(peak, s.peakMiB);
    lines.push(`   resubmission ${String(k).padStart(2)}: ${s.seconds.toFixed(1)} s, peak RSS ${s.peakMiB.toFixed(0)} MiB, observations_history +${after - before} row(s)`);
    before = after;
  }
  const head = `6. ${n} monthly resubmissions of one city file (one figure corrected each): first ${times[0]!.toFixed(1)} s, last ${times.at(-1)!.toFixed(1)} s`;
  return { lines: [head, ...lines], peak };
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: {
    smoke: { type: "boolean", default: false }, runs: { type: "string" }, only: { type: "string" }, resubmissions: { type: "string" },
  } });
  const smoke = values.smoke!;
  const runs = Number(values.runs ?? (smoke ? 1 : 3));
  const only = new Set((values.only ?? STEPS.join(",")).split(",").map((x) => x.trim()));
  for (const x of only) if (!STEPS.includes(x as Step)) throw new Error(`bench: unknown step "${x}"; steps are ${STEPS.join(", ")}`);
  const want = (x: Step) => only.has(x);
  // The commands are timed as users run them: compiled (bin/weici.js runs dist/).
  await new Promise<void>((resolve, reject) => spawn(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" })
    .on("close", (code) => (code === 0 ? resolve() : reject(new Error(`bench: npm run build failed (${code})`)))));
  const dir = path.join(ROOT, "target", "bench", smoke ? "smoke" : "national");
  await prepare(dir, smoke);
  const config = path.join(dir, "weici.config.json");
  const target = path.join(dir, "target");
  // The heap limit `npm start` runs with (package.json): left alone, V8 let the heap grow to 2 GB while
  // rendering the national site one province after another, although each province needs far less.
  const HEAP = ["--max-old-space-size=1024"];
  const weici = (extra: string[] = []) => timeChild("bin/weici.js", ["run", "--config", config, "--no-site", ...extra], HEAP);
  const full: Sample[] = [], bare: Sample[] = [], none: Sample[] = [], status: Sample[] = [], one: Sample[] = [];
  const pages: { rate: number; peak: number; n: number }[] = [];
  for (let r = 0; r < runs; r++) {
    await fs.rm(target, { recursive: true, force: true });
    full.push(await weici());
    if (want("bare")) {
      const bareDb = path.join(dir, "bare.duckdb");
      await fs.rm(bareDb, { force: true });
      bare.push(await timeChild("pipelines/bench-child.ts", ["bare", bareDb, dir, "900MB"]));
      await fs.rm(bareDb, { force: true });
    }
    if (want("none")) none.push(await weici());
    if (want("status")) status.push(await timeChild("bin/weici.js", ["status", "--config", config]));
    if (want("one")) {
      await touchOneCity(dir, r);
      one.push(await weici());
    }
    if (want("pages")) {
      const site = path.join(dir, "site-bench");
      await fs.rm(site, { recursive: true, force: true });
      const p = await timeChild("pipelines/bench-child.ts", ["pages", path.join(target, "warehouse.duckdb"), site], HEAP);
      const out = JSON.parse(p.stdout.trim().split("\n").pop()!) as { pages: number; seconds: number };
      pages.push({ rate: out.pages / out.seconds, peak: p.peakMiB, n: out.pages });
    }
    process.stderr.write(`bench: run ${r + 1}/${runs} done\n`);
  }
  const breakdown = await stepBreakdown(path.join(target, "work", "warehouse.duckdb"));
  const med = (xs: Sample[]) => stats(xs.map((x) => x.seconds)).median;
  const row = (label: string, xs: Sample[]) => xs.length ? [`${label}${fmt(xs.map((x) => x.seconds), "s", label.startsWith("4") || label.startsWith("1") ? 1 : 2)}, peak RSS ${fmt(xs.map((x) => x.peakMiB), "MiB", 0)}`] : [];
  const lines = [
    ...breakdown,
    `dataset: ${dir} (${smoke ? "smoke" : "national"}), ${runs} run(s), ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ""}, Node ${process.version}`,
    ...row("1. full build from empty:  ", full),
    ...(bare.length ? [`2. bare DuckDB, same work: ${fmt(bare.map((x) => x.seconds), "s")}, peak RSS ${fmt(bare.map((x) => x.peakMiB), "MiB", 0)}; ours/bare ${(med(full) / med(bare)).toFixed(2)}x`] : []),
    ...row("3. no-change run:          ", none),
    ...row("   weici status:           ", status),
    ...row("4. one city changed:       ", one),
    ...(pages.length ? [`5. pages:                  ${fmt(pages.map((p) => p.rate), "pages/s", 0)} over ${pages[0]!.n} pages, peak RSS ${fmt(pages.map((p) => p.peak), "MiB", 0)}`] : []),
  ];
  const peaks = [...full, ...bare, ...none, ...status, ...one].map((x) => x.peakMiB).concat(pages.map((p) => p.peak));
  if (want("resubmit")) {
    const res = await resubmissions(dir, config, target, Number(values.resubmissions ?? (smoke ? 3 : 12)), HEAP);
    lines.push(...res.lines);
    peaks.push(res.peak);
  }
  if (want("queries")) {
    const q = await timeChild("pipelines/bench-child.ts", ["queries", path.join(target, "warehouse.duckdb")]);
    const timings = JSON.parse(q.stdout.trim().split("\n").pop()!) as { name: string; rows: number; varcharMs: number; enumMs: number }[];
    lines.push("7. README queries, median of 5 (analyst views, VARCHAR codes / the same SQL over ENUM codes):");
    for (const t of timings) lines.push(`   ${t.name.padEnd(16)} ${t.varcharMs.toFixed(0).padStart(6)} ms / ${t.enumMs.toFixed(0).padStart(6)} ms (${(t.varcharMs / t.enumMs).toFixed(1)}x), ${t.rows} row(s)`);
  }
  lines.push(`bench: full ${med(full).toFixed(1)} s${bare.length ? ` (${(med(full) / med(bare)).toFixed(2)}x bare ${med(bare).toFixed(1)} s)` : ""}` +
    `${none.length ? `, no-change ${med(none).toFixed(2)} s` : ""}${status.length ? `, status ${med(status).toFixed(2)} s` : ""}` +
    `${one.length ? `, one-city ${med(one).toFixed(1)} s` : ""}${pages.length ? `, pages ${stats(pages.map((p) => p.rate)).median.toFixed(0)}/s` : ""}, peak ${Math.max(...peaks).toFixed(0)} MiB`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main(process.argv.slice(2));
