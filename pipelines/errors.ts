// The small error hierarchy every step throws. Each message names what failed (file, row, model, check)
// and says how to fix it; the CLI prints known errors as-is and anything else as "unexpected error".

/**
 * Exit code of a run that published but left some files (or rows a data check guards against) out:
 * distinct from 0 so a scheduler or systemd unit watching the exit code sees it, and from 1 (nothing published).
 */
export const EXIT_PARTIAL = 3;

export class PipelineError extends Error {
  /** Process exit code the CLI uses: 1 = the run failed, 2 = usage or configuration error (3 = partial, see EXIT_PARTIAL). */
  readonly exitCode: number;
  constructor(message: string, options?: { exitCode?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options?.exitCode ?? 1;
  }
}

/** Bad command-line usage or a configuration file that does not validate. */
export class ConfigError extends PipelineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { exitCode: 2, ...options });
  }
}

/** A source file or endpoint that cannot be read at all (bad rows are quarantined, not thrown). */
export class SourceError extends PipelineError {
  readonly sourceId: string;
  readonly file: string | undefined;
  constructor(sourceId: string, message: string, options?: { file?: string; cause?: unknown }) {
    super(`source ${sourceId}${options?.file ? ` (${options.file})` : ""}: ${message}`, options);
    this.sourceId = sourceId;
    this.file = options?.file;
  }
}

/** A SQL model that fails to build. */
export class ModelError extends PipelineError {
  readonly model: string;
  constructor(model: string, message: string, options?: { cause?: unknown }) {
    super(`model ${model}: ${message}`, options);
    this.model = model;
  }
}

/** A data check that returned failing rows; the run publishes nothing. */
export class CheckError extends PipelineError {
  readonly failures: { check: string; count: number; sample: Record<string, unknown>[]; files?: string[] }[];
  constructor(failures: { check: string; count: number; sample: Record<string, unknown>[]; files?: string[] }[]) {
    const lines = failures.map(
      (f) =>
        `  check ${f.check} failed on ${f.count} row(s)${f.files?.length ? ` from ${f.files.join(", ")}` : ""}, e.g.\n` +
        f.sample.map((r) => `    ${JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? Number(v) : v))}`).join("\n"),
    );
    super(
      `${failures.length} data check(s) failed; nothing was published (the previous warehouse stays in place).\n` +
        `${lines.join("\n")}\n  Fix the source data or the model, then run again. Each check is a query in sql/checks/.`,
    );
    this.failures = failures;
  }
}

/** Another run holds the lock, or the published file cannot be replaced. */
export class LockError extends PipelineError {}

/** A run stopped on request (SIGINT/SIGTERM) between steps: the current step finished or rolled back. */
export class InterruptedError extends PipelineError {}

/** A query of `weici query` that DuckDB refused (a syntax error, an unknown table or column). */
export class QueryError extends PipelineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { exitCode: 2, ...options });
  }
}
