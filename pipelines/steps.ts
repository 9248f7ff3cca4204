// Runs the steps of one run: stops before a step when a shutdown was requested, times each step and
// records it in meta.run_steps (with its error), and offers the crash hook tests use (WEICI_FAIL_AT).
import { InterruptedError, PipelineError } from "./errors.ts";
import type { Logger } from "./logger.ts";
import type { Warehouse } from "./warehouse.ts";

export interface StepTiming {
  step: string;
  ms: number;
  detail: string | null;
}

export interface StepsContext {
  wh: Warehouse;
  runId: number;
  logger: Logger;
  now: () => Date;
  signal?: AbortSignal;
  /** Called at the start of each step with its name (and at named points inside steps). */
  crashAt?: (point: string) => void;
}

const ts = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

export function createSteps(ctx: StepsContext) {
  const timings: StepTiming[] = [];
  const record = async (step: string, started: Date, ms: number, detail: string | null, error: string | null) => {
    timings.push({ step, ms, detail });
    // The log is a convenience: failing to write it must not hide the step's own outcome.
    await ctx.wh.exec("insert into meta.run_steps values (?, ?, ?::timestamp, ?, ?, ?)", [ctx.runId, step, ts(started), ms, detail, error])
      .catch((e: Error) => ctx.logger.debug(`could not record step ${step}: ${e.message}`));
  };
  const interrupted = (step: string, where: "before" | "during") => {
    const why = ctx.signal?.reason instanceof Error ? ctx.signal.reason.message : String(ctx.signal?.reason ?? "a shutdown request");
    return new InterruptedError(`run ${ctx.runId} stopped (${why}) ${where} step ${step}; nothing new was published and the next run picks up from here`);
  };
  return {
    timings,
    /** Runs one step; `describe` turns its result into the detail stored in meta.run_steps. */
    async run<T>(step: string, fn: () => Promise<T>, describe?: (out: T) => string | null): Promise<T> {
      if (ctx.signal?.aborted) throw interrupted(step, "before");
      ctx.crashAt?.(step);
      const started = ctx.now();
      const t0 = performance.now();
      try {
        const out = await fn();
        await record(step, started, performance.now() - t0, describe?.(out) ?? null, null);
        return out;
      } catch (e) {
        // An abort that surfaces as a library error (fetch's AbortError) is still an interruption.
        const err = ctx.signal?.aborted && !(e instanceof PipelineError) ? interrupted(step, "during") : e;
        await record(step, started, performance.now() - t0, null, err instanceof Error ? err.message : String(err));
        throw err;
      }
    },
    async skip(step: string, why: string): Promise<void> {
      await record(step, ctx.now(), 0, `skipped: ${why}`, null);
    },
  };
}

export type Steps = ReturnType<typeof createSteps>;
