#!/usr/bin/env node
// Launcher so `npx weici` works without a build step: tsx's loader is registered in this very process
// and the TypeScript CLI runs here. One process, so SIGINT/SIGTERM reach the run directly (it stops
// between steps) and killing this pid ends the run.
import { register } from "tsx/esm/api";

// Packages made of hundreds of files load about three times faster before the TypeScript loader's
// hooks are in place; the CLI's own imports then find them loaded. A package missing here only loads slower.
await Promise.all(["kysely", "arktype", "@duckdb/node-api"].map((m) => import(m)));
register();
const { runCli } = await import("../pipelines/cli.ts");
await runCli(process.argv.slice(2));
