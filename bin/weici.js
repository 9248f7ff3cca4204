#!/usr/bin/env node
// The weici command. It runs the compiled CLI in dist/ (built by `npm install` through `prepare`, or
// by `npm run build`), so a command starts without transpiling TypeScript. WEICI_FROM_SOURCE=1, or a
// checkout without dist/, runs the TypeScript sources through tsx's loader instead (slower to start).
// One process either way, so SIGINT/SIGTERM reach the run directly (it stops between steps) and
// killing this pid ends the run.
import { existsSync } from "node:fs";

const compiled = new URL("../dist/pipelines/cli.js", import.meta.url);
let cli;
if (process.env.WEICI_FROM_SOURCE !== "1" && existsSync(compiled)) {
  cli = await import(compiled.href);
} else {
  // Packages made of hundreds of files load about three times faster before the TypeScript loader's
  // hooks are in place; the CLI's own imports then find them loaded.
  await Promise.all(["kysely", "arktype", "@duckdb/node-api"].map((m) => import(m)));
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import("../pipelines/cli.ts");
}
await cli.runCli(process.argv.slice(2));
