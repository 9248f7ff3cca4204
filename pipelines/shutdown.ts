// Turns SIGINT/SIGTERM into an AbortSignal for the run: the first one lets the current step finish
// (or roll back) and stops before the next, so no file is left torn; a second one exits at once,
// which is still safe (DuckDB recovers its working file, the published file is only ever renamed).
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

/** The crash hook behind WEICI_FAIL_AT=<step or point>: kills the process there, as a power cut would. */
export function crashHook(point: string | undefined): ((at: string) => void) | undefined {
  if (!point) return undefined;
  return (at) => {
    if (at === point) process.kill(process.pid, "SIGKILL");
  };
}
