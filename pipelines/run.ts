// One pipeline run under the run lock: reference data → ingest → models → checks → pages → publish →
// Parquet, each step timed in meta.run_steps, the run in meta.runs. When no input changed since the
// last build (see fingerprint.ts) the models, checks and pages are skipped and only the run log is
// published. Side effects (clock, files, fetch, logger, site renderer, signal) are passed in so tests
// are deterministic.
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { loadCatalog } from "../sources/catalog.ts";
import { type HttpDeps, httpDeps } from "../sources/http-json.ts";
import { loadRegions } from "../sources/regions.ts";
import { clearCheckQuarantine, quarantineCheckRows, runChecks } from "./checks.ts";
import { loadCompositeIndexReference, readCompositeIndexConfig } from "./composite-index.ts";
import type { ResolvedConfig } from "./config.ts";
import { DDL } from "./ddl.ts";
import { CheckError, InterruptedError } from "./errors.ts";
import { filesFingerprint, inputsFingerprint } from "./fingerprint.ts";
import { type IngestSummary, ingestSources } from "./ingest.ts";
import type { Logger } from "./logger.ts";
import { buildModels, discoverModels, recordModelSteps } from "./models.ts";
import { pageWriter } from "./page-writer.ts";
import { projectPath } from "./paths.ts";
import { exportParquet } from "./parquet.ts";
import { noProgress, type Progress } from "./progress.ts";
import { publishedStamp, publishWarehouse, republishReason, removeStaleTemps } from "./publish.ts";
import { sourceFileReader } from "./files.ts";
import { recoverSite, type SiteStage, stageSite } from "./site-publish.ts";
import { explainStorageError } from "./storage.ts";
import { loadReference, referenceInputsHash } from "./reference.ts";
import { acquireRunLock, type LockDeps } from "./run-lock.ts";
import { failRun, finishRun, recoverInterrupted, startRun, writeLastRun } from "./run-log.ts";
import { applyDdl, readState, writeState } from "./state.ts";
import { createSteps, type Steps, type StepTiming } from "./steps.ts";
import { literal, Warehouse } from "./warehouse.ts";

export const SQL_DIR = projectPath("sql/");
/** What pages are made of besides the data: a change here re-renders the pages on an unchanged night. */
const SITE_CODE_DIRS = [projectPath("reports/"), projectPath("config/")];

export type SiteRenderer = (opts: {
  query: <T>(sql: string, params?: unknown[]) => Promise<T[]>;
  outDir: string;
  writeFile: (p: string, content: string) => Promise<void>;
  now: Date;
  scopeProvince?: string;
  /** Also write the office files (workbooks, drafts) under <outDir>/downloads/. */
  officeFiles?: boolean;
}) => Promise<{ pages: number }>;

export interface RunDeps {
  logger: Logger;
  now: () => Date;
  readFile?: (p: string) => Promise<Buffer>;
  writeFile?: (p: string, data: string) => Promise<void>;
  renderSite?: SiteRenderer;
  sqlDir?: string;
  /** A shutdown request (SIGINT/SIGTERM): the run stops before its next step. */
  signal?: AbortSignal;
  /** fetch, sleep, timeouts and environment for http-json sources (defaults: the real ones). */
  http?: Partial<Omit<HttpDeps, "queues" | "signal">>;
  progress?: Progress;
  /**
   * Test hook called at each step and named point; the CLI crashes there when WEICI_FAIL_AT names it.
   * Points besides the step names: lock:tmp-written, lock, run:started, ingest:<kind>, ingest:decoded,
   * ingest:removed, model:<schema.table>, checks:passed, site:mid-pages, run-log:finished, publish:*
   * (publish:renamed: the new file is in place, the state not yet recorded), site:swap, site:swapped,
   * parquet:tmp-written, parquet:file-<n>, last-run:tmp-written.
   */
  crashAt?: (point: string) => void;
  /** Rebuild models, checks and pages even when no input changed. */
  force?: boolean;
  /** DuckDB memory_limit while pages are rendered (default SITE_MEMORY_LIMIT). */
  siteMemoryLimit?: string;
  lock?: LockDeps;
}

export interface RunSummary {
  runId: number;
  outcome: "ok" | "partial";
  /** What made the run partial: each failed file's error and each data check that left rows out. */
  leftOut: string[];
  ingest: IngestSummary;
  rowsLoaded: number;
  rowsQuarantined: number;
  /** "unchanged": no input changed, so models, checks and pages were skipped. */
  build: "built" | "unchanged";
  modelsBuilt: number;
  checksPassed: number;
  checksWarned: number;
  pagesWritten: number;
  pagesUnchanged: number;
  published: string;
  parquetFiles: number;
  steps: StepTiming[];
  seconds: number;
}

/** Views whose Parquet files change on every run, even when the data does not. */
const RUN_LOG_VIEWS = ["runs", "run_steps", "loads"];

const defaultWrite = async (p: string, data: string) => {
  await fs.mkdir(path.dirname(p), { recursive: true });
  await fs.writeFile(p, data);
};

const exists = (p: string) => fs.stat(p).then(() => true, () => false);

export async function runPipeline(config: ResolvedConfig, deps: RunDeps): Promise<RunSummary> {
  const t0 = performance.now();
  const lock = await acquireRunLock(config.workDir, { now: deps.now, crashAt: deps.crashAt, ...deps.lock });
  if (lock.tookOver) deps.logger.warn(`took over the lock of pid ${lock.tookOver.pid} (started ${lock.tookOver.started_at}): that process is gone`);
  deps.crashAt?.("lock");
  try {
    return await runLocked(config, deps, t0);
  } catch (e) {
    // A full disk or an unwritable folder: name the path and what to do, not a bare errno.
    throw explainStorageError(e);
  } finally {
    await lock.release();
  }
}

async function runLocked(config: ResolvedConfig, deps: RunDeps, t0: number): Promise<RunSummary> {
  const { logger } = deps;
  const sqlDir = deps.sqlDir ?? SQL_DIR;
  const progress = deps.progress ?? noProgress;
  const writeFile = deps.writeFile ?? defaultWrite;
  const started = deps.now();
  const wh = await Warehouse.open(path.join(config.workDir, "warehouse.duckdb"), { memoryLimit: config.memoryLimit, threads: config.threads });
  let runId = 0;
  /** The site written this run, swapped in after the publish, and the inputs it was built from. */
  let site: SiteStage | undefined;
  let siteBuilt = "";
  try {
    for (const line of await recoverSite(config.siteDir)) logger.warn(`site: ${line} (left by an interrupted run)`);
    await applyDdl(wh, DDL, deps.now());
    const state = await readState(wh);
    await recoverInterrupted(wh, state.has("published_run") ? Number(state.get("published_run")) : undefined, logger);
    runId = await startRun(wh, started);
    deps.crashAt?.("run:started");
    const steps = createSteps({ wh, runId, logger, now: deps.now, signal: deps.signal, crashAt: deps.crashAt });
    const remember = (entries: Record<string, string>) => writeState(wh, entries, deps.now());
    const counted = async <T>(fn: () => Promise<T>) => {
      try {
        return await fn();
      } finally {
        progress.end();
      }
    };

    logger.info(`run ${runId}: loading reference data`);
    const catalog = loadCatalog();
    await steps.run("reference", async () => {
      const input = { regions: loadRegions(), catalog, runDate: deps.now(), settings: { sources: config.sources, yoyTolerancePp: config.yoyTolerancePp } };
      const hash = referenceInputsHash(input);
      const same = hash === state.get("reference_inputs");
      if (!same) {
        await loadReference(wh, input);
        await remember({ reference_inputs: hash });
      }
      // The composite index's settings likewise: replacing its two tables every night was catalog
      // writes the file then saved at close.
      const index = readCompositeIndexConfig(catalog);
      const indexHash = createHash("sha256").update(JSON.stringify(index)).digest("hex");
      if (indexHash !== state.get("composite_index_inputs")) {
        await loadCompositeIndexReference(wh, index, catalog);
        await remember({ composite_index_inputs: indexHash });
      }
      return same ? "unchanged" : "reloaded";
    }, (d) => d);

    logger.info(`run ${runId}: reading ${config.sources.length} source(s)`);
    const ingest = await steps.run("ingest", () => counted(() => ingestSources(config.sources, {
      wh, logger, runId, now: deps.now, workDir: config.workDir, catalog, crashAt: deps.crashAt, rehash: deps.force,
      readFile: deps.readFile ?? sourceFileReader(config.sources), writeFile,
      http: httpDeps({ onRetry: (m) => logger.warn(m), ...deps.http, signal: deps.signal }),
      progress: (id, done, total) => progress.update(`  reading ${id}`, done + 1, total),
    })), (s) => `loaded ${s.filesLoaded}, unchanged ${s.filesUnchanged}, removed ${s.filesRemoved}, failed ${s.failures.length}`);
    logger.info(`  files loaded ${ingest.filesLoaded}, unchanged ${ingest.filesUnchanged}, removed ${ingest.filesRemoved}, failed ${ingest.failures.length}`);

    const inputs = await steps.run("plan", () => inputsFingerprint(wh, { sqlDir, extra: [DDL, config.province ?? ""] }),
      (h) => (h === state.get("models_inputs") ? "no input changed" : "inputs changed"));
    const rebuild = deps.force === true || state.get("models_inputs") !== inputs;
    let built = 0;
    let checks = { passed: 0, warned: 0 };
    if (rebuild) {
      // Forget the last build first: if this one fails half-way, the tables match no inputs and the next run rebuilds.
      await remember({ models_inputs: "" });
      const models = await discoverModels(sqlDir);
      // Rows a source check left out last time are checked again: the models are built whole without that list.
      const leftOutBefore = await clearCheckQuarantine(wh);
      logger.info(`run ${runId}: building ${models.length} models`);
      const modelsStarted = deps.now();
      const build = await steps.run("models", () => counted(() => buildModels(wh, models, logger, (d, t, name) => {
        progress.update("  models", d, t);
        deps.crashAt?.(`model:${name}`);
      }, { full: deps.force || leftOutBefore })),
        (b) => `${b.built} models`);
      built = build.built;
      await recordModelSteps(wh, runId, modelsStarted, build.timings);
      logger.info(`run ${runId}: running data checks`);
      let c = await steps.run("checks", () => runChecks(wh, sqlDir, logger), (r) => `${r.passed} passed, ${r.warned.length} warned, ${r.sourceFailed.length} quarantining rows`);
      if (c.sourceFailed.length) {
        // Source data failed a check: its rows are quarantined with the check's name and the rest is published.
        const n = await quarantineCheckRows(wh, sqlDir, c.sourceFailed);
        for (const f of c.sourceFailed) logger.warn(`check ${f.check} failed on ${f.count} row(s) from ${f.files.join(", ")}: quarantined, the rest is published`);
        await steps.run("models-again", () => buildModels(wh, models, logger, () => undefined, { full: true }), () => `${n} row(s) left out by data checks`);
        c = await steps.run("checks-again", () => runChecks(wh, sqlDir, logger), (r) => `${r.passed} passed`);
        // Leaving rows out must settle a source check; if it does not, the check is no guard of source rows.
        if (c.sourceFailed.length) throw new CheckError(c.sourceFailed);
      }
      checks = { passed: c.passed, warned: c.warned.length };
      deps.crashAt?.("checks:passed");
      await remember({ models_inputs: inputs });
    } else {
      logger.info(`run ${runId}: no input changed since the last build; models, checks and pages are up to date`);
      await steps.skip("models", "no input changed");
      await steps.skip("checks", "no input changed");
    }
    const counts = (await wh.one<{ loaded: number; quarantined: number }>(
      "select (select count(*) from marts.observations)::bigint as loaded, (select count(*) from marts.quarantine)::bigint as quarantined",
    ))!;

    const pages = { written: 0, unchanged: 0 };
    if (deps.renderSite) {
      const renderSite = deps.renderSite;
      const siteInputs = `${inputs}:${await filesFingerprint(SITE_CODE_DIRS, [".ts", ".json", ".css"])}`;
      if (!rebuild && state.get("site_inputs") === siteInputs && (await exists(path.join(config.siteDir, "index.html")))) {
        await steps.skip("site", "no input changed");
      } else {
        logger.info(`run ${runId}: writing pages to ${config.siteDir}`);
        await remember({ site_inputs: "" });
        // Pages go to a copy of the site that replaces it as a whole after the publish (site-publish.ts).
        const stage = (site = await stageSite(config.siteDir, { write: writeFile, crashAt: deps.crashAt }));
        const writer = pageWriter(stage.writeFile, undefined, (n) => {
          progress.update("  pages", n);
          if (n === 20) deps.crashAt?.("site:mid-pages");
        });
        const render = () => renderSite({
          query: (q, p) => wh.all(q, p as never), outDir: stage.dir, writeFile: writer.writeFile, now: deps.now(), scopeProvince: config.province, officeFiles: true,
        });
        const siteLimit = deps.siteMemoryLimit ?? SITE_MEMORY_LIMIT;
        await steps.run("site", () => counted(async () => {
          try {
            await wh.exec(`set memory_limit = ${literal(siteLimit)}`);
            return await render();
          } catch (e) {
            if (!/Out of Memory Error/i.test((e as Error).message)) throw e;
            // Bigger data than this limit was chosen for: slower and heavier, but the pages get made.
            logger.warn(`pages could not be rendered within ${siteLimit} of DuckDB memory; rendering them again with ${config.memoryLimit}`);
            await wh.exec(`set memory_limit = ${literal(config.memoryLimit)}`);
            return await render();
          } finally {
            await wh.exec(`set memory_limit = ${literal(config.memoryLimit)}`);
          }
        }), () => `${writer.written} written, ${writer.unchanged} unchanged`);
        Object.assign(pages, { written: writer.written, unchanged: writer.unchanged });
        siteBuilt = siteInputs;
      }
    }

    const leftOut = await wh.all<{ check_name: string; n: number; files: string }>(
      `select q.check_name, count(*)::bigint as n, string_agg(distinct l.file, ', ' order by l.file) as files
       from meta.check_quarantine q join meta.loads l using (load_id) group by all order by 1`);
    const outcome = ingest.failures.length || leftOut.length ? "partial" : "ok";
    const leftOutLines = [
      ...ingest.failures.map((f) => f.message),
      ...leftOut.map((q) => `check ${q.check_name}: ${q.n} row(s) of ${q.files} quarantined`),
    ];
    const message = leftOutLines.join("\n") || null;
    await finishRun(wh, runId, {
      finished: deps.now(), outcome, rowsLoaded: counts.loaded, rowsQuarantined: counts.quarantined, modelsBuilt: built,
      checksPassed: checks.passed, pagesWritten: pages.written, filesLoaded: ingest.filesLoaded, filesUnchanged: ingest.filesUnchanged,
      filesFailed: ingest.failures.length, build: rebuild ? "built" : "unchanged", inputsHash: inputs, message,
    });
    deps.crashAt?.("run-log:finished");
    const stamp = state.get("published_stamp");
    const changed = rebuild || state.get("published_inputs") !== inputs || stamp === undefined || stamp !== (await publishedStamp(config.warehouse));
    const why = changed ? undefined : await republishReason(wh, config.warehouse);
    if (why) logger.warn(`publishing a full copy although no input changed: ${why}`);
    const stale = await removeStaleTemps(config.warehouse);
    if (stale.length) logger.warn(`removed ${stale.join(", ")} left by an interrupted run`);
    if (changed || why) {
      logger.info(`run ${runId}: publishing ${config.warehouse}`);
      await steps.run("publish", async () => {
        await publishWarehouse(wh, config.warehouse, { crashAt: deps.crashAt });
        return "full copy";
      }, (d) => d);
    } else {
      // The published file already holds this data: this run's log goes to the run-log Parquet files.
      logger.info(`run ${runId}: ${config.warehouse} is current (no input changed); this run is in the run log (Parquet, weici status)`);
      await steps.skip("publish", "unchanged: the published warehouse holds this data");
    }
    deps.crashAt?.("publish:renamed");
    await remember({ published_inputs: inputs, published_run: String(runId), published_stamp: (await publishedStamp(config.warehouse)) ?? "" });
    if (site) {
      await site.commit();
      site = undefined;
      await remember({ site_inputs: siteBuilt });
    }
    if (config.outboxDir && deps.renderSite) {
      const { copyToOutbox } = await import("../reports/office/outbox.ts");
      const n = await copyToOutbox(config.siteDir, config.outboxDir);
      if (n) logger.info(`run ${runId}: ${n} workbooks and drafts in ${config.outboxDir}`);
    }

    const allViews = rebuild || state.get("parquet_inputs") !== inputs;
    if (allViews) await remember({ parquet_inputs: "" });
    const parquetFiles = await exportViews(wh, config, deps, steps, allViews, () => remember({ parquet_inputs: inputs }));
    await writeLastRun(config.workDir, { run_id: runId, started_at: started.toISOString(), finished_at: deps.now().toISOString(), outcome, published: true, message }, deps.crashAt);
    return {
      runId, outcome, leftOut: leftOutLines, ingest, rowsLoaded: counts.loaded, rowsQuarantined: counts.quarantined, build: rebuild ? "built" : "unchanged",
      modelsBuilt: built, checksPassed: checks.passed, checksWarned: checks.warned, pagesWritten: pages.written, pagesUnchanged: pages.unchanged,
      published: config.warehouse, parquetFiles, steps: steps.timings, seconds: (performance.now() - t0) / 1000,
    };
  } catch (caught) {
    const e = explainStorageError(caught);
    await site?.discard().catch(() => undefined);
    if (runId) {
      const outcome = e instanceof InterruptedError ? "interrupted" : "failed";
      const msg = e instanceof Error ? e.message : String(e);
      await failRun(wh, runId, deps.now(), outcome, msg).catch(() => undefined);
      await writeLastRun(config.workDir, {
        run_id: runId, started_at: started.toISOString(), finished_at: deps.now().toISOString(), outcome, published: false, message: msg,
      }).catch(() => undefined);
    }
    throw e;
  } finally {
    await wh.close();
  }
}

/**
 * DuckDB's memory while pages are rendered: their queries read one province at a time, and with the
 * build's limit DuckDB kept up to 1 GB of the warehouse cached beside the render workers (national
 * site: 2.0 GB peak against 0.9 GB).
 */
export const SITE_MEMORY_LIMIT = "384MB";

/** Parquet after the publish: a failure here leaves the published warehouse in place and is retried next run. */
async function exportViews(wh: Warehouse, config: ResolvedConfig, deps: RunDeps, steps: Steps, all: boolean, done: () => Promise<void>): Promise<number> {
  if (!config.parquet) {
    await steps.skip("parquet", "off in the configuration (parquet: false)");
    return 0;
  }
  try {
    const files = await steps.run("parquet", () => exportParquet(wh, config.parquetDir, all ? undefined : RUN_LOG_VIEWS, deps.crashAt), (f) => `${f.length} files`);
    await done();
    return files.length;
  } catch (e) {
    deps.logger.warn(`could not export Parquet to ${config.parquetDir}: ${(e as Error).message.split("\n")[0]}; the warehouse is published, the next run exports again`);
    return 0;
  }
}
