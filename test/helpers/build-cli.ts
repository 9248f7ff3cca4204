// Vitest global setup: compiles the CLI into dist/ before any test runs, so the tests that start
// `bin/weici.js` as a real process run the code under test, compiled as users get it (tsc is
// incremental: a build with nothing changed takes a few seconds).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm run build failed, so the CLI tests would run old code:\n${r.stdout}${r.stderr}`);
}
