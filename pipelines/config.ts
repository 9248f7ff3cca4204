// The one configuration file (weici.config.json): sources, paths and limits, validated with arktype so
// a mistake names its key. Paths are relative to the file; secrets come only from the environment.
import { readFileSync } from "node:fs";
import path from "node:path";
import cron from "node-cron";
import { type Ark, arkSchema, isArkErrors } from "./ark.ts";
import { checkedOnce } from "./checked-once.ts";
import { ConfigError } from "./errors.ts";
import { isInside } from "./files.ts";

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The configuration's schema, built on first use (ark.ts): a command whose file passed before never builds it. */
const buildSchema = (type: Ark) => {
  /** Settles what table-layout detection cannot (sources/table/types.ts LayoutHint); applies to every file of the source. */
  const LayoutHint = type({
    "sheet?": "string > 0",
    "header_rows?": /^\d+(\s*-\s*\d+)?$/,
    "region_column?": /^[A-Za-z]{1,3}$/,
    "region_row?": "number.integer >= 1",
    "period?": "string > 0",
    "unit?": "string > 0",
    "ignore_columns?": type(/^[A-Za-z]{1,3}$/).array(),
  });

  const FileSourceConfig = type({
    id: /^[a-z0-9][a-z0-9_-]*$/,
    kind: "'csv' | 'xlsx' | 'table' | 'targets-csv' | 'peer-groups-csv' | 'report-text'",
    dir: "string > 0",
    /** Which files to read; a table source reads every file (xlsx, xls, HTML-xls, csv, tsv) by default. */
    "pattern?": "string > 0",
    "layout?": LayoutHint,
    "encoding?": "'auto' | 'utf-8' | 'gbk' | 'gb18030'",
    /** 6-digit province or city code within which region names are resolved (names repeat across China). */
    "region_scope?": /^\d{6}$/,
    /**
     * Where a row reports its own 同比 (the 可比口径 figure a bureau publishes), that figure is shown and
     * ranked (true, the default) or only kept beside weici's own recomputation (false).
     */
    "official_yoy?": "boolean",
  });

  /** A data platform serving pages of `{rows: [...], next?}` as JSON over HTTP(S); see sources/http-json.ts. */
  const HttpSourceConfig = type({
    id: /^[a-z0-9][a-z0-9_-]*$/,
    kind: "'http-json'",
    url: /^https?:\/\/\S+$/,
    /** Name of the environment variable holding a bearer token: secrets never live in this file. */
    "token_env?": /^[A-Za-z_][A-Za-z0-9_]*$/,
    "page_param?": "string > 0",
    /** Requests in flight per host, shared by every source on that host. */
    "concurrency?": "1 <= number.integer <= 16",
    "requests_per_second?": "0 < number <= 100",
    "timeout_ms?": "100 <= number.integer <= 600000",
    "retries?": "0 <= number.integer <= 10",
    "backoff_ms?": "0 <= number.integer <= 60000",
    "max_pages?": "1 <= number.integer <= 100000",
    "region_scope?": /^\d{6}$/,
    "official_yoy?": "boolean",
  });

  const SourceConfig = FileSourceConfig.or(HttpSourceConfig);

  /** When `weici schedule` runs the job: `at` a local time (default 02:30) or a full `cron` expression. */
  const Schedule = type({
    "at?": /^([01]\d|2[0-3]):[0-5]\d$/,
    "cron?": type("string").narrow((s, ctx) => cron.validate(s) || ctx.mustBe('a cron expression such as "30 2 * * *"')),
    "timezone?": type("string").narrow((s, ctx) => isTimeZone(s) || ctx.mustBe("an IANA time zone such as Asia/Shanghai")),
  });

  const Config = type({
    "$comment?": "string",
    "warehouse?": "string",
    "work_dir?": "string",
    "site_dir?": "string",
    "memory_limit?": /^\d+(\.\d+)?\s*(MB|GB|MiB|GiB)$/,
    "threads?": "1 <= number.integer <= 64",
    /** Province shown in the site; defaults to the province most observations belong to. */
    "province?": /^\d{6}$/,
    /** Where the analyst views are exported as Parquet after each publish. */
    "parquet_dir?": "string",
    /** false: no Parquet export (national data: about 12 s and 500 MB a run that only Parquet readers need). */
    "parquet?": "boolean",
    /** A folder that receives a copy of the 完成情况表 workbooks and 通报 drafts after each publish, for mailing. */
    "outbox_dir?": "string",
    "schedule?": Schedule,
    /** Data checks: a reported 同比 further than this many 百分点 from weici's recomputation is listed (warn). */
    "checks?": { "yoy_tolerance_pp?": "0 <= number <= 100" },
    sources: SourceConfig.array(),
  });
  return { Config, SourceConfig };
};
const schema = arkSchema(buildSchema);

type RawSourceConfig = ReturnType<typeof schema>["SourceConfig"]["infer"];
type ConfigJson = ReturnType<typeof schema>["Config"]["infer"];
/** A source as the pipeline sees it: a file source always has its pattern (a table source's default filled in). */
export type SourceConfig = RawSourceConfig extends infer S ? (S extends { dir: string } ? Omit<S, "pattern"> & { pattern: string } : S) : never;

export interface ResolvedConfig {
  file: string;
  root: string;
  warehouse: string;
  workDir: string;
  siteDir: string;
  memoryLimit: string;
  threads: number | undefined;
  province: string | undefined;
  parquetDir: string;
  /** Whether the analyst views are exported as Parquet after each publish. */
  parquet: boolean;
  /** Where the office files are copied after each publish, or undefined. */
  outboxDir: string | undefined;
  schedule: { cron: string; timezone: string };
  /** 百分点 beyond which a reported 同比 and weici's own differ enough to be listed (default 0.5). */
  yoyTolerancePp?: number;
  sources: (SourceConfig & { absDir: string })[];
}

/** A table source's files when it names no pattern: every file in its folder and below (Excel lock files aside, see ingest). */
export const TABLE_PATTERN = "**/*";
export const DEFAULT_YOY_TOLERANCE_PP = 0.5;
/**
 * DuckDB's memory while building. DuckDB needs about 0.5 GB beside its buffer pool and Node about 0.1
 * GB: at 1GB a national build peaked at 1.52 GiB; at 900MB it stays near 1.35 GiB and takes 5 % longer.
 */
export const DEFAULT_MEMORY_LIMIT = "900MB";

export const DEFAULT_SCHEDULE = { at: "02:30", timezone: "Asia/Shanghai" } as const;

/** `text` is the file as read (what a passed check is remembered by); by default the JSON itself. */
export function parseConfig(json: unknown, file: string, text = JSON.stringify(json)): ResolvedConfig {
  rejectInlineSecrets(json, file);
  const out = checkedOnce(text, buildSchema, json, (j): ConfigJson => {
    const r = schema().Config(j);
    if (isArkErrors(r)) throw new ConfigError(`${file}: ${r.summary}`);
    return r;
  });
  const root = path.dirname(path.resolve(file));
  const ids = new Set<string>();
  for (const s of out.sources) {
    if (ids.has(s.id)) throw new ConfigError(`${file}: sources: id "${s.id}" is used twice; give each source its own id`);
    ids.add(s.id);
    if (s.kind !== "http-json" && s.pattern === undefined) {
      if (s.kind !== "table") throw new ConfigError(`${file}: sources[${s.id}].pattern is missing; write the files to read, e.g. "*.csv"`);
      s.pattern = TABLE_PATTERN;
    }
    if (s.kind !== "http-json" && (s.pattern!.split(/[\\/]/).includes("..") || path.isAbsolute(s.pattern!))) {
      throw new ConfigError(`${file}: sources[${s.id}].pattern must stay inside its dir (no "..", no absolute path)`);
    }
    // A relative dir is a folder of this project: "../../etc" is a mistake or an attack. A folder
    // elsewhere must be written as an absolute path, so that it is visible in the file.
    if (s.kind !== "http-json" && !path.isAbsolute(s.dir) && !isInside(root, path.resolve(root, s.dir))) {
      throw new ConfigError(`${file}: sources[${s.id}].dir "${s.dir}" leads outside the folder of the configuration file (${root}); ` +
        `keep source folders under it, or write the folder's absolute path if it really lives elsewhere`);
    }
  }
  const abs = (p: string) => path.resolve(root, p);
  const warehouse = abs(out.warehouse ?? "target/warehouse.duckdb");
  const [hh, mm] = (out.schedule?.at ?? DEFAULT_SCHEDULE.at).split(":").map(Number);
  const workDir = abs(out.work_dir ?? "target/work");
  const siteDir = abs(out.site_dir ?? "target/site");
  const parquetDir = out.parquet_dir ? abs(out.parquet_dir) : path.join(path.dirname(warehouse), "parquet");
  const sources = out.sources.map((s) => ({ ...s, absDir: abs(s.kind === "http-json" ? "." : s.dir) }) as SourceConfig & { absDir: string });
  const outboxDir = out.outbox_dir ? abs(out.outbox_dir) : undefined;
  // Each run replaces the site folder as a whole (pipelines/site-publish.ts): it must hold nothing else of value.
  const inSite = [
    ["the folder of the configuration file", root], ["warehouse", warehouse], ["work_dir", workDir], ["parquet_dir", parquetDir],
    ...(outboxDir ? [["outbox_dir", outboxDir]] : []),
    ...sources.filter((s) => s.kind !== "http-json").map((s) => [`the dir of source ${s.id}`, s.absDir]),
  ].find(([, p]) => isInside(siteDir, p!));
  if (inSite) {
    throw new ConfigError(`${file}: site_dir "${out.site_dir}" contains ${inSite[0]} (${inSite[1]}); each run replaces the site folder as a whole, so give the site a folder of its own such as target/site`);
  }
  // A pattern that reaches into sub-folders must not reach weici's own outputs (the site's CSVs, decoded copies).
  for (const s of sources) {
    if (s.kind === "http-json" || !/[\\/]|\*\*/.test(s.pattern)) continue;
    const output = [["site_dir", siteDir], ["work_dir", workDir], ["parquet_dir", parquetDir]].find(([, p]) => isInside(s.absDir, p!));
    if (output) {
      throw new ConfigError(`${file}: sources[${s.id}].pattern "${s.pattern}" would read weici's own output: ${output[0]} (${output[1]}) is inside its dir ${s.absDir}; ` +
        `give the source a folder of its own or a pattern without sub-folders`);
    }
  }
  return {
    file,
    root,
    warehouse,
    workDir,
    siteDir,
    memoryLimit: out.memory_limit ?? DEFAULT_MEMORY_LIMIT,
    threads: out.threads,
    province: out.province,
    parquetDir,
    parquet: out.parquet ?? true,
    outboxDir,
    schedule: { cron: out.schedule?.cron ?? `${mm} ${hh} * * *`, timezone: out.schedule?.timezone ?? DEFAULT_SCHEDULE.timezone },
    yoyTolerancePp: out.checks?.yoy_tolerance_pp ?? DEFAULT_YOY_TOLERANCE_PP,
    sources,
  };
}

/** A token, password or key written into the file would end up in backups and version control. */
function rejectInlineSecrets(json: unknown, file: string): void {
  const sources = (json as { sources?: unknown })?.sources;
  if (!Array.isArray(sources)) return;
  sources.forEach((s, i) => {
    for (const key of Object.keys(s ?? {})) {
      if (/token|password|secret|api_?key|authorization/i.test(key) && key !== "token_env") {
        throw new ConfigError(`${file}: sources[${i}].${key}: secrets are read only from environment variables; write "token_env": "NAME" and export NAME before running weici`);
      }
    }
  });
}

export function loadConfig(file: string): ResolvedConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ConfigError(`cannot read the configuration file ${file}; pass --config <file> or create weici.config.json`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  return parseConfig(json, file, text);
}
