// The weici command line. One top-level catch: known errors print their own message and exit with
// their code; anything else is an "unexpected error" with a hint to re-run with --debug.
//
// Start-up is part of every command's time (a no-change night is mostly start-up), so this module
// imports almost nothing: each command is one entry of COMMANDS that imports what it needs when it runs.
import path from "node:path";
import { parseArgs } from "node:util";
import type { ResolvedConfig } from "./config.ts";
import { ConfigError, EXIT_PARTIAL, PipelineError } from "./errors.ts";
import { consoleLogger, type Logger } from "./logger.ts";
import type { RunSummary, SiteRenderer } from "./run.ts";

const HELP = `weici (位次) — district science & technology figures → DuckDB warehouse → rankings and reports

Usage:
  weici run [--config weici.config.json] [--no-site] [--force] [--debug]
                                                                 run the whole job once (--force: read every file and rebuild even if no input changed)
  weici schedule [--config weici.config.json] [--no-site]        keep running; run the job nightly (schedule in the config, default 02:30 Asia/Shanghai)
  weici status [--config weici.config.json]                      the last runs, a run in progress and the next scheduled run
  weici extract FILE [--json]                                    extract figures from a work report (工作总结)
  weici query "SQL" | --file q.sql | --example NAME [--format table|csv|xlsx|json] [--out FILE]
                                                                 query the published warehouse read-only (never blocks a run);
                                                                 csv is UTF-8 with BOM for Excel, json is JSON Lines; --examples lists the examples
  weici template --period 2026-11 [--group city:330100] [--layout district|wide] [--out FILE]
                                                                 write the XLSX districts fill in (one sheet per district, or one wide 完成情况表)
  weici inspect FILE [--sheet NAME]                              how weici reads a table (layout, columns, period, rows) without loading it
  weici --help

Outputs (default config): target/warehouse.duckdb (read-only copy for analysts), target/site/index.html,
target/parquet/<view>.parquet.
Exit codes: 0 ok, 1 the run failed and published nothing (or another run holds the lock), 2 usage or configuration error,
3 partial: the run published, but some files failed or had rows left out by a data check (weici status lists them).`;

// Loaded only when pages are rendered: a night where nothing changed never pays for the renderer.
const renderSiteLazily: SiteRenderer = async (opts) => (await import("../reports/site.ts")).renderSite(opts);

function parseCli(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: "string", default: "weici.config.json" },
      "no-site": { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      debug: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
      // weici inspect
      sheet: { type: "string" },
      // weici template
      period: { type: "string" },
      group: { type: "string" },
      layout: { type: "string" },
      // weici query
      file: { type: "string" },
      example: { type: "string" },
      examples: { type: "boolean", default: false },
      format: { type: "string" },
      out: { type: "string" },
    },
  });
}

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
    // Partial: what was left out, so the night's log says it without opening the warehouse (exit code 3).
    ...(s.outcome === "partial" ? [`  PARTIAL: published without these (see weici status):`, ...(s.leftOut ?? []).map((m) => `    ${m.split("\n")[0]}`)] : []),
  ].join("\n");
}

export async function main(argv: string[], io = { stdout: (s: string) => void process.stdout.write(s) }): Promise<number> {
  const { values, positionals } = parseCli(argv);
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.stdout(`${HELP}\n`);
    return command || values.help ? 0 : 2;
  }
  const handler = COMMANDS[command];
  if (!handler) throw new ConfigError(`unknown command "${command}"; see weici --help`);
  const config = async () => (await import("./config.ts")).loadConfig(values.config);
  return handler({ values, rest, io, config, logger: consoleLogger({ debug: values.debug }) });
}

type Values = ReturnType<typeof parseCli>["values"];
interface CommandContext {
  values: Values;
  /** Positional arguments after the command name. */
  rest: string[];
  io: { stdout: (s: string) => void };
  config: () => Promise<ResolvedConfig>;
  logger: Logger;
}

/** The subcommands: adding one is one entry that imports its module when it runs. */
const COMMANDS: Record<string, (c: CommandContext) => Promise<number>> = {
  run: async ({ values, io, config, logger }) => {
    const [{ runPipeline }, { streamProgress }, { crashHook, onShutdown }] = await Promise.all([import("./run.ts"), import("./progress.ts"), import("./shutdown.ts")]);
    const cfg = await config();
    const shutdown = onShutdown(logger);
    try {
      const summary = await runPipeline(cfg, {
        logger, now: () => new Date(), renderSite: values["no-site"] ? undefined : renderSiteLazily, signal: shutdown.signal,
        progress: streamProgress(process.stderr), crashAt: crashHook(process.env.WEICI_FAIL_AT), force: values.force,
      });
      io.stdout(`${formatSummary(summary)}\n`);
      return summary.outcome === "partial" ? EXIT_PARTIAL : 0;
    } finally {
      shutdown.dispose();
    }
  },
  schedule: async ({ values, config, logger }) => {
    const [{ scheduleCommand }, { streamProgress }] = await Promise.all([import("./commands/schedule.ts"), import("./progress.ts")]);
    return scheduleCommand(await config(), { logger, renderSite: values["no-site"] ? undefined : renderSiteLazily, progress: streamProgress(process.stderr) });
  },
  status: async ({ io, config }) => (await import("./commands/status.ts")).statusCommand(await config(), { stdout: io.stdout }),
  extract: async ({ values, rest, io }) => {
    const file = rest[0];
    if (!file) throw new ConfigError("weici extract needs a FILE: weici extract report.txt --json");
    const [{ extractCommand }, { readFile }] = await Promise.all([import("./commands/extract.ts"), import("node:fs/promises")]);
    return extractCommand(file, { json: values.json }, { stdout: io.stdout, readFile: (p) => readFile(p) });
  },
  query: async ({ values, rest, io, config }) => {
    if (rest.length > 1) throw new ConfigError(`weici query takes one SQL text (quote it): weici query "select …"; got ${rest.length} arguments`);
    const { queryCommand } = await import("./commands/query.ts");
    const opts = { sql: rest[0], file: values.file, example: values.example, examples: values.examples, format: values.format, out: values.out };
    return queryCommand(await config(), opts, { stdout: io.stdout, stderr: (s) => void process.stderr.write(s) });
  },
  inspect: async ({ values, rest, io }) => {
    const file = rest[0];
    if (!file) throw new ConfigError("weici inspect needs a FILE: weici inspect 完成情况表.xlsx [--sheet NAME]");
    const [{ inspectCommand }, { loadCatalog }, { readFile }] = await Promise.all([import("./commands/inspect.ts"), import("../sources/catalog.ts"), import("node:fs/promises")]);
    return inspectCommand(file, { sheet: values.sheet }, { stdout: io.stdout, readFile: (p) => readFile(p), catalog: loadCatalog() });
  },
  template: async ({ values, io, config }) =>
    (await import("./commands/template.ts")).templateCommand(await config(), { period: values.period, group: values.group, layout: values.layout, out: values.out }, io),
};

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
