// The indicator catalog: codes, Chinese names, aliases, units and kinds, read from config/indicators.json
// and validated, so an analyst can add an indicator by editing one file.
import { readFileSync } from "node:fs";
import { type Ark, arkSchema, isArkErrors } from "../pipelines/ark.ts";
import { checkedOnce } from "../pipelines/checked-once.ts";
import { ConfigError } from "../pipelines/errors.ts";
import { projectPath } from "../pipelines/paths.ts";
import { canonicalUnit } from "./units.ts";

/** The catalog's schema, built on first use (pipelines/ark.ts). */
const buildSchema = (type: Ark) => {
  const Indicator = type({
    code: /^[a-z][a-z0-9_]*$/,
    name_zh: "string > 0",
    aliases: "string[]",
    unit: "string > 0",
    kind: "'stock' | 'flow' | 'ratio'",
    higher_is_better: "boolean",
    frequency: "'monthly' | 'annual'",
    "skewed?": "boolean",
    /**
     * 时序进度 of a level target: linear (month ÷ 12, flows that accrue evenly) or last_year (last year's
     * share of its total reached by the same month, 按去年同期进度: indicators certified in batches).
     */
    "progress?": "'linear' | 'last_year'",
    /**
     * Decimals a figure is published (and ranked) at, per basis; absent = the display rule of
     * reports/format.ts displayDecimals (the unit's decimals, more for small amounts; 同比 1; 百分点 2).
     */
    "precision?": { "value?": "0 <= number.integer <= 6", "yoy?": "0 <= number.integer <= 6", "increment?": "0 <= number.integer <= 6", "pp_change?": "0 <= number.integer <= 6" },
    /** A ratio measured at a point in time (每万人发明专利拥有量: 10月末) rather than over the year-to-date window. */
    "point_in_time?": "boolean",
  });
  const Catalog = type({ "$comment?": "string", indicators: Indicator.array().atLeastLength(1) });
  return Catalog;
};
const schema = arkSchema(buildSchema);

export type Indicator = ReturnType<typeof schema>["infer"]["indicators"][number];

export const DEFAULT_CATALOG_PATH = projectPath("config", "indicators.json");

/** Full-width ASCII (！…～) and its half-width twin: DuckDB's translate() gets the same pair. */
export const FULL_WIDTH = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0xff01 + i)).join("");
export const HALF_WIDTH = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i)).join("");
const toHalf = new Map([...FULL_WIDTH].map((c, i) => [c, HALF_WIDTH[i]!]));

/**
 * Key an indicator name is matched by: full-width folded, spaces removed, a trailing unit in
 * parentheses dropped, upper case. The SQL macro norm_name() in pipelines/ddl.ts does exactly the same.
 */
export function normalizeIndicatorName(name: string): string {
  return [...name]
    .map((c) => toHalf.get(c) ?? c)
    .join("")
    .replace(/[\s\u3000]+/g, "")
    .replace(/[(][^()]*[)]$/, "")
    .toUpperCase();
}

export class IndicatorCatalog {
  readonly indicators: readonly Indicator[];
  private readonly byCode: Map<string, Indicator>;
  private readonly byName: Map<string, Indicator>;

  constructor(indicators: readonly Indicator[]) {
    this.indicators = indicators;
    this.byCode = new Map(indicators.map((i) => [i.code, i]));
    this.byName = new Map();
    for (const i of indicators) {
      for (const n of [i.name_zh, ...i.aliases]) {
        const key = normalizeIndicatorName(n);
        const prev = this.byName.get(key);
        if (prev && prev.code !== i.code) {
          throw new ConfigError(`indicator catalog: name "${n}" is used by both ${prev.code} and ${i.code}; keep each alias on one indicator`);
        }
        this.byName.set(key, i);
      }
    }
  }

  get(code: string): Indicator | undefined {
    return this.byCode.get(code);
  }

  /** Finds an indicator by code, Chinese name or alias (spacing and width-insensitive). */
  resolve(nameOrCode: string): Indicator | undefined {
    return this.byCode.get(nameOrCode.trim()) ?? this.byName.get(normalizeIndicatorName(nameOrCode));
  }

  /** Every (name, code) pair, longest name first: the order a text matcher should try them in. */
  names(): { name: string; code: string }[] {
    return this.indicators
      .flatMap((i) => [i.name_zh, ...i.aliases].map((name) => ({ name, code: i.code })))
      .sort((a, b) => b.name.length - a.name.length);
  }
}

/** `text` is the file as read (what a passed check is remembered by, pipelines/checked-once.ts). */
export function parseCatalog(json: unknown, file = "config/indicators.json", text = JSON.stringify(json)): IndicatorCatalog {
  const out = checkedOnce(text, buildSchema, json, (j): ReturnType<typeof schema>["infer"] => {
    const r = schema()(j);
    if (isArkErrors(r)) throw new ConfigError(`${file}: ${r.summary}\nFix the entry named above; see README "Add an indicator".`);
    return r;
  });
  for (const i of out.indicators) {
    if (!canonicalUnit(i.unit)) {
      throw new ConfigError(`${file}: indicator ${i.code} has unknown unit "${i.unit}"; use one of the units in sources/units.ts`);
    }
  }
  return new IndicatorCatalog(out.indicators);
}

export function loadCatalog(file = DEFAULT_CATALOG_PATH): IndicatorCatalog {
  let json: unknown;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file}: cannot read the indicator catalog (${(e as Error).message})`, { cause: e });
  }
  return parseCatalog(json, file, text);
}
