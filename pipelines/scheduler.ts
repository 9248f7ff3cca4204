// The nightly schedule behind `weici schedule`: node-cron calls the job at the configured time and
// zone. Runs never overlap: a tick that finds a run still going is skipped and logged. stop() ends
// the schedule and asks the current run to stop before its next step, then waits for it.
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "./logger.ts";

export interface SchedulerOptions {
  cron: string;
  timezone: string;
  /** One run of the job; the signal asks it to stop early. Resolves to a one-line summary. */
  runOnce: (signal: AbortSignal) => Promise<string>;
  logger: Logger;
  /** node-cron's createTask (tests may pass their own). */
  createTask?: typeof cron.createTask;
}

export interface Scheduler {
  /** What node-cron calls at each tick; callable directly (tests, `--now`). */
  tick(): Promise<"ran" | "skipped" | "stopped">;
  start(): Promise<void>;
  stop(reason?: string): Promise<void>;
  nextRun(): Date | undefined;
  readonly running: boolean;
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { logger } = opts;
  const controller = new AbortController();
  let current: Promise<void> | undefined;
  let task: ScheduledTask | undefined;
  const nextRun = () => task?.getNextRuns(1)[0];
  const local = new Intl.DateTimeFormat("sv-SE", { timeZone: opts.timezone, dateStyle: "short", timeStyle: "medium" });
  const when = () => {
    const d = nextRun();
    return d ? `${local.format(d)} ${opts.timezone} (${opts.cron})` : "not scheduled";
  };
  const skipped = () => logger.warn(`tick at ${new Date().toISOString()} skipped: the previous run is still going`);

  const tick = async (): Promise<"ran" | "skipped" | "stopped"> => {
    if (controller.signal.aborted) return "stopped";
    if (current) {
      skipped();
      return "skipped";
    }
    current = opts.runOnce(controller.signal).then(
      (line) => logger.info(`${line}; next run ${when()}`),
      (e: unknown) => logger.warn(`scheduled run failed: ${e instanceof Error ? e.message : String(e)}; next run ${when()}`),
    );
    try {
      await current;
    } finally {
      current = undefined;
    }
    return "ran";
  };

  task = (opts.createTask ?? cron.createTask)(opts.cron, () => tick(), {
    timezone: opts.timezone,
    name: "weici",
    noOverlap: true,
    // node-cron's own lines go to debug: ours say the same thing in the project's words.
    logger: { info: (m) => logger.debug(String(m)), warn: (m) => logger.debug(String(m)), error: (m) => logger.debug(String(m)), debug: () => {} },
  });
  task.on("execution:overlap", () => skipped());

  return {
    tick,
    nextRun,
    async start() {
      await task!.start();
      logger.info(`weici schedule: next run ${when()}; Ctrl-C or SIGTERM stops it`);
    },
    async stop(reason = "the schedule was stopped") {
      await task!.stop();
      controller.abort(new Error(reason));
      await current;
      await task!.destroy();
    },
    get running() {
      return current !== undefined;
    },
  };
}
