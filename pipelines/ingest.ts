// Lands every configured source's files in the raw schema. A file whose content hash is unchanged is
// skipped; a changed file replaces what it loaded before in one transaction; a file that cannot be
// read fails alone (its earlier rows stay) while the other files and sources load.
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import type { CsvPlan, CsvScan } from "../sources/csv.ts";
import { type HeaderSpec, PEER_GROUP_HEADERS, SUBMISSION_HEADERS, TARGET_HEADERS } from "../sources/headers.ts";
import type { SourceRows, SubmissionRow } from "../sources/rows.ts";
import type { IndicatorCatalog } from "../sources/catalog.ts";
import { sidecarPath } from "../sources/report-text/sidecar-path.ts";
import { fetchHttpSource, type HttpDeps, httpSourceFile } from "../sources/http-json.ts";
import type { SourceConfig } from "./config.ts";
import { RAW_PEER_GROUP_COLUMNS, RAW_SUBMISSION_COLUMNS, RAW_TABLE_COLUMNS, RAW_TARGET_COLUMNS } from "./ddl.ts";
import { PipelineError, SourceError } from "./errors.ts";
import { listFiles } from "./files.ts";
import { layoutKey, loadCsv, loadCsvBatch } from "./load-csv.ts";
import type { Logger } from "./logger.ts";
import type { MetaFilesTable } from "./schema.ts";
import { literal, type Warehouse } from "./warehouse.ts";

export interface IngestDeps {
  wh: Warehouse;
  logger: Logger;
  runId: number;
  now: () => Date;
  workDir: string;
  readFile: (p: string) => Promise<Buffer>;
  writeFile: (p: string, data: string) => Promise<void>;
  catalog: IndicatorCatalog;
  /** fetch, sleep and host queues for http-json sources. */
  http?: HttpDeps;
  /** Called before each file of a source (a progress counter). */
  progress?: (sourceId: string, done: number, total: number) => void;
  /** Read and hash every file even when its size and modification time are as last read (--force). */
  rehash?: boolean;
  /** Test hook (WEICI_FAIL_AT): `ingest:<kind>` inside a file's load transaction before it commits, `ingest:decoded`, `ingest:removed`. */
  crashAt?: (point: string) => void;
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
type FileSource = Extract<Source, { dir: string }>;

const TABLES = {
  csv: { table: "submission_rows", fields: RAW_SUBMISSION_COLUMNS, spec: SUBMISSION_HEADERS },
  xlsx: { table: "submission_rows", fields: RAW_SUBMISSION_COLUMNS, spec: SUBMISSION_HEADERS },
  table: { table: "submission_rows", fields: RAW_SUBMISSION_COLUMNS, spec: SUBMISSION_HEADERS },
  "targets-csv": { table: "target_rows", fields: RAW_TARGET_COLUMNS, spec: TARGET_HEADERS },
  "peer-groups-csv": { table: "peer_group_rows", fields: RAW_PEER_GROUP_COLUMNS, spec: PEER_GROUP_HEADERS },
  "report-text": { table: "report_figures", fields: [], spec: {} },
  "http-json": { table: "submission_rows", fields: RAW_SUBMISSION_COLUMNS, spec: SUBMISSION_HEADERS },
} as const;

// Readers load when a file of their kind has changed: a night where nothing changed never loads the
// spreadsheet reader, the encoding tables or the report-text extractor.
const readers = {
  csv: () => import("../sources/csv.ts"),
  xlsx: () => import("../sources/xlsx.ts"),
  table: () => import("../sources/table/read-table.ts"),
  report: () => import("../sources/report-text/source.ts"),
};

const ts = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

export async function ingestSources(sources: readonly Source[], given: IngestDeps): Promise<IngestSummary> {
  // One time for the whole ingest: a revised file's old rows end exactly when its new rows begin, so
  // the history sees no moment without a value (and an unchanged figure keeps one version).
  const at = given.now();
  const deps: IngestDeps = { ...given, now: () => at };
  const summary: IngestSummary = { sources: sources.length, filesLoaded: 0, filesUnchanged: 0, filesRemoved: 0, rowsLanded: 0, failures: [] };
  for (const source of sources) {
    // An HTTP source is one "file": its URL, reloaded when the fetched rows hash differently.
    const skipped: [string, string][] = [];
    const files = source.kind === "http-json" ? [httpSourceFile(source.url)]
      : (await listFiles(source.absDir, source.pattern, (f, why) => skipped.push([f, why]))).filter((f) => source.kind !== "table" || isTableFile(f));
    if (files.length === 0 && source.kind !== "http-json") deps.logger.warn(`source ${source.id}: no files match ${source.pattern} in ${source.absDir}`);
    // Plain SQL, not Kysely: this lookup runs every night, and importing Kysely (0.2 s) was a fifth of a
    // night in which nothing changed. The bookkeeping writes below, run only for changed files, use it.
    const knownRows = await deps.wh.all<Pick<MetaFilesTable, "file" | "content_hash" | "stamp">>(
      "select file, content_hash, stamp from meta.files where source_id = ?", [source.id]);
    const known = new Map(knownRows.map((r) => [r.file, r.content_hash]));
    const stamps = new Map(knownRows.map((r) => [r.file, r.stamp]));
    const restamped: [string, string][] = [];
    const pending: ParsedFile[] = [];
    const flush = async () => {
      summary.rowsLanded += await landRowFiles(source, pending.splice(0), deps);
    };
    const failed = async (file: string, e: unknown) => {
      if (!(e instanceof PipelineError)) throw e;
      summary.failures.push({ sourceId: source.id, file, message: e.message });
      deps.logger.warn(e.message);
      await recordFailure(source, file, e.message, deps);
    };
    // A link weici will not follow is not silently passed over: it fails alone, named in the run's output.
    for (const [file, why] of skipped) await failed(file, new SourceError(source.id, `${file} ${why}`, { file }));
    const csvPending: CsvFile[] = [];
    const flushCsv = async () => {
      const out = await loadCsvFiles(source as FileSource, csvPending.splice(0), known, deps, failed);
      summary.rowsLanded += out.rows;
      summary.filesLoaded += out.files;
    };
    // Stamped all at once: one stat after another cost 0.2 s of a no-change night for 900 files.
    const stamped = source.kind === "http-json" ? new Map<string, string | undefined>() : await sourceStamps(source.absDir, files, source.kind === "report-text");
    let done = 0;
    for (const file of files) {
      deps.progress?.(source.id, done++, files.length);
      try {
        if (source.kind === "http-json") {
          if (!deps.http) throw new SourceError(source.id, "no HTTP client was passed to ingest", { file });
          const got = await fetchHttpSource(source, deps.http);
          if (known.get(file) === got.hash) {
            summary.filesUnchanged++;
            continue;
          }
          pending.push({ file, ...got });
          await flush();
          summary.filesLoaded++;
          continue;
        }
        if (source.kind === "csv" || source.kind === "targets-csv" || source.kind === "peer-groups-csv") {
          // Size and modification time as when the file was last read: it is the same file. Hashing
          // 500 MB of national data again was most of a run in which nothing changed.
          const stamp = stamped.get(file);
          if (!deps.rehash && stamp !== undefined && stamps.get(file) === stamp && known.has(file)) {
            summary.filesUnchanged++;
            continue;
          }
          // Streamed: hash, encoding and header in one pass, whatever the file's size.
          const scan = await (await readers.csv()).planCsvFile(path.join(source.absDir, file), {
            sourceId: source.id, file, encoding: source.encoding, spec: TABLES[source.kind].spec as HeaderSpec<string>,
          });
          if (known.get(file) === scan.hash) {
            // Touched or copied again, same bytes: remember the new stamp so the next run need not read it.
            if (stamp !== undefined && stamps.get(file) !== stamp) restamped.push([file, stamp]);
            summary.filesUnchanged++;
            continue;
          }
          // A bureau table saved as CSV (captions above the header, a wide or transposed layout) is
          // read whole by the table reader; long lists with a plain header keep DuckDB's bulk reader.
          const asTable = source.kind === "csv" ? await csvAsTable(source, file, scan, deps) : undefined;
          if (asTable) {
            pending.push({ ...asTable, stamp });
            if (pending.length >= BATCH_FILES) await flush();
            summary.filesLoaded++;
            continue;
          }
          csvPending.push({ file, scan, stamp });
          if (csvPending.length >= CSV_BATCH_FILES) await flushCsv();
          continue;
        }
        // Workbooks and reports too: reading and hashing 900 district workbooks was most of a night
        // in which nothing changed.
        const stamp = stamped.get(file);
        if (!deps.rehash && stamp !== undefined && stamps.get(file) === stamp && known.has(file)) {
          summary.filesUnchanged++;
          continue;
        }
        const buf = await deps.readFile(path.join(source.absDir, file));
        const hasher = createHash("sha256").update(buf);
        // A report's meaning also depends on its sidecar: a changed sidecar must reload the report.
        if (source.kind === "report-text") hasher.update(await deps.readFile(path.join(source.absDir, sidecarPath(file))).catch(() => Buffer.alloc(0)));
        const hash = hasher.digest("hex");
        if (known.get(file) === hash) {
          if (stamp !== undefined && stamps.get(file) !== stamp) restamped.push([file, stamp]);
          summary.filesUnchanged++;
          continue;
        }
        if (source.kind === "report-text") {
          summary.rowsLanded += await landReport(source, file, buf, hash, stamp, deps);
        } else {
          // Many small workbooks: land them in batches, each file's rows still replaced as a whole.
          pending.push({ file, hash, stamp, ...(source.kind === "table" ? await readTable(source, file, buf, deps) : await readWorkbook(source, file, buf, deps)) });
          if (pending.length >= BATCH_FILES) await flush();
        }
        summary.filesLoaded++;
      } catch (e) {
        await failed(file, e);
      }
    }
    await flushCsv();
    await flush();
    for (const [file, stamp] of restamped) {
      await (await deps.wh.kysely()).updateTable("meta.files").set({ stamp }).where("source_id", "=", source.id).where("file", "=", file).execute();
    }
    const listed = new Set(files);
    for (const gone of [...known.keys()].filter((f) => !listed.has(f))) {
      await removeFile(source, gone, deps);
      summary.filesRemoved++;
    }
  }
  return summary;
}

const BATCH_FILES = 200;
/**
 * CSV files landed per transaction, and read together when they share a layout (loadCsvBatch). One
 * commit per file was most of the load time at national scale (344 files: 254 s), one read_csv per
 * file most of the rest; a file failing inside a batch is retried alone (see loadCsvFiles).
 */
const CSV_BATCH_FILES = 64;

interface ParsedFile extends SourceRows<SubmissionRow> {
  file: string;
  hash: string;
  /** Size and modification time when read (fileStamp): the next run skips the file while they stay. */
  stamp?: string;
  /** What the load record should say beside the rows: hidden sheets skipped, sheets without a table. */
  notes?: string[];
}

/** Spreadsheet and text tables; Excel's lock files (~$…) and hidden files are not tables. */
const isTableFile = (f: string) => /\.(xlsx|xlsm|xls|et|csv|tsv|txt|htm|html)$/i.test(f) && !/(^|\/)(~\$|\.)/.test(f);

/** Reads a bureau table file (sources/table), any container and layout. */
async function readTable(source: Source, file: string, buf: Buffer, deps: IngestDeps): Promise<SourceRows<SubmissionRow> & { notes: string[] }> {
  const { TableReadError, readTableFile } = await readers.table();
  try {
    const r = readTableFile(buf, { file, hint: "layout" in source ? source.layout : undefined, catalog: deps.catalog, encoding: "encoding" in source ? source.encoding : undefined });
    return { rows: r.rows, rejected: r.rejected, notes: r.skipped.map((k) => `sheet ${k.sheet} skipped: ${k.reason}`) };
  } catch (e) {
    if (e instanceof TableReadError) throw new SourceError(source.id, `${e.message}; run \`weici inspect ${file}\` to see how it was read`, { file });
    throw e;
  }
}

/**
 * The xlsx kind: a district's report with the fixed header reads as before; any
 * other workbook (a bureau table, a legacy .xls, an HTML ".xls") goes to the table reader. When that
 * cannot read it either, both reasons are given.
 */
async function readWorkbook(source: Source, file: string, buf: Buffer, deps: IngestDeps): Promise<SourceRows<SubmissionRow> & { notes?: string[] }> {
  try {
    return await (await readers.xlsx()).readXlsx(buf, { sourceId: source.id, file });
  } catch (e) {
    if (!(e instanceof SourceError) || !/no sheet has a header row|legacy \.xls|not an XLSX workbook/.test(e.message)) throw e;
    try {
      return await readTable(source, file, buf, deps);
    } catch (t) {
      if (!(t instanceof SourceError)) throw t;
      throw new SourceError(source.id, `${e.message.replace(/^source \S+ \([^)]*\): /, "")}; read as a bureau table: ${t.message.replace(/^source \S+ \([^)]*\): /, "")}`, { file });
    }
  }
}

/** A CSV whose first line is no submission header, read by the table reader (small files only: big ones are long lists). */
async function csvAsTable(source: Source, file: string, scan: CsvScan<string>, deps: IngestDeps): Promise<ParsedFile | undefined> {
  try {
    scan.plan();
    return undefined;
  } catch (e) {
    if (!(e instanceof SourceError) || !/header row|no header row/.test(e.message)) return undefined;
    const abs = path.join(source.absDir, file);
    const size = (await fs.stat(abs)).size;
    if (size > TABLE_CSV_MAX_BYTES) return undefined;
    const buf = await deps.readFile(abs);
    try {
      return { file, hash: scan.hash, ...(await readTable(source, file, buf, deps)) };
    } catch (t) {
      if (!(t instanceof SourceError)) throw t;
      // Say what the CSV reader wanted first: most CSVs are meant as long lists.
      throw new SourceError(source.id, `${e.message.replace(/^source \S+ \([^)]*\): /, "")}; read as a bureau table: ${t.message.replace(/^source \S+ \([^)]*\): /, "")}`, { file });
    }
  }
}

/** A CSV bureau table is a page or two; bigger files are long lists for read_csv. */
const TABLE_CSV_MAX_BYTES = 5 * 1024 * 1024;

async function nextLoadIds(deps: IngestDeps, n: number): Promise<number[]> {
  const rows = await deps.wh.all<{ id: number }>(`select nextval('meta.load_id_seq')::bigint as id from range(${n})`);
  return rows.map((r) => r.id);
}

async function nextLoadId(deps: IngestDeps): Promise<number> {
  return (await nextLoadIds(deps, 1))[0]!;
}

async function clearFiles(source: Source, files: readonly string[], deps: IngestDeps, loadedBefore = true): Promise<void> {
  const { table } = TABLES[source.kind];
  const list = files.map(literal).join(", ");
  // Revisions (预计 → 快报 → 正式, corrections) keep every earlier version for as-of queries: the
  // submission rows a file loaded before are marked superseded, not deleted. A file never loaded
  // (not in meta.files) has no current rows: skipping the scan of the whole raw table matters when
  // thousands of new files arrive at once.
  if (loadedBefore && table === "submission_rows") {
    await deps.wh.exec(
      `update raw.submission_rows set superseded_at = ?::timestamp, superseded_run = ? where source_id = ? and file in (${list}) and superseded_at is null`,
      [ts(deps.now()), deps.runId, source.id],
    );
  } else if (loadedBefore) {
    await deps.wh.exec(`delete from raw.${table} where source_id = ? and file in (${list})`, [source.id]);
  }
  // A file that failed before has its failure here even when it never loaded.
  await deps.wh.exec(`delete from raw.source_quarantine where source_id = ? and file in (${list})`, [source.id]);
}

/** Size and modification time (ns) of a file, or undefined when it cannot be read. */
async function fileStamp(p: string): Promise<string | undefined> {
  const st = await fs.stat(p, { bigint: true }).catch(() => undefined);
  return st && `${st.size}:${st.mtimeNs}`;
}

/** Every file's stamp, statted concurrently; a report's includes its sidecar's, which changes its meaning. */
async function sourceStamps(dir: string, files: readonly string[], withSidecar: boolean): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  const stampOne = async (file: string) => {
    const own = await fileStamp(path.join(dir, file));
    out.set(file, own && withSidecar ? `${own}|${(await fileStamp(path.join(dir, sidecarPath(file)))) ?? "-"}` : own);
  };
  for (let i = 0; i < files.length; i += STAT_BATCH) await Promise.all(files.slice(i, i + STAT_BATCH).map(stampOne));
  return out;
}
const STAT_BATCH = 64;

async function recordLoads(source: Source, loads: { loadId: number; file: string; hash: string; rows: number; stamp?: string }[], deps: IngestDeps) {
  const at = ts(deps.now());
  await (await deps.wh.kysely()).deleteFrom("meta.files").where("source_id", "=", source.id).where("file", "in", loads.map((l) => l.file)).execute();
  await deps.wh.append("meta", "files", loads.map((l) => [source.id, l.file, l.hash, l.loadId, l.stamp ?? null]));
  await deps.wh.append("meta", "loads", loads.map((l) => [l.loadId, deps.runId, source.id, l.file, l.hash, at, l.rows, "loaded", null]));
}

async function landRowFiles(source: Source, parsed: ParsedFile[], deps: IngestDeps): Promise<number> {
  if (parsed.length === 0) return 0;
  const ids = await nextLoadIds(deps, parsed.length);
  const scope = source.region_scope ?? null;
  return deps.wh.transaction(async () => {
    await clearFiles(source, parsed.map((p) => p.file), deps);
    const rows = parsed.flatMap((p, i) =>
      p.rows.map((r) => [ids[i]!, source.id, p.file, r.sheet, r.row_number, scope, ...RAW_SUBMISSION_COLUMNS.map((c) => r[c]), r.raw, null, null,
        ...RAW_TABLE_COLUMNS.map((c) => r[c] ?? null)]),
    );
    const n = await deps.wh.append("raw", "submission_rows", rows);
    await deps.wh.append("raw", "source_quarantine", parsed.flatMap((p, i) =>
      p.rejected.map((r) => [ids[i]!, source.id, p.file, r.sheet, r.row_number, r.field, r.reason, r.raw])));
    await recordLoads(source, parsed.map((p, i) => ({ loadId: ids[i]!, file: p.file, hash: p.hash, rows: p.rows.length, stamp: p.stamp })), deps);
    await deps.wh.append("meta", "load_notes", parsed.flatMap((p, i) => (p.notes ?? []).map((n) => [ids[i]!, n])));
    deps.crashAt?.(`ingest:${source.kind}`);
    return n;
  });
}

async function landReport(source: Source, file: string, buf: Buffer, hash: string, stamp: string | undefined, deps: IngestDeps): Promise<number> {
  const sidecarFile = sidecarPath(file);
  const sidecarText = await deps.readFile(path.join(source.absDir, sidecarFile)).then(
    (b) => b.toString("utf8"),
    (e: unknown) => {
      // A sidecar that is a link out of the folder says so (files.ts); a missing one is asked for.
      if (e instanceof PipelineError) throw e;
      throw new SourceError(source.id, `no sidecar ${sidecarFile} next to the report; write {"region_code": "330102", "year": 2025}`, { file });
    },
  );
  const { parseSidecar, readReport } = await readers.report();
  const meta = parseSidecar(sidecarText, { sourceId: source.id, file: sidecarFile });
  if (buf.byteLength === 0) throw new SourceError(source.id, "the report is empty; save the report's text into it again", { file });
  const figures = readReport(buf, deps.catalog);
  const loadId = await nextLoadId(deps);
  return deps.wh.transaction(async () => {
    await clearFiles(source, [file], deps);
    const n = await deps.wh.append("raw", "report_figures", figures.map((f) => [
      loadId, source.id, file, meta.region_code, meta.year, meta.month ?? 12, meta.target_year ?? meta.year + 1, meta.publisher ?? null,
      f.offset, f.text, f.value, f.unit, f.kind, f.indicator, f.indicator_code, f.scope, f.period, f.covers, f.region ?? null,
    ]));
    await recordLoads(source, [{ loadId, file, hash, rows: n, stamp }], deps);
    deps.crashAt?.(`ingest:${source.kind}`);
    return n;
  });
}

interface CsvFile {
  file: string;
  scan: CsvScan<string>;
  /** Size and modification time before the file was read (fileStamp). */
  stamp?: string;
}

interface ReadyCsv extends CsvFile {
  plan: CsvPlan<string>;
  /** What read_csv reads: the file itself, or its UTF-8 copy for GBK input. */
  utf8Path: string;
}

/** Plans and, for GBK input, transcodes a file before any transaction: a file that cannot be read must not touch what it loaded before. */
async function prepareCsv(source: FileSource, f: CsvFile, deps: IngestDeps): Promise<ReadyCsv> {
  const plan = f.scan.plan();
  let utf8Path = path.join(source.absDir, f.file);
  if (plan.transcode) {
    utf8Path = path.join(deps.workDir, "decoded", `${f.scan.hash}.csv`);
    await fs.mkdir(path.dirname(utf8Path), { recursive: true });
    await (await readers.csv()).transcodeCsvFile(path.join(source.absDir, f.file), utf8Path);
    deps.crashAt?.("ingest:decoded");
  }
  return { ...f, plan, utf8Path };
}

/**
 * Replaces what the files loaded before with their rows; runs inside the caller's transaction. Files
 * of one layout without blank lines are read together (loadCsvBatch); the others, and files with lines
 * read_csv rejects, one by one.
 */
async function landCsvFiles(source: FileSource, ready: readonly ReadyCsv[], ids: readonly number[], known: ReadonlyMap<string, string>, deps: IngestDeps): Promise<number> {
  const { table, fields } = TABLES[source.kind];
  const before = ready.filter((r) => known.has(r.file)).map((r) => r.file);
  const fresh = ready.filter((r) => !known.has(r.file)).map((r) => r.file);
  if (before.length) await clearFiles(source, before, deps, true);
  if (fresh.length) await clearFiles(source, fresh, deps, false);
  // A unit written in the value header, 数值(亿元), applies to every row without a unit of its own.
  const target = (r: ReadyCsv) => {
    const headerUnit = r.plan.match.units.value ?? r.plan.match.units.target_value;
    return { table, fields: fields as readonly string[], defaults: headerUnit ? { unit: headerUnit } : undefined };
  };
  const rows = new Map<number, number>();
  const alone: number[] = [];
  const layouts = new Map<string, number[]>();
  ready.forEach((r, i) => {
    if (r.plan.blankRows.length || r.plan.tolerant) return alone.push(i);
    const key = layoutKey(r.plan, target(r));
    layouts.set(key, [...(layouts.get(key) ?? []), i]);
  });
  for (const group of layouts.values()) {
    if (group.length === 1) {
      alone.push(group[0]!);
      continue;
    }
    const first = ready[group[0]!]!;
    const res = await loadCsvBatch(deps.wh, group.map((i) => ({ utf8Path: ready[i]!.utf8Path, loadId: ids[i]!, file: ready[i]!.file })), first.plan, {
      ...target(first), sourceId: source.id, regionScope: source.region_scope ?? null,
    });
    for (const [id, n] of res.rows) rows.set(id, n);
    for (const f of res.rejectedFiles) alone.push(group.find((i) => ids[i] === f.loadId)!);
  }
  for (const i of alone) {
    const r = ready[i]!;
    const load = { loadId: ids[i]!, sourceId: source.id, file: r.file, regionScope: source.region_scope ?? null };
    rows.set(ids[i]!, (await loadCsv(deps.wh, r.utf8Path, r.plan, { ...target(r), load })).rows);
  }
  const loads = ready.map((r, i) => ({ loadId: ids[i]!, file: r.file, hash: r.scan.hash, rows: rows.get(ids[i]!) ?? 0, stamp: r.stamp }));
  await recordLoads(source, loads, deps);
  deps.crashAt?.(`ingest:${source.kind}`);
  return loads.reduce((n, l) => n + l.rows, 0);
}

/**
 * Lands a batch of CSV files in one transaction. Should one fail inside it (read_csv refusing the
 * file), the batch is rolled back and its files land one transaction each, so that file fails alone.
 */
async function loadCsvFiles(
  source: FileSource, batch: readonly CsvFile[], known: ReadonlyMap<string, string>, deps: IngestDeps,
  failed: (file: string, e: unknown) => Promise<void>,
): Promise<{ rows: number; files: number }> {
  const ready: ReadyCsv[] = [];
  for (const f of batch) {
    try {
      ready.push(await prepareCsv(source, f, deps));
    } catch (e) {
      await failed(f.file, e);
    }
  }
  if (ready.length === 0) return { rows: 0, files: 0 };
  if (ready.length > 1) {
    const ids = await nextLoadIds(deps, ready.length);
    try {
      const rows = await deps.wh.transaction(() => landCsvFiles(source, ready, ids, known, deps));
      return { rows, files: ready.length };
    } catch (e) {
      if (!(e instanceof PipelineError)) throw e;
    }
  }
  const out = { rows: 0, files: 0 };
  for (const r of ready) {
    try {
      const loadId = await nextLoadId(deps);
      out.rows += await deps.wh.transaction(() => landCsvFiles(source, [r], [loadId], known, deps));
      out.files++;
    } catch (e) {
      await failed(r.file, e);
    }
  }
  return out;
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
    await clearFiles(source, [file], deps);
    await (await deps.wh.kysely()).deleteFrom("meta.files").where("source_id", "=", source.id).where("file", "=", file).execute();
    await deps.wh.exec("insert into meta.loads values (?, ?, ?, ?, null, ?::timestamp, 0, 'removed', null)", [
      loadId, deps.runId, source.id, file, ts(deps.now()),
    ]);
    deps.crashAt?.("ingest:removed");
  });
}
