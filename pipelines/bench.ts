// `npm run bench`: times the nightly build at national scale (generated once, cached in target/bench)
// against bare DuckDB doing the same loading and model SQL, plus a no-change run, a one-city change and
// page rendering, each with min/median/max over several runs and peak RSS. `--smoke` runs a tiny
// dataset once so CI can prove the benchmark still works without spending minutes on it.
import { spawn } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { decodeText, detectEncoding } from "../sources/encoding.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TSX = import.meta.resolve("tsx");

interface Sample { seconds: number; peakMiB: number; stdout: string }

/** Runs a TS entry point in a child process, polling its peak RSS (VmHWM) from /proc. */
export function timeChild(script: string, args: string[], nodeFlags: string[] = []): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeFlags, "--import", TSX, path.join(ROOT, script), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
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
    warehouse: "target/warehouse.duckdb", work_dir: "target/work", site_dir: "target/site", memory_limit: "1GB", parquet: false,
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

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { smoke: { type: "boolean", default: false }, runs: { type: "string" } } });
  const smoke = values.smoke!;
  const runs = Number(values.runs ?? (smoke ? 1 : 3));
  const dir = path.join(ROOT, "target", "bench", smoke ? "smoke" : "national");
  await prepare(dir, smoke);
  const config = path.join(dir, "weici.config.json");
  const target = path.join(dir, "target");
  // The heap limit `npm start` runs with (package.json): left alone, V8 let the heap grow to 2 GB while
  // rendering the national site one province after another, although each province needs far less.
  const HEAP = ["--max-old-space-size=1024"];
  const weici = (extra: string[] = []) => timeChild("pipelines/cli.ts", ["run", "--config", config, "--no-site", ...extra], HEAP);
  const full: Sample[] = [], bare: Sample[] = [], none: Sample[] = [], one: Sample[] = [], pages: { rate: number; peak: number; n: number }[] = [];
  for (let r = 0; r < runs; r++) {
    await fs.rm(target, { recursive: true, force: true });
    full.push(await weici());
    const bareDb = path.join(dir, "bare.duckdb");
    await fs.rm(bareDb, { force: true });
    bare.push(await timeChild("pipelines/bench-child.ts", ["bare", bareDb, dir, "1GB"]));
    none.push(await weici());
    await touchOneCity(dir, r);
    one.push(await weici());
    const site = path.join(dir, "site-bench");
    await fs.rm(site, { recursive: true, force: true });
    const p = await timeChild("pipelines/bench-child.ts", ["pages", path.join(target, "warehouse.duckdb"), site], HEAP);
    const out = JSON.parse(p.stdout.trim().split("\n").pop()!) as { pages: number; seconds: number };
    pages.push({ rate: out.pages / out.seconds, peak: p.peakMiB, n: out.pages });
    process.stderr.write(`bench: run ${r + 1}/${runs} done\n`);
  }
  const breakdown = await stepBreakdown(path.join(target, "work", "warehouse.duckdb"));
  const med = (xs: Sample[]) => stats(xs.map((x) => x.seconds)).median;
  const ratio = med(full) / med(bare);
  const peak = Math.max(...[...full, ...bare, ...none, ...one].map((x) => x.peakMiB), ...pages.map((p) => p.peak));
  const lines = [
    ...breakdown,
    `dataset: ${dir} (${smoke ? "smoke" : "national"}), ${runs} run(s), ${new Date().toISOString().slice(0, 10)}`,
    `1. full build from empty:  ${fmt(full.map((x) => x.seconds), "s")}, peak RSS ${fmt(full.map((x) => x.peakMiB), "MiB", 0)}`,
    `2. bare DuckDB, same work: ${fmt(bare.map((x) => x.seconds), "s")}, peak RSS ${fmt(bare.map((x) => x.peakMiB), "MiB", 0)}; ours/bare ${ratio.toFixed(2)}x`,
    `3. no-change run:          ${fmt(none.map((x) => x.seconds), "s")}, peak RSS ${fmt(none.map((x) => x.peakMiB), "MiB", 0)}`,
    `4. one city changed:       ${fmt(one.map((x) => x.seconds), "s")}, peak RSS ${fmt(one.map((x) => x.peakMiB), "MiB", 0)}`,
    `5. pages:                  ${fmt(pages.map((p) => p.rate), "pages/s", 0)} over ${pages[0]!.n} pages, peak RSS ${fmt(pages.map((p) => p.peak), "MiB", 0)}`,
    `bench: full ${med(full).toFixed(1)} s (${ratio.toFixed(2)}x bare ${med(bare).toFixed(1)} s), no-change ${med(none).toFixed(1)} s, one-city ${med(one).toFixed(1)} s, pages ${stats(pages.map((p) => p.rate)).median.toFixed(0)}/s, peak ${peak.toFixed(0)} MiB`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main(process.argv.slice(2));
