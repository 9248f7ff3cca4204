// The corpus of bad inputs (test/fixtures/bad-inputs/<case>/): every case is one source of one kind
// whose folder holds the submitted files. All cases go through ONE pipeline run (each case its own
// source id, so its rows, quarantined rows and errors can be told apart), then each case checks its
// expected outcome and that every good row of its files reached the warehouse.
//
// XLSX fixtures are described in `workbook.json` (sheets, rows, merged cells, formulas) and built here
// with exceljs; the few no spreadsheet program writes (zip bomb, a missing part, a cut file) are made
// with the small zip writer in ./zip.ts. HTTP cases are served from their folder by a local server:
// `page-<n>.json` is sent as is; `page-<n>.cut` is sent with a longer content-length and the socket
// dropped; `page-<n>.cut-once` the same on the first request only (then `page-<n>.json`);
// `page-<n>.close` without content-length and cut short by closing the connection. A case whose
// source fails needs earlier rows to prove they survive: the corpus runs twice, the first time serving
// `before/page-<n>.json` where a case has it.
//
// A fixture named `*.tmpl` is expanded when copied: {{"text"*N}} becomes the text repeated N times
// (very long lines and deep nesting without committing megabytes). One named `*.symlink` becomes a
// symbolic link to the path it holds (relative to its folder).
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect } from "vitest";
import { loadConfig } from "../../pipelines/config.ts";
import { memoryLogger } from "../../pipelines/logger.ts";
import { type RunSummary, runPipeline } from "../../pipelines/run.ts";
import { renderSite } from "../../reports/site.ts";
import { Warehouse } from "../../pipelines/warehouse.ts";
import { FIXTURES } from "./fixture.ts";
import { type TestServer, startServer } from "./http-server.ts";
import { bombStream, deflateEntry, readZip, writeZip } from "./zip.ts";

export const BAD_INPUTS = path.join(FIXTURES, "bad-inputs");
/** The corpus runs as if on 2026-07-15 (Beijing time): 2026-07 is the latest period that is not in the future. */
export const NOW = new Date("2026-07-15T02:00:00Z");

export type Kind = "csv" | "xlsx" | "targets-csv" | "peer-groups-csv" | "report-text" | "http-json";
export type Outcome = "error" | "quarantined" | "parsed";

/** [region_code, indicator_code, year, month, value] of one observation, optionally with its row number. */
export type Obs = [string, string, number, number, number] | [string, string, number, number, number, number];
/** [region_code, indicator_code, year, target_kind, target_value] of one typed target. */
export type Target = [string, string, number, string, number];
/** [peer_group_id, region_code] of one custom peer-group member. */
export type Member = [string, string];

export interface Quarantined {
  file: string;
  /** Row as the submitter sees it (CSV line, Excel row, position of an HTTP row across pages). */
  row: number;
  field: string;
  reason: RegExp;
  sheet?: string;
}

export interface Case {
  /** Folder under test/fixtures/bad-inputs and the source id. */
  name: string;
  kind: Kind;
  /** The behaviour, as the test title. */
  it: string;
  /** Source settings besides id, kind, dir and pattern (encoding, region_scope, retries, …). */
  source?: Record<string, unknown>;
  /** Files that cannot be read at all: the error names the file and says how to fix it (an HTTP source's file is its URL). */
  errors?: { file: string; message: RegExp }[];
  /** Exactly the rows that go to analyst.quarantine (beyond file errors). */
  quarantined?: Quarantined[];
  /** Exactly the observations this source contributes (the good rows of its files). */
  observations?: Obs[];
  targets?: Target[];
  members?: Member[];
  /** Files that loaded, with the number of rows they landed. */
  loads?: { file: string; rows: number }[];
  /** Anything else this case must show. */
  check?: (corpus: Corpus) => Promise<void>;
}

/** What a case shows: a file refused with an error, rows quarantined with reasons, or everything parsed. */
export const outcomeOf = (c: Case): Outcome => (c.errors?.length ? "error" : c.quarantined?.length ? "quarantined" : "parsed");

export function summarize(cases: readonly Case[]): Record<Outcome, number> & { cases: number } {
  const out = { cases: cases.length, error: 0, quarantined: 0, parsed: 0 };
  for (const c of cases) out[outcomeOf(c)]++;
  return out;
}

// ---- XLSX fixtures --------------------------------------------------------------------------------

/** A cell: a value, a formula, an error, or a number with a number format (`{"number": 0.0308, "numFmt": "0.00%"}`). */
type CellSpec = string | number | null | { formula: string; result?: number | string } | { error: string } | { number: number; numFmt: string };

interface SheetSpec {
  name: string;
  rows: CellSpec[][];
  merges?: string[];
  /** A sheet hidden in Excel (右键 → 隐藏). */
  state?: "hidden" | "veryHidden";
}

interface WorkbookSpec {
  file: string;
  sheets?: SheetSpec[];
  /**
   * Something no spreadsheet program writes: `zip-bomb` (a sheet that inflates to `mb` MiB, sizes
   * declared honestly), `zip-bomb-lying` (the same declaring a tiny size), `drop-part` (the built
   * workbook without part `part`), `truncate` (the built workbook cut to `keep` of its bytes).
   */
  special?: { kind: "zip-bomb" | "zip-bomb-lying"; mb: number } | { kind: "drop-part"; part: string } | { kind: "truncate"; keep: number };
}

/** The workbook ExcelJS writes for `spec.sheets` (the `special` kinds are made by the caller). */
export async function workbookBytes(spec: Pick<WorkbookSpec, "sheets">): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of spec.sheets ?? []) {
    const ws = wb.addWorksheet(s.name, s.state ? { state: s.state } : undefined);
    for (const r of s.rows) {
      const row = ws.addRow(r.map((c) =>
        c !== null && typeof c === "object" && "error" in c ? { error: c.error } : c !== null && typeof c === "object" && "numFmt" in c ? c.number : c) as ExcelJS.CellValue[]);
      r.forEach((c, i) => {
        if (c !== null && typeof c === "object" && "numFmt" in c) row.getCell(i + 1).numFmt = c.numFmt;
      });
    }
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const WORKBOOK_PARTS = {
  "[Content_Types].xml":
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  "_rels/.rels":
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  "xl/workbook.xml":
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
  "xl/_rels/workbook.xml.rels":
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
};

/** A one-sheet workbook whose sheet XML carries `mb` MiB of padding: a few hundred KB that inflate to far more. */
function zipBomb(mb: number, lying: boolean): Buffer {
  const head = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const tail = '<row r="1"><c r="A1" t="inlineStr"><is><t>指标名称</t></is></c><c r="B1" t="inlineStr"><is><t>数值</t></is></c></row></sheetData></worksheet>';
  const sheet = bombStream(head, mb, tail);
  const size = Buffer.byteLength(head) + mb * (1 << 20) + Buffer.byteLength(tail);
  return writeZip([
    ...Object.entries(WORKBOOK_PARTS).map(([n, x]) => deflateEntry(n, Buffer.from(x))),
    // The CRC is never reached: the size alone must stop the reader.
    { name: "xl/worksheets/sheet1.xml", deflated: sheet, crc: 0, declaredSize: lying ? 4096 : Math.min(size, 0xfffffffe) },
  ]);
}

async function buildWorkbook(dir: string, spec: WorkbookSpec): Promise<void> {
  const out = path.join(dir, spec.file);
  const s = spec.special;
  if (s?.kind === "zip-bomb" || s?.kind === "zip-bomb-lying") return writeFileSync(out, zipBomb(s.mb, s.kind === "zip-bomb-lying"));
  const bytes = await workbookBytes(spec);
  if (s?.kind === "drop-part") {
    const kept = readZip(bytes).filter((e) => e.name !== s.part);
    if (kept.length === readZip(bytes).length) throw new Error(`fixture: no part ${s.part} to drop`);
    return writeFileSync(out, writeZip(kept.map((e) => deflateEntry(e.name, e.data))));
  }
  if (s?.kind === "truncate") return writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length * s.keep)));
  writeFileSync(out, bytes);
}

/** Builds every workbook a case folder describes in workbook.json (one spec or a list). */
export async function buildWorkbooks(caseDir: string): Promise<void> {
  const specFile = path.join(caseDir, "workbook.json");
  if (!existsSync(specFile)) return;
  const json = JSON.parse(readFileSync(specFile, "utf8")) as WorkbookSpec | WorkbookSpec[];
  for (const spec of Array.isArray(json) ? json : [json]) await buildWorkbook(caseDir, spec);
  rmSync(specFile);
}

// ---- HTTP fixtures --------------------------------------------------------------------------------

/** Serves /<case>/api?page=N from test/fixtures/bad-inputs/<case>/ as described at the top. */
export function serveCases(root: string, stage: { before: boolean }): Promise<TestServer> {
  const seen = new Map<string, number>();
  return startServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://x");
    const name = u.pathname.split("/")[1] ?? "";
    const page = u.searchParams.get("page") ?? "1";
    const dir = stage.before && existsSync(path.join(root, name, "before")) ? path.join(root, name, "before") : path.join(root, name);
    const file = (ext: string) => path.join(dir, `page-${page}.${ext}`);
    const key = `${name}/${page}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const cut = (body: Buffer) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": body.length + 100 });
      res.write(body);
      setTimeout(() => res.socket?.destroy(), 5);
    };
    if (existsSync(file("cut"))) return cut(readFileSync(file("cut")));
    if (existsSync(file("cut-once")) && n === 1) return cut(readFileSync(file("cut-once")));
    if (existsSync(file("close")) && n === 1) {
      // A body delimited by the connection closing (no content-length, not chunked), closed early.
      res.socket?.end(Buffer.concat([Buffer.from("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n"), readFileSync(file("close"))]));
      return;
    }
    if (existsSync(file("json"))) {
      const body = readFileSync(file("json"));
      res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
      return res.end(body);
    }
    // Past the last page: an empty page ends the paging.
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"rows": []}');
  });
}

// ---- one run over the whole corpus ----------------------------------------------------------------

export interface Corpus {
  dir: string;
  warehouse: string;
  summary: RunSummary;
  server: TestServer;
  /** A query on the published warehouse, opened read-only once, as an analyst would. */
  query: <T = Record<string, unknown>>(sql: string) => Promise<T[]>;
  close: () => Promise<void>;
}

const PATTERN: Record<Exclude<Kind, "http-json">, string> = {
  csv: "*.csv",
  xlsx: "*.xlsx",
  "targets-csv": "*.csv",
  "peer-groups-csv": "*.csv",
  "report-text": "*.txt",
};

export async function runCorpus(cases: readonly Case[]): Promise<Corpus> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "weici-bad-inputs-"));
  const data = path.join(dir, "cases");
  cpSync(BAD_INPUTS, data, { recursive: true });
  expandTemplates(data);
  makeLinks(data);
  for (const c of cases) await buildWorkbooks(path.join(data, c.name));
  const stage = { before: true };
  const server = await serveCases(data, stage);
  const sources = cases.map((c) =>
    c.kind === "http-json"
      ? { id: c.name, kind: c.kind, url: `${server.url}/${c.name}/api`, region_scope: "330000", retries: 1, backoff_ms: 0, concurrency: 1, ...c.source }
      : { id: c.name, kind: c.kind, dir: `cases/${c.name}`, pattern: PATTERN[c.kind], region_scope: "330000", ...c.source },
  );
  // `region_scope: null` in a case means: no scope (names resolved across China).
  for (const s of sources) if (s.region_scope === null) delete (s as Record<string, unknown>).region_scope;
  const run = (list: typeof sources) => {
    writeFileSync(path.join(dir, "weici.config.json"), JSON.stringify({ warehouse: "target/warehouse.duckdb", work_dir: "target/work", sources: list }, null, 1));
    const config = loadConfig(path.join(dir, "weici.config.json"));
    // The site too: a name from a source (a long peer-group name) must not stop the pages either.
    return runPipeline(config, { logger: memoryLogger(), now: () => NOW, http: { sleep: async () => {} }, renderSite });
  };
  // The night before, only for the sources that fail tonight and need earlier rows: their good rows from before/.
  const before = sources.filter((s) => existsSync(path.join(data, s.id, "before")));
  if (before.length) await run(before);
  stage.before = false;
  const summary = await run(sources);
  const config = loadConfig(path.join(dir, "weici.config.json"));
  const warehouse = config.warehouse;
  const wh = await Warehouse.open(warehouse, { readOnly: true });
  return {
    dir, warehouse, summary, server,
    query: (sql) => wh.all(sql),
    close: async () => {
      await wh.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `<name>.symlink` holding a path (relative to its folder) becomes the symbolic link <name> to that path. */
function makeLinks(dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith(".symlink")) continue;
    const file = path.join(e.parentPath, e.name);
    const target = readFileSync(file, "utf8").trim();
    rmSync(file);
    symlinkSync(target, file.slice(0, -".symlink".length));
  }
}

function expandTemplates(dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith(".tmpl")) continue;
    const file = path.join(e.parentPath, e.name);
    const text = readFileSync(file, "utf8").replace(/\{\{"((?:[^"\\]|\\.)*)"\*(\d+)\}\}/g, (_m, t: string, n: string) => (JSON.parse(`"${t}"`) as string).repeat(Number(n)));
    writeFileSync(file.slice(0, -".tmpl".length), text);
    rmSync(file);
  }
}

const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
const sortRows = <T extends unknown[]>(rows: T[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Checks one case against the corpus run: errors, quarantined rows and good rows, all exactly. */
export async function checkCase(corpus: Corpus, c: Case): Promise<void> {
  const id = c.name.replaceAll("'", "''");
  const url = `${corpus.server.url}/${c.name}/api`;
  const errors = (c.errors ?? []).map((e) => (c.kind === "http-json" ? { ...e, file: url } : e));
  const q = await corpus.query<{ file: string; sheet: string | null; row_number: number | null; field: string; reason: string }>(
    `select file, sheet, row_number, field, reason from analyst.quarantine where source_id = '${id}' order by file, row_number, field`);

  // Files that could not be read: one quarantine row (field "file") and a failed load each, naming the file.
  const fileErrors = q.filter((r) => r.field === "file");
  expect(fileErrors.map((r) => r.file).sort(), "files refused").toEqual(errors.map((e) => e.file).sort());
  for (const e of errors) {
    const got = fileErrors.find((r) => r.file === e.file)!;
    expect(got.reason).toMatch(e.message);
    // A report's error may name its sidecar (<name>.json) rather than the report itself.
    expect(got.reason, "the error names the file").toContain(c.kind === "report-text" ? e.file.replace(/\.txt$/, "") : e.file);
  }
  const loads = await corpus.query<{ file: string; status: string; error: string | null }>(
    `select file, status, error from analyst.loads where source_id = '${id}' order by load_id`);
  const failed = new Set(loads.filter((l) => l.status === "failed").map((l) => l.file));
  expect([...failed].sort(), "failed loads").toEqual(errors.map((e) => e.file).sort());
  for (const l of c.loads ?? []) {
    expect(loads.filter((x) => x.file === l.file && x.status === "loaded").map((x) => x.error), `load of ${l.file}`).toEqual([null]);
    const [n] = await corpus.query<{ rows: number }>(`select rows from analyst.loads where source_id = '${id}' and file = '${l.file}' and status = 'loaded'`);
    expect(n?.rows, `rows landed from ${l.file}`).toBe(l.rows);
  }

  // Rows quarantined: exactly the expected ones, each with its field and reason.
  const rows = q.filter((r) => r.field !== "file");
  const want = (c.quarantined ?? []).map((w) => (c.kind === "http-json" ? { ...w, file: url } : w)).sort((a, b) => a.file.localeCompare(b.file) || a.row - b.row || a.field.localeCompare(b.field));
  expect(rows.map((r) => `${r.file}:${r.row_number} ${r.field}`), "quarantined rows").toEqual(want.map((w) => `${w.file}:${w.row} ${w.field}`));
  want.forEach((w, i) => {
    expect(rows[i]!.reason, `reason of ${w.file}:${w.row}`).toMatch(w.reason);
    if (w.sheet !== undefined) expect(rows[i]!.sheet).toBe(w.sheet);
  });

  // Good rows: every one of them reached the warehouse with its value, and nothing else did.
  const obs = await corpus.query<{ region_code: string; indicator_code: string; year: number; month: number; value: number; row_number: number | null }>(
    `select region_code, indicator_code, year, month, value, row_number from analyst.observations where source_id = '${id}'`);
  expect(sortRows(obs.map((o) => [o.region_code, o.indicator_code, o.year, o.month, r6(o.value)])), "observations").toEqual(
    sortRows((c.observations ?? []).map(([r, i, y, m, v]) => [r, i, y, m, r6(v)])),
  );
  // Lineage: where a case gives the row, the observation points at exactly that row.
  for (const [r, i, y, m, , row] of c.observations ?? []) {
    if (row === undefined) continue;
    const o = obs.find((x) => x.region_code === r && x.indicator_code === i && x.year === y && x.month === m);
    expect(o?.row_number, `row of ${r} ${i} ${y}-${m}`).toBe(row);
  }
  if (c.kind === "targets-csv" || c.targets) {
    const t = await corpus.query<{ region_code: string; indicator_code: string; year: number; target_kind: string; target_value: number }>(
      `select region_code, indicator_code, year, target_kind, target_value from staging.stg_targets where source_id = '${id}' and reason is null`);
    expect(sortRows(t.map((x) => [x.region_code, x.indicator_code, x.year, x.target_kind, r6(x.target_value)])), "targets").toEqual(
      sortRows((c.targets ?? []).map(([r, i, y, k, v]) => [r, i, y, k, r6(v)])),
    );
  }
  if (c.kind === "peer-groups-csv" || c.members) {
    const m = await corpus.query<{ peer_group_id: string; region_code: string }>(
      `select distinct peer_group_id, region_code from staging.stg_peer_group_members where source_id = '${id}' and reason is null`);
    expect(sortRows(m.map((x) => [x.peer_group_id, x.region_code])), "members").toEqual(sortRows(c.members ?? []));
  }
  await c.check?.(corpus);
}

/** Every case folder exists and holds files; every case has good rows somewhere in its folder. */
export function checkTable(cases: readonly Case[]): void {
  const names = cases.map((c) => c.name);
  expect(new Set(names).size, "case names are unique").toBe(names.length);
  for (const c of cases) {
    const dir = path.join(BAD_INPUTS, c.name);
    expect(existsSync(dir) && readdirSync(dir).length > 0, `fixture folder ${c.name}`).toBe(true);
    const good = (c.observations?.length ?? 0) + (c.targets?.length ?? 0) + (c.members?.length ?? 0);
    expect(good, `${c.name} proves good rows still load`).toBeGreaterThan(0);
  }
  // Cases share one warehouse: two cases' good rows must never compete for the same key.
  const keys = cases.flatMap((c) => (c.observations ?? []).map(([r, i, y, m]) => `${r}|${i}|${y}|${m}`));
  const dup = keys.filter((k, i) => keys.indexOf(k) !== i);
  expect(dup, "observation keys used by two cases").toEqual([]);
}
