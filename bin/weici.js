#!/usr/bin/env node
// Thin launcher so `npx weici` works without a build step: tsx runs the TypeScript CLI directly.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";
const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const tsxCli = require.resolve("tsx/cli");
const res = spawnSync(process.execPath, [tsxCli, path.join(here, "..", "pipelines", "cli.ts"), ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(res.status ?? 1);
