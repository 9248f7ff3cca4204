// One pipeline run: reference data → ingest → models → checks → pages → publish, with a run log in
// meta.runs. Side effects (clock, files, logger, site renderer) are passed in so tests are deterministic.
import { promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalog } from "../sources/catalog.ts";
import { loadRegions } from "../sources/regions.ts";
import { runChecks } from "./checks.ts";
import type { ResolvedConfig } from "./config.ts";
import { DDL } from "./ddl.ts";
import { type IngestSummary, ingestSources } from "./ingest.ts";
import type { Logger } from "./logger.ts";
import { buildModels, discoverModels } from "./models.ts";
import { publishWarehouse } from "./publish.ts";
import { loadReference } from "./reference.ts";
import { Warehouse } from "./warehouse.ts";

export const SQL_DIR = fileURLToPath(new URL("../sql/", import.meta.url));

export type SiteRenderer = (opts: {
  query: <T>(sql: string, params?: unknown[]) => Promise<T[]>;
  outDir: string;
  writeFile: (p: string, content: string) => Promise<void>;
  now: Date;
  scopeProvince?: string;
}) => Promise<{ pages: number }>;

export interface RunDeps {
  logger: Logger;
  now: () => Date;
  readFile?: (p: string) => Promise<Buffer>;
  writeFile?: (p: string, data: string) => Promise<void>;
  renderSite?: SiteRenderer;
  sqlDir?: string;
}

export interface RunSummary {
  runId: number;
  outcome: "ok" | "partial";
  ingest: IngestSummary;
  rowsLoaded: number;
  rowsQuarantined: number;
  modelsBuilt: number;
  checksPassed: number;
  checksWarned: number;
  pagesWritten: number;
  published: string;
  seconds: number;
}

const defaultWrite = async (p: string, data: string) => {
  await fs.mkdir(path.dirname(p), { recursive: true });
  await fs.writeFile(p, data);
};

const ts = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

export async function runPipeline(config: ResolvedConfig, deps: RunDeps): Promise<RunSummary> {
  const t0 = performance.now();
  const { logger } = deps;
  const writeFile = deps.writeFile ?? defaultWrite;
  await fs.mkdir(config.workDir, { recursive: true });
  const wh = await Warehouse.open(path.join(config.workDir, "warehouse.duckdb"), { memoryLimit: config.memoryLimit, threads: config.threads });
  let runId = 0;
  try {
    await wh.exec(DDL);
    runId = (await wh.one<{ id: number }>("select nextval('meta.run_id_seq')::bigint as id"))!.id;
    await wh.exec("insert into meta.runs (run_id, started_at, outcome) values (?, ?::timestamp, 'running')", [runId, ts(deps.now())]);

    logger.info(`run ${runId}: loading reference data`);
    const catalog = loadCatalog();
    await loadReference(wh, { regions: loadRegions(), catalog, runDate: deps.now() });

    logger.info(`run ${runId}: reading ${config.sources.length} source(s)`);
    const ingest = await ingestSources(config.sources, {
      wh, logger, runId, now: deps.now, workDir: config.workDir, catalog,
      readFile: deps.readFile ?? ((p) => fs.readFile(p)), writeFile,
    });
    logger.info(`  files loaded ${ingest.filesLoaded}, unchanged ${ingest.filesUnchanged}, removed ${ingest.filesRemoved}, failed ${ingest.failures.length}`);

    const models = await discoverModels(deps.sqlDir ?? SQL_DIR);
    logger.info(`run ${runId}: building ${models.length} models`);
    const built = await buildModels(wh, models, logger);

    logger.info(`run ${runId}: running data checks`);
    const checks = await runChecks(wh, deps.sqlDir ?? SQL_DIR, logger);

    const counts = (await wh.one<{ loaded: number; quarantined: number }>(
      "select (select count(*) from marts.observations)::bigint as loaded, (select count(*) from marts.quarantine)::bigint as quarantined",
    ))!;

    let pages = 0;
    if (deps.renderSite) {
      logger.info(`run ${runId}: writing pages to ${config.siteDir}`);
      pages = (await deps.renderSite({
        query: (q, p) => wh.all(q, p as never),
        outDir: config.siteDir,
        writeFile,
        now: deps.now(),
        scopeProvince: config.province,
      })).pages;
    }

    const outcome = ingest.failures.length ? "partial" : "ok";
    await wh.exec(
      `update meta.runs set finished_at = ?::timestamp, outcome = ?, rows_loaded = ?, rows_quarantined = ?, models_built = ?,
        checks_passed = ?, pages_written = ?, message = ? where run_id = ?`,
      [ts(deps.now()), outcome, counts.loaded, counts.quarantined, built.built, checks.passed, pages,
        ingest.failures.map((f) => f.message).join("\n") || null, runId],
    );
    logger.info(`run ${runId}: publishing ${config.warehouse}`);
    await publishWarehouse(wh, config.warehouse);
    return {
      runId, outcome, ingest, rowsLoaded: counts.loaded, rowsQuarantined: counts.quarantined, modelsBuilt: built.built,
      checksPassed: checks.passed, checksWarned: checks.warned.length, pagesWritten: pages, published: config.warehouse,
      seconds: (performance.now() - t0) / 1000,
    };
  } catch (e) {
    if (runId) {
      const msg = e instanceof Error ? e.message : String(e);
      await wh.exec("update meta.runs set finished_at = ?::timestamp, outcome = 'failed', message = ? where run_id = ?", [ts(deps.now()), msg, runId]).catch(() => undefined);
    }
    throw e;
  } finally {
    await wh.close();
  }
}
