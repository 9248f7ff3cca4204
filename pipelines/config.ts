// The one configuration file (weici.config.json): sources, paths and limits, validated with arktype so
// a mistake names its key. Paths are relative to the file; secrets come only from the environment.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type } from "arktype";
import { ConfigError } from "./errors.ts";

const SourceConfig = type({
  id: /^[a-z0-9][a-z0-9_-]*$/,
  kind: "'csv' | 'xlsx' | 'targets-csv' | 'peer-groups-csv' | 'report-text'",
  dir: "string > 0",
  pattern: "string > 0",
  "encoding?": "'auto' | 'utf-8' | 'gbk' | 'gb18030'",
  /** 6-digit province or city code within which region names are resolved (names repeat across China). */
  "region_scope?": /^\d{6}$/,
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
  sources: SourceConfig.array(),
});

export type SourceConfig = typeof SourceConfig.infer;

export interface ResolvedConfig {
  file: string;
  root: string;
  warehouse: string;
  workDir: string;
  siteDir: string;
  memoryLimit: string;
  threads: number | undefined;
  province: string | undefined;
  sources: (SourceConfig & { absDir: string })[];
}

export function parseConfig(json: unknown, file: string): ResolvedConfig {
  const out = Config(json);
  if (out instanceof type.errors) throw new ConfigError(`${file}: ${out.summary}`);
  const root = path.dirname(path.resolve(file));
  const ids = new Set<string>();
  for (const s of out.sources) {
    if (ids.has(s.id)) throw new ConfigError(`${file}: sources: id "${s.id}" is used twice; give each source its own id`);
    ids.add(s.id);
    if (s.pattern.split(/[\\/]/).includes("..") || path.isAbsolute(s.pattern)) {
      throw new ConfigError(`${file}: sources[${s.id}].pattern must stay inside its dir (no "..", no absolute path)`);
    }
  }
  const abs = (p: string) => path.resolve(root, p);
  return {
    file,
    root,
    warehouse: abs(out.warehouse ?? "target/warehouse.duckdb"),
    workDir: abs(out.work_dir ?? "target/work"),
    siteDir: abs(out.site_dir ?? "target/site"),
    memoryLimit: out.memory_limit ?? "1GB",
    threads: out.threads,
    province: out.province,
    sources: out.sources.map((s) => ({ ...s, absDir: abs(s.dir) })),
  };
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
  return parseConfig(json, file);
}
