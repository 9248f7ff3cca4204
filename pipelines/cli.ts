// The weici command line. One top-level catch: known errors print their own message and exit with
// their code; anything else is an "unexpected error" with a hint to re-run with --debug.
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "./config.ts";
import { ConfigError, PipelineError } from "./errors.ts";
import { consoleLogger } from "./logger.ts";
import { streamProgress } from "./progress.ts";
import { type RunSummary, runPipeline, type SiteRenderer } from "./run.ts";
import { crashHook, onShutdown } from "./shutdown.ts";

const HELP = `weici (位次) — district science & technology figures → DuckDB warehouse → rankings and reports

Usage:
  weici run [--config weici.config.json] [--no-site] [--force] [--debug]
                                                                 run the whole job once (--force: read every file and rebuild even if no input changed)
  weici schedule [--config weici.config.json] [--no-site]        keep running; run the job nightly (schedule in the config, default 02:30 Asia/Shanghai)
  weici status [--config weici.config.json]                      the last runs, a run in progress and the next scheduled run
  weici extract FILE [--json]                                    extract figures from a work report (工作总结)
  weici inspect FILE [--sheet NAME]                              how weici reads a table (layout, columns, period, rows) without loading it
  weici --help

Outputs (default config): target/warehouse.duckdb (read-only copy for analysts), target/site/index.html,
target/parquet/<view>.parquet.
Exit codes: 0 ok, 1 the run failed (or another run holds the lock), 2 usage or configuration error.`;

// Loaded only when pages are rendered: a night where nothing changed never pays for the renderer.
const renderSiteLazily: SiteRenderer = async (opts) => (await import("../reports/site.ts")).renderSite(opts);

export function formatSummary(s: RunSummary): string {
  const i = s.ingest;
  return [
    `weici run ${s.runId}: ${s.outcome}`,
    `  sources read      ${i.sources} (files loaded ${i.filesLoaded}, unchanged ${i.filesUnchanged}, failed ${i.failures.length})`,
    `  rows loaded       ${s.rowsLoaded.toLocaleString("en-US")} observations`,
    `  rows quarantined  ${s.rowsQuarantined.toLocaleString("en-US")} (see analyst.quarantine)`,
    `  models built      ${s.modelsBuilt}${s.build === "unchanged" ? " (no input changed: models, checks and pages skipped)" : ""}`,
    `  checks passed     ${s.checksPassed}${s.checksWarned ? ` (${s.checksWarned} warning)` : ""}`,
    `  pages written     ${s.pagesWritten}${s.pagesUnchanged ? ` (${s.pagesUnchanged} unchanged)` : ""}`,
    `  warehouse         ${path.relative(process.cwd(), s.published) || s.published}${s.parquetFiles ? ` (+ ${s.parquetFiles} Parquet files)` : ""}`,
    `  time              ${s.seconds.toFixed(1)} s`,
  ].join("\n");
}

export async function main(argv: string[], io = { stdout: (s: string) => void process.stdout.write(s) }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: "string", default: "weici.config.json" },
      "no-site": { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      debug: { type: "boolean", default: false },
      sheet: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.stdout(`${HELP}\n`);
    return command || values.help ? 0 : 2;
  }
  const logger = consoleLogger({ debug: values.debug });
  switch (command) {
    case "run": {
      const config = loadConfig(values.config);
      const shutdown = onShutdown(logger);
      try {
        const summary = await runPipeline(config, {
          logger, now: () => new Date(), renderSite: values["no-site"] ? undefined : renderSiteLazily, signal: shutdown.signal,
          progress: streamProgress(process.stderr), crashAt: crashHook(process.env.WEICI_FAIL_AT), force: values.force,
        });
        io.stdout(`${formatSummary(summary)}\n`);
        return 0;
      } finally {
        shutdown.dispose();
      }
    }
    case "schedule": {
      const config = loadConfig(values.config);
      const { scheduleCommand } = await import("./commands/schedule.ts");
      return scheduleCommand(config, { logger, renderSite: values["no-site"] ? undefined : renderSiteLazily, progress: streamProgress(process.stderr) });
    }
    case "status": {
      const config = loadConfig(values.config);
      const { statusCommand } = await import("./commands/status.ts");
      return statusCommand(config, { stdout: io.stdout });
    }
    case "extract": {
      const file = rest[0];
      if (!file) throw new ConfigError("weici extract needs a FILE: weici extract report.txt --json");
      const { extractCommand } = await import("./commands/extract.ts");
      const { readFile } = await import("node:fs/promises");
      return extractCommand(file, { json: values.json }, { stdout: io.stdout, readFile: (p) => readFile(p) });
    }
    case "inspect": {
      const file = rest[0];
      if (!file) throw new ConfigError("weici inspect needs a FILE: weici inspect 完成情况表.xlsx [--sheet NAME]");
      const { inspectCommand } = await import("./commands/inspect.ts");
      const { loadCatalog } = await import("../sources/catalog.ts");
      const { readFile } = await import("node:fs/promises");
      return inspectCommand(file, { sheet: values.sheet }, { stdout: io.stdout, readFile: (p) => readFile(p), catalog: loadCatalog() });
    }
    default:
      throw new ConfigError(`unknown command "${command}"; see weici --help`);
  }
}

/** Runs the CLI in this process and exits with its code (bin/weici.js and `tsx pipelines/cli.ts`). */
export function runCli(argv: string[]): Promise<void> {
  return main(argv).then(
    (code) => process.exit(code),
    (e: unknown) => {
      if (e instanceof PipelineError) {
        process.stderr.write(`error: ${e.message}\n`);
        if (argv.includes("--debug") && e.cause) console.error(e.cause);
        process.exit(e.exitCode);
      } else if (e instanceof TypeError && (e as NodeJS.ErrnoException).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
        process.stderr.write(`error: ${e.message}; see weici --help\n`);
        process.exit(2);
      } else {
        process.stderr.write(`unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
        if (argv.includes("--debug")) console.error(e);
        else process.stderr.write("run again with --debug for details\n");
        process.exit(1);
      }
    },
  );
}

const isEntry = process.argv[1] && path.resolve(process.argv[1]).replace(/\.ts$/, "") === path.resolve(new URL(import.meta.url).pathname).replace(/\.ts$/, "");
if (isEntry) void runCli(process.argv.slice(2));
