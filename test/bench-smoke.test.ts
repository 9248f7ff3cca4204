// The benchmark must keep working: CI runs it in smoke mode (one year of Zhejiang, one run) and
// checks the figures are printed, never how fast they are (speed goals live in BENCHMARKS.md).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

describe("npm run bench -- --smoke", () => {
  it("prints every figure and the one-line summary", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "pipelines/bench.ts", "--smoke"], { cwd: ROOT, encoding: "utf8", timeout: 240_000 });
    expect(r.stderr).not.toMatch(/exited [1-9]/);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    for (const label of ["1. full build", "2. bare DuckDB", "3. no-change run", "   weici status", "4. one city changed", "5. pages", "6. 3 monthly resubmissions", "7. README queries"]) {
      expect(lines.some((l) => l.startsWith(label))).toBe(true);
    }
    // Every resubmission adds the one corrected figure's version to the history, not the file's rows again.
    expect(lines.filter((l) => /resubmission +\d+:/.test(l)).map((l) => /\+(\d+) row/.exec(l)?.[1])).toEqual(["1", "1", "1"]);
    expect(lines.at(-1)).toMatch(
      /^bench: full [\d.]+ s \([\d.]+x bare [\d.]+ s\), no-change [\d.]+ s, status [\d.]+ s, one-city [\d.]+ s, pages \d+\/s, peak \d+ MiB$/,
    );
  }, 300_000);
});
