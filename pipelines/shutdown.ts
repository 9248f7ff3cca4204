// Turns SIGINT/SIGTERM into an AbortSignal for the run: the first one lets the current step finish
// (or roll back) and stops before the next, so no file is left torn; a second one exits at once,
// which is still safe (DuckDB recovers its working file, the published file is only ever renamed).
import { existsSync } from "node:fs";
import type { Logger } from "./logger.ts";

export interface Shutdown {
  signal: AbortSignal;
  dispose(): void;
}

export function onShutdown(logger: Logger, proc: NodeJS.Process = process): Shutdown {
  const controller = new AbortController();
  const handler = (sig: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      logger.warn(`${sig} again: stopping now`);
      proc.exit(130);
    }
    logger.warn(`${sig}: finishing the current step, then stopping (send ${sig} again to stop at once)`);
    controller.abort(new Error(`${sig} received`));
  };
  proc.on("SIGINT", handler);
  proc.on("SIGTERM", handler);
  return {
    signal: controller.signal,
    dispose: () => {
      proc.off("SIGINT", handler);
      proc.off("SIGTERM", handler);
    },
  };
}

/**
 * Test hooks behind environment variables, called at each step and named point of a run:
 * WEICI_FAIL_AT=<point> kills the process there with SIGKILL, as a power cut would;
 * WEICI_PAUSE_AT=<point> with WEICI_RESUME_FILE=<file> stops there (saying so on stderr) until that
 * file exists, so a test can act while a run is at a known point (e.g. holding the run lock).
 */
export function crashHook(point: string | undefined, env: NodeJS.ProcessEnv = process.env): ((at: string) => void) | undefined {
  const pauseAt = env.WEICI_PAUSE_AT;
  const resume = env.WEICI_RESUME_FILE;
  if (!point && !(pauseAt && resume)) return undefined;
  return (at) => {
    if (at === point) process.kill(process.pid, "SIGKILL");
    if (pauseAt && resume && at === pauseAt) {
      process.stderr.write(`weici: paused at ${at} (pid ${process.pid}) until ${resume} exists\n`);
      // Blocks the event loop on purpose: nothing of the run may move while it is paused.
      const cell = new Int32Array(new SharedArrayBuffer(4));
      while (!existsSync(resume)) Atomics.wait(cell, 0, 0, 20);
    }
  };
}
