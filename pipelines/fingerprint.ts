// Fingerprints of what the models read, so a night where nothing changed skips the model build, the
// checks and the pages. Raw data is summarised by meta.files (each loaded file's content hash and
// load) plus the files that failed; reference data by the content of every ref table (whoever loads
// it); the models by the text of every .sql file and the DDL. Equal fingerprints = equal models.
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { ident, type Warehouse } from "./warehouse.ts";

const sha = (parts: readonly string[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\0");
  return h.digest("hex");
};

/** The files under each folder whose names end in one of `exts`, by relative path and content. */
export async function filesFingerprint(dirs: readonly string[], exts: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for (const dir of dirs) {
    const files = (await fs.readdir(dir, { recursive: true }).catch(() => [] as string[])).filter((f) => exts.some((e) => f.endsWith(e))).sort();
    for (const f of files) parts.push(f.split(path.sep).join("/"), await fs.readFile(path.join(dir, f), "utf8"));
  }
  return sha(parts);
}

/** Every .sql file under the folder (models and checks). */
export const sqlFingerprint = (sqlDir: string) => filesFingerprint([sqlDir], [".sql"]);

export async function rawFingerprint(wh: Warehouse): Promise<string> {
  const files = await wh.all<{ k: string }>(
    "select concat_ws('|', source_id, file, content_hash, load_id) as k from meta.files order by source_id, file",
  );
  // A file that fails the same way every night changes nothing; a new or different failure does.
  const failed = await wh.all<{ k: string }>(
    "select distinct concat_ws('|', source_id, file, reason) as k from raw.source_quarantine where row_number is null and field = 'file' order by 1",
  );
  return sha([...files.map((r) => r.k), "--failed--", ...failed.map((r) => r.k)]);
}

export async function refFingerprint(wh: Warehouse): Promise<string> {
  const tables = await wh.all<{ name: string }>("select table_name as name from duckdb_tables() where schema_name = 'ref' order by 1");
  const parts: string[] = [];
  for (const { name } of tables) {
    const row = await wh.one<{ h: string }>(
      `select md5(coalesce(string_agg(t::varchar, chr(10) order by t::varchar), '')) as h from ref.${ident(name)} t`,
    );
    parts.push(name, row?.h ?? "");
  }
  return sha(parts);
}

export async function inputsFingerprint(wh: Warehouse, opts: { sqlDir: string; extra: readonly string[] }): Promise<string> {
  return sha([await rawFingerprint(wh), await refFingerprint(wh), await sqlFingerprint(opts.sqlDir), ...opts.extra]);
}
