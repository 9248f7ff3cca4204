// generateSample: writes the whole synthetic sample (history CSVs, monthly XLSX reports, targets,
// peer groups, MANIFEST.json) for one set of options. Same options and seed → same bytes.
import { loadCatalog, type Indicator } from "../../sources/catalog.ts";
import { loadRegions, type Region } from "../../sources/regions.ts";
import type { DirtyRecord } from "./dirty.ts";
import { planHistoryFiles, writeHistoryFile } from "./history.ts";
import { nodeIO, type SampleIO } from "./io.ts";
import { buildManifest, MANIFEST_FILE, readManifest, sameOptions, type FileRecord, type Manifest } from "./manifest.ts";
import { writeBureauTables } from "./bureau-tables.ts";
import { writeMonthlyReports } from "./monthly-reports.ts";
import { fingerprint, parsePeriod, validateOptions, type SampleOptions } from "./options.ts";
import { peerGroups, peerGroupsCsv } from "./peer-groups.ts";
import { modelRegion, regionsForScale, ZHEJIANG } from "./region-model.ts";
import { targetRows, targetsCsv } from "./targets.ts";

export interface GenerateResult {
  /** true when --if-missing found a manifest with the same options and nothing was written. */
  skipped: boolean;
  manifest: Manifest;
}

export interface SampleInputs {
  regions?: readonly Region[];
  catalog?: readonly Indicator[];
}

const textBytes = (s: string) => Buffer.byteLength(s, "utf8");

export async function generateSample(options: SampleOptions, io: SampleIO = nodeIO(), inputs: SampleInputs = {}): Promise<GenerateResult> {
  validateOptions(options);
  const out = options.out.replace(/[\\/]+$/, "") || ".";
  const fp = fingerprint(options);
  const previous = readManifest(out, io);
  if (options.ifMissing && previous && sameOptions(fp, previous.options)) return { skipped: true, manifest: previous };
  // Only files an earlier run listed are removed, never the folder: --out may point anywhere.
  for (const f of previous?.files ?? []) io.remove(`${out}/${f.path}`);

  const regions = inputs.regions ?? loadRegions();
  const catalog = inputs.catalog ?? loadCatalog().indicators;
  const to = parsePeriod(options.to);
  const models = regionsForScale(regions, options.scale).map((r) => modelRegion(options.seed, r));
  const files: FileRecord[] = [];
  const dirty: DirtyRecord[] = [];

  // National scale has no XLSX: its history runs through --to.
  const national = options.scale === "national";
  const history = national ? { lastYear: to.year, lastMonth: to.month } : { lastYear: options.xlsxYear - 1, lastMonth: 12 };
  if (history.lastYear >= options.from) {
    const plans = planHistoryFiles(models);
    for (const plan of plans) {
      const res = writeHistoryFile(plan, { seed: options.seed, catalog, fromYear: options.from, ...history }, out, io);
      files.push({
        path: plan.path, kind: "history_csv", rows: res.rows, bytes: res.bytes, encoding: plan.format.encoding,
        line_ending: plan.format.eol === "\r\n" ? "CRLF" : "LF", money_unit: plan.moneyUnit, regions: plan.regions.length,
      });
      dirty.push(...res.dirty);
    }
    io.log(`history: ${plans.length} CSV files, ${files.reduce((a, f) => a + f.rows, 0)} rows (${options.from}..${history.lastYear}-${String(history.lastMonth).padStart(2, "0")})`);
  }

  if (!national) {
    const range = { seed: options.seed, catalog, firstYear: options.xlsxYear, lastYear: to.year, lastMonth: to.month };
    const res = await writeMonthlyReports(models, range, out, io);
    files.push(...res.files);
    dirty.push(...res.dirty);
    io.log(`monthly reports: ${res.files.length} XLSX files (${options.xlsxYear}-01..${options.to})`);
    const tables = writeBureauTables(models, range, out, io);
    files.push(...tables);
    io.log(`bureau tables: ${tables.map((t) => t.path).join(", ")}`);
  }

  for (const year of [to.year - 1, to.year]) {
    const rows = targetRows(options.seed, models, catalog, year);
    const text = targetsCsv(rows);
    const path = `targets/targets-${year}.csv`;
    io.writeFile(`${out}/${path}`, text);
    files.push({ path, kind: "targets_csv", rows: rows.length, bytes: textBytes(text), encoding: "utf8", line_ending: "LF" });
  }

  const zhejiang = national ? models.filter((m) => m.region.province_code === ZHEJIANG) : models;
  const members = peerGroups(zhejiang);
  const peers = peerGroupsCsv(members);
  io.writeFile(`${out}/peer-groups.csv`, peers);
  files.push({ path: "peer-groups.csv", kind: "peer_groups_csv", rows: members.length, bytes: textBytes(peers), encoding: "utf8", line_ending: "LF" });

  const manifest = buildManifest(fp, files, dirty);
  io.writeFile(`${out}/${MANIFEST_FILE}`, `${JSON.stringify(manifest, null, 2)}\n`);
  return { skipped: false, manifest };
}
