// `weici query`: runs SQL on the published warehouse for analysts without a DuckDB client. The file
// is opened read-only, so a query never blocks a run (the run replaces the file by a rename; this
// query keeps reading the version it opened). The SQL comes from the command line, a file, or one of
// the named examples in sql/examples/ (the README's queries).
import { promises as fs } from "node:fs";
import path from "node:path";
import type { ResolvedConfig } from "../config.ts";
import { ConfigError, QueryError } from "../errors.ts";
import { projectPath } from "../paths.ts";
import { Warehouse } from "../warehouse.ts";
import { formatCsv, formatJsonLines, formatTable, formatXlsx, type QueryResult } from "./query-output.ts";

export const FORMATS = ["table", "csv", "xlsx", "json"] as const;
export type QueryFormat = (typeof FORMATS)[number];
export const EXAMPLES_DIR = projectPath("sql", "examples");

export interface QueryOptions {
  sql?: string;
  file?: string;
  example?: string;
  examples?: boolean;
  format?: string;
  out?: string;
  /** Rows the table format prints at most (all rows go to csv, xlsx and json). */
  maxTableRows?: number;
}

export interface QueryIo {
  stdout: (s: string) => void;
  stderr?: (s: string) => void;
  writeFile?: (file: string, data: string | Buffer) => Promise<void>;
  examplesDir?: string;
}

export interface Example {
  name: string;
  title: string;
  sql: string;
}

/** The named examples: file name = name, first comment line = title. */
export async function listExamples(dir = EXAMPLES_DIR): Promise<Example[]> {
  const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".sql")).sort();
  return Promise.all(files.map(async (f) => {
    const sql = (await fs.readFile(path.join(dir, f), "utf8")).trim();
    const title = /^--\s*(.*)$/m.exec(sql.split("\n")[0] ?? "")?.[1] ?? "";
    return { name: f.slice(0, -4), title, sql };
  }));
}

/** The format asked for, or the one --out's extension implies, or table. */
export function resolveFormat(format: string | undefined, out: string | undefined): QueryFormat {
  const f = format ?? ({ ".csv": "csv", ".xlsx": "xlsx", ".json": "json", ".jsonl": "json" } as Record<string, string>)[path.extname(out ?? "").toLowerCase()] ?? "table";
  if (!(FORMATS as readonly string[]).includes(f)) throw new ConfigError(`unknown format "${f}"; use one of ${FORMATS.join(", ")}`);
  if (f === "xlsx" && !out) throw new ConfigError("--format xlsx writes a workbook: give a file with --out result.xlsx");
  return f as QueryFormat;
}

export async function queryCommand(config: ResolvedConfig, opts: QueryOptions, io: QueryIo): Promise<number> {
  const examples = () => listExamples(io.examplesDir);
  if (opts.examples) {
    const list = await examples();
    const width = Math.max(0, ...list.map((e) => e.name.length));
    io.stdout(`${list.map((e) => `${e.name.padEnd(width)}  ${e.title}`).join("\n")}\n\nrun one with: weici query --example ${list[0]?.name ?? "NAME"}\n`);
    return 0;
  }
  const given = [opts.sql, opts.file, opts.example].filter((x) => x !== undefined).length;
  if (given !== 1) throw new ConfigError('weici query needs one query: weici query "select …", --file q.sql or --example NAME (list them with --examples)');
  let sql: string;
  let origin: string;
  if (opts.example !== undefined) {
    const list = await examples();
    const found = list.find((e) => e.name === opts.example);
    if (!found) throw new ConfigError(`no example named "${opts.example}"; the examples are ${list.map((e) => e.name).join(", ")}`);
    sql = found.sql;
    origin = `example ${found.name} (sql/examples/${found.name}.sql)`;
  } else if (opts.file !== undefined) {
    sql = await fs.readFile(opts.file, "utf8").catch((e: NodeJS.ErrnoException) => {
      throw new ConfigError(`cannot read the query file ${opts.file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
    });
    origin = opts.file;
  } else {
    sql = opts.sql!;
    origin = "the command line";
  }
  sql = sql.replace(/^\uFEFF/, "");
  const format = resolveFormat(opts.format, opts.out);

  if (!(await fs.stat(config.warehouse).then((s) => s.isFile(), () => false))) {
    throw new ConfigError(`no published warehouse at ${path.relative(process.cwd(), config.warehouse) || config.warehouse} yet; run \`weici run\` first`);
  }
  const wh = await Warehouse.open(config.warehouse, { readOnly: true, memoryLimit: config.memoryLimit });
  let result: QueryResult;
  try {
    // Unqualified names find the analyst views first: `select * from rankings` works as typed.
    await wh.exec("set search_path = 'analyst,main'");
    result = await wh.table(sql);
  } catch (e) {
    throw new QueryError(`query failed (${origin}):\n${indent((e as Error).message)}\n${hint((e as Error).message)}`, { cause: e });
  } finally {
    await wh.close();
  }

  const text = format === "table" ? formatTable(result, opts.maxTableRows ?? 1000)
    : format === "csv" ? formatCsv(result)
    : format === "json" ? formatJsonLines(result)
    : await formatXlsx(result);
  if (opts.out) {
    await (io.writeFile ?? fs.writeFile)(opts.out, text);
    (io.stderr ?? io.stdout)(`wrote ${result.rows.length.toLocaleString("en-US")} row(s) to ${opts.out}\n`);
  } else {
    io.stdout(typeof text === "string" ? text : text.toString("latin1"));
  }
  return 0;
}

const indent = (s: string) => s.split("\n").map((l) => (l.trim() ? `  ${l}` : "")).join("\n");

/** What to do next, from the kind of error DuckDB reports. */
function hint(message: string): string {
  if (/read-only|read only/i.test(message)) return "  the published warehouse is read-only: to keep tables of your own, use a database of your own and ATTACH the warehouse read-only";
  if (/Catalog Error/.test(message)) return "  the views analysts use are in the analyst schema (README: Query the warehouse); list them with: weici query \"select view_name from duckdb_views() where schema_name = 'analyst'\"";
  return "  fix the query and run it again";
}
