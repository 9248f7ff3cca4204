// The composite index configuration (config/composite-index.json): validated with arktype and
// loaded into ref.composite_index_indicators and ref.composite_index_settings, which the SQL models
// sql/marts/composite_index_scores.sql and composite_index.sql read. Kept apart from reference.ts so
// the index can change without touching the rest of the reference data.
import { readFileSync } from "node:fs";
import type { IndicatorCatalog } from "../sources/catalog.ts";
import { type Ark, arkSchema, isArkErrors } from "./ark.ts";
import { checkedOnce } from "./checked-once.ts";
import { ConfigError } from "./errors.ts";
import { projectPath } from "./paths.ts";
import type { Warehouse } from "./warehouse.ts";

/** Built on first use (ark.ts). */
const buildSchema = (type: Ark) => {
  const IndexIndicator = type({
    code: /^[a-z][a-z0-9_]*$/,
    weight: "number > 0",
    standard: "number > 0",
    "transform?": "'sqrt' | 'none'",
  });

  const IndexConfig = type({
    "$comment?": "string",
    name: "string > 0",
    min_coverage: "0 < number <= 1",
    indicators: IndexIndicator.array().atLeastLength(1),
  });
  return IndexConfig;
};
const schema = arkSchema(buildSchema);

export type CompositeIndexConfig = ReturnType<typeof schema>["infer"];

export const DEFAULT_COMPOSITE_INDEX_PATH = projectPath("config", "composite-index.json");

/** Validates the parsed JSON; every problem names the file and the key so it can be fixed by hand. */
export function parseCompositeIndexConfig(json: unknown, file: string, catalog: IndicatorCatalog, text = JSON.stringify(json)): CompositeIndexConfig {
  const out = checkedOnce(text, buildSchema, json, (j): CompositeIndexConfig => {
    const r = schema()(j);
    if (isArkErrors(r)) throw new ConfigError(`${file}: ${r.summary}`);
    return r;
  });
  const seen = new Set<string>();
  for (const i of out.indicators) {
    if (!catalog.get(i.code)) throw new ConfigError(`${file}: indicators: "${i.code}" is not in config/indicators.json; use a catalog code`);
    if (seen.has(i.code)) throw new ConfigError(`${file}: indicators: "${i.code}" is listed twice; list each indicator once`);
    seen.add(i.code);
  }
  return out;
}

export function readCompositeIndexConfig(catalog: IndicatorCatalog, file = DEFAULT_COMPOSITE_INDEX_PATH): CompositeIndexConfig {
  let json: unknown;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file}: cannot read the composite index configuration: ${(e as Error).message}`, { cause: e });
  }
  return parseCompositeIndexConfig(json, file, catalog, text);
}

/** Replaces the two ref tables; the transform defaults to sqrt for indicators the catalog marks skewed. */
export async function loadCompositeIndexReference(wh: Warehouse, config: CompositeIndexConfig, catalog: IndicatorCatalog): Promise<void> {
  await wh.exec(`
    create or replace table ref.composite_index_indicators (indicator_code varchar primary key, weight double,
      standard_value double, transform varchar);
    create or replace table ref.composite_index_settings (name varchar, min_coverage double);
  `);
  await wh.append(
    "ref",
    "composite_index_indicators",
    config.indicators.map((i) => [i.code, i.weight, i.standard, i.transform ?? (catalog.get(i.code)?.skewed ? "sqrt" : "none")]),
  );
  await wh.append("ref", "composite_index_settings", [[config.name, config.min_coverage]]);
}

/** What run.ts calls: read, validate and load the default configuration. */
export async function loadCompositeIndex(wh: Warehouse, catalog: IndicatorCatalog, file?: string): Promise<void> {
  await loadCompositeIndexReference(wh, readCompositeIndexConfig(catalog, file), catalog);
}
