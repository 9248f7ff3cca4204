// work_dir/scheduler.json: written by `weici schedule` while it runs, read by `weici status` to say
// whether a scheduler is up. Kept apart from the schedule command so status loads none of the run.
import { promises as fs } from "node:fs";
import path from "node:path";

export interface SchedulerState {
  pid: number;
  host: string;
  started_at: string;
  cron: string;
  timezone: string;
}

export const schedulerStatePath = (workDir: string) => path.join(workDir, "scheduler.json");

export async function readSchedulerState(workDir: string): Promise<SchedulerState | undefined> {
  const text = await fs.readFile(schedulerStatePath(workDir), "utf8").catch(() => undefined);
  try {
    return text === undefined ? undefined : (JSON.parse(text) as SchedulerState);
  } catch {
    return undefined;
  }
}
