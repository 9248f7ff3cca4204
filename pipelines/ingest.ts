// Lands every configured source's files in the raw schema. A file whose content hash is unchanged is
// skipped; a changed file replaces what it loaded before in one transaction; a file that cannot be
// read fails alone (its earlier rows stay) while the other files and sources load.
import { createHash } from "node:crypto";
import path from "node:path";
import { planCsv } from "../sources/csv.ts";
import { type HeaderSpec, PEER_GROUP_HEADERS, SUBMISSION_HEADERS, TARGET_HEADERS } from "../sources/headers.ts";
import type { RejectedRow } from "../sources/rows.ts";
import { readXlsx } from "../sources/xlsx.ts";
import type { SourceConfig } from "./config.ts";
import { RAW_PEER_GROUP_COLUMNS, RAW_SUBMISSION_COLUMNS, RAW_TARGET_COLUMNS } from "./ddl.ts";
import { PipelineError } from "./errors.ts";
import { listFiles } from "./files.ts";
import { loadCsv } from "./load-csv.ts";
import type { Logger } from "./logger.ts";
import type { Warehouse } from "./warehouse.ts";

export interface IngestDeps {
  wh: Warehouse;
  logger: Logger;
  runId: number;
  now: () => Date;
  workDir: string;
  readFile: (p: string) => Promise<Buffer>;
  writeFile: (p: string, data: string) => Promise<void>;
}

export interface IngestSummary {
  sources: number;
  filesLoaded: number;
  filesUnchanged: number;
  filesRemoved: number;
  rowsLanded: number;
  failures: { sourceId: string; file: string; message: string }[];
}

type Source = SourceConfig & { absDir: string };

const TABLES = {
  csv: { table: "submission_rows", fields: RAW_SUBMISSION_COLUMNS, spec: SUBMISSION_HEADERS },
  xlsx: { table: "submission_rows", fields: RAW_SUBMISSION_COLUMNS, spec: SUBMISSION_HEADERS },
  "targets-csv": { table: "target_rows", fields: RAW_TARGET_COLUMNS, spec: TARGET_HEADERS },
  "peer-groups-csv": { table: "peer_group_rows", fields: RAW_PEER_GROUP_COLUMNS, spec: PEER_GROUP_HEADERS },
} as const;

const ts = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

export async function ingestSources(sources: readonly Source[], deps: IngestDeps): Promise<IngestSummary> {
  const summary: IngestSummary = { sources: sources.length, filesLoaded: 0, filesUnchanged: 0, filesRemoved: 0, rowsLanded: 0, failures: [] };
  for (const source of sources) {
    const files = await listFiles(source.absDir, source.pattern);
    if (files.length === 0) deps.logger.warn(`source ${source.id}: no files match ${source.pattern} in ${source.absDir}`);
    const known = new Map(
      (await deps.wh.db.selectFrom("meta.files").select(["file", "content_hash"]).where("source_id", "=", source.id).execute()).map((r) => [r.file, r.content_hash]),
    );
    for (const file of files) {
      try {
        const buf = await deps.readFile(path.join(source.absDir, file));
        const hash = createHash("sha256").update(buf).digest("hex");
        if (known.get(file) === hash) {
          summary.filesUnchanged++;
          continue;
        }
        const rows = await loadFile(source, file, buf, hash, deps);
        summary.filesLoaded++;
        summary.rowsLanded += rows;
        deps.logger.debug(`loaded ${source.id}/${file}: ${rows} rows`);
      } catch (e) {
        if (!(e instanceof PipelineError)) throw e;
        summary.failures.push({ sourceId: source.id, file, message: e.message });
        deps.logger.warn(e.message);
        await recordFailure(source, file, e.message, deps);
      }
    }
    const listed = new Set(files);
    for (const gone of [...known.keys()].filter((f) => !listed.has(f))) {
      await removeFile(source, gone, deps);
      summary.filesRemoved++;
    }
  }
  return summary;
}

async function nextLoadId(deps: IngestDeps): Promise<number> {
  const r = await deps.wh.one<{ id: number }>("select nextval('meta.load_id_seq')::bigint as id");
  return r!.id;
}

async function clearFile(source: Source, file: string, deps: IngestDeps): Promise<void> {
  const { table } = TABLES[source.kind];
  await deps.wh.exec(`delete from raw.${table} where source_id = ? and file = ?`, [source.id, file]);
  await deps.wh.exec("delete from raw.source_quarantine where source_id = ? and file = ?", [source.id, file]);
}

async function loadFile(source: Source, file: string, buf: Buffer, hash: string, deps: IngestDeps): Promise<number> {
  const { table, fields, spec } = TABLES[source.kind];
  const loadId = await nextLoadId(deps);
  const load = { loadId, sourceId: source.id, file, regionScope: source.region_scope ?? null };
  // Parse before the transaction: a file that cannot be read must not touch what it loaded before.
  const parsed =
    source.kind === "xlsx"
      ? { kind: "rows" as const, ...(await readXlsx(buf, { sourceId: source.id, file })) }
      : { kind: "csv" as const, plan: planCsv(buf, { sourceId: source.id, file, encoding: source.encoding, spec: spec as HeaderSpec<string> }) };
  let utf8Path = path.join(source.absDir, file);
  if (parsed.kind === "csv" && parsed.plan.utf8Text !== undefined) {
    utf8Path = path.join(deps.workDir, "decoded", `${hash}.csv`);
    await deps.writeFile(utf8Path, parsed.plan.utf8Text);
  }
  return deps.wh.transaction(async () => {
    await clearFile(source, file, deps);
    let rows: number;
    let rejected: RejectedRow[] = [];
    if (parsed.kind === "csv") {
      // A unit written in the value header, 数值(亿元), applies to every row without a unit of its own.
      const headerUnit = parsed.plan.match.units.value ?? parsed.plan.match.units.target_value;
      const defaults = headerUnit ? { unit: headerUnit } : undefined;
      const res = await loadCsv(deps.wh, utf8Path, parsed.plan, { table, fields: fields as readonly string[], load, defaults });
      rows = res.rows;
    } else {
      rows = await deps.wh.append(
        "raw",
        table,
        parsed.rows.map((r) => [loadId, source.id, file, r.sheet, r.row_number, load.regionScope, ...RAW_SUBMISSION_COLUMNS.map((c) => r[c]), r.raw]),
      );
      rejected = parsed.rejected;
    }
    await deps.wh.append("raw", "source_quarantine", rejected.map((r) => [loadId, source.id, file, r.sheet, r.row_number, r.field, r.reason, r.raw]));
    await deps.wh.exec("insert or replace into meta.files values (?, ?, ?, ?)", [source.id, file, hash, loadId]);
    await deps.wh.exec("insert into meta.loads values (?, ?, ?, ?, ?, ?::timestamp, ?, 'loaded', null)", [
      loadId, deps.runId, source.id, file, hash, ts(deps.now()), rows,
    ]);
    return rows;
  });
}

async function recordFailure(source: Source, file: string, message: string, deps: IngestDeps): Promise<void> {
  const loadId = await nextLoadId(deps);
  await deps.wh.transaction(async () => {
    await deps.wh.exec("delete from raw.source_quarantine where source_id = ? and file = ? and row_number is null", [source.id, file]);
    await deps.wh.append("raw", "source_quarantine", [[loadId, source.id, file, null, null, "file", message, null]]);
    await deps.wh.exec("insert into meta.loads values (?, ?, ?, ?, null, ?::timestamp, 0, 'failed', ?)", [
      loadId, deps.runId, source.id, file, ts(deps.now()), message,
    ]);
  });
}

async function removeFile(source: Source, file: string, deps: IngestDeps): Promise<void> {
  const loadId = await nextLoadId(deps);
  await deps.wh.transaction(async () => {
    await clearFile(source, file, deps);
    await deps.wh.exec("delete from meta.files where source_id = ? and file = ?", [source.id, file]);
    await deps.wh.exec("insert into meta.loads values (?, ?, ?, ?, null, ?::timestamp, 0, 'removed', null)", [
      loadId, deps.runId, source.id, file, ts(deps.now()),
    ]);
  });
}
