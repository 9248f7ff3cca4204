// `weici schedule`: keeps running and runs the job at the configured time (default 02:30
// Asia/Shanghai). work_dir/scheduler.json tells `weici status` that a scheduler is up. SIGINT/SIGTERM
// stop the schedule; a run in progress finishes its current step first.
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ResolvedConfig } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { Progress } from "../progress.ts";
import { runPipeline, type SiteRenderer } from "../run.ts";
import { createScheduler } from "../scheduler.ts";
import { type SchedulerState, schedulerStatePath as statePath } from "../scheduler-state.ts";

export async function scheduleCommand(
  config: ResolvedConfig,
  deps: { logger: Logger; renderSite?: SiteRenderer; progress?: Progress; proc?: NodeJS.Process },
): Promise<number> {
  const proc = deps.proc ?? process;
  const scheduler = createScheduler({
    cron: config.schedule.cron,
    timezone: config.schedule.timezone,
    logger: deps.logger,
    runOnce: async (signal) => {
      const s = await runPipeline(config, { logger: deps.logger, now: () => new Date(), renderSite: deps.renderSite, signal, progress: deps.progress });
      // A partial night keeps the schedule going (the next night may be whole) but is said loudly.
      if (s.outcome === "partial") deps.logger.warn(`run ${s.runId} is PARTIAL: published without\n  ${s.leftOut.map((m) => m.split("\n")[0]).join("\n  ")}`);
      return `run ${s.runId}: ${s.outcome}, ${s.build}, ${s.rowsLoaded} observations, ${s.rowsQuarantined} quarantined, ${s.seconds.toFixed(1)} s`;
    },
  });
  await fs.mkdir(config.workDir, { recursive: true });
  const state: SchedulerState = { pid: proc.pid, host: os.hostname(), started_at: new Date().toISOString(), cron: config.schedule.cron, timezone: config.schedule.timezone };
  await fs.writeFile(statePath(config.workDir), `${JSON.stringify(state, null, 2)}\n`);
  await scheduler.start();
  await new Promise<void>((resolve) => {
    let stopping = false;
    const handler = (sig: NodeJS.Signals) => {
      if (stopping) {
        deps.logger.warn(`${sig} again: stopping now`);
        proc.exit(130);
      }
      stopping = true;
      deps.logger.warn(`${sig}: stopping the schedule${scheduler.running ? " after the current step of the run in progress" : ""}`);
      void scheduler.stop(`${sig} received`).then(resolve);
    };
    proc.on("SIGINT", handler);
    proc.on("SIGTERM", handler);
  });
  await fs.rm(statePath(config.workDir), { force: true });
  return 0;
}
