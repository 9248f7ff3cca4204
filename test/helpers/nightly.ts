// Shared setup of the nightly-operation tests: a fresh copy of test/fixtures/nightly with extra
// sources, fixed clocks and run deps with an in-memory logger.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../../pipelines/config.ts";
import { memoryLogger } from "../../pipelines/logger.ts";
import type { RunDeps } from "../../pipelines/run.ts";
import { copyFixture } from "./fixture.ts";

export const T1 = new Date("2026-07-10T18:30:00Z");
export const T2 = new Date("2026-07-11T18:30:00Z");
export const T3 = new Date("2026-07-12T18:30:00Z");

export function setupNightly(extraSources: unknown[] = []) {
  const dir = copyFixture("nightly");
  const file = path.join(dir, "weici.config.json");
  const json = JSON.parse(readFileSync(file, "utf8"));
  json.sources.push(...extraSources);
  writeFileSync(file, JSON.stringify(json));
  return { dir, config: loadConfig(file) };
}

export const runDeps = (now: Date, over: Partial<RunDeps> = {}): RunDeps => ({ logger: memoryLogger(), now: () => now, ...over });

/** Rewrites 滨江区's 2026 file with one figure: 技术合同成交额 for 2026-06. */
export const writeBinjiang = (dir: string, value: number) =>
  writeFileSync(path.join(dir, "history", "330108-滨江区-2026.csv"), `地区代码,地区名称,指标名称,计量单位,年份,月份,数值\n330108,滨江区,技术合同成交额,亿元,2026,6,${value}\n`);
