// Loads reference data (regions, indicator catalog, units, run context) into the ref schema when its
// inputs changed (see referenceInputsHash). It is small, so replacing it whole is simpler than diffing.
import { createHash } from "node:crypto";
import type { IndicatorCatalog } from "../sources/catalog.ts";
import { normalizeIndicatorName } from "../sources/catalog.ts";
import type { Region } from "../sources/regions.ts";
import { UNITS, UNIT_SPELLINGS } from "../sources/units.ts";
import { DEFAULT_YOY_TOLERANCE_PP } from "./config.ts";
import type { Warehouse } from "./warehouse.ts";

/** Beijing-time calendar month of the run: the only part of the run date the models read. */
function runMonth(d: Date): { date: string; year: number; month: number } {
  // The bureau's calendar is Beijing time, whatever the server's zone.
  const bj = new Date(d.getTime() + 8 * 3600_000);
  return { date: bj.toISOString().slice(0, 10), year: bj.getUTCFullYear(), month: bj.getUTCMonth() + 1 };
}

/**
 * Settings of the run the models read: per source whether its reported 同比 is the official one, and
 * the tolerance of the reported-vs-ours 同比 check.
 */
export interface ReferenceSettings {
  sources?: readonly { id: string; official_yoy?: boolean }[];
  yoyTolerancePp?: number;
}

export interface ReferenceInput {
  regions: readonly Region[];
  catalog: IndicatorCatalog;
  runDate: Date;
  settings?: ReferenceSettings;
}

function settingsRows(settings: ReferenceSettings | undefined) {
  return {
    sources: (settings?.sources ?? []).map((s) => [s.id, s.official_yoy === false ? "false" : "true"] as const),
    tolerance: settings?.yoyTolerancePp ?? DEFAULT_YOY_TOLERANCE_PP,
  };
}

/** A hash of everything loadReference would write, so an unchanged night can skip reloading it. */
export function referenceInputsHash(input: ReferenceInput): string {
  const { year, month } = runMonth(input.runDate);
  return createHash("sha256")
    .update(JSON.stringify([input.regions, input.catalog.indicators, input.catalog.names(), UNITS, UNIT_SPELLINGS, year, month, settingsRows(input.settings)]))
    .digest("hex");
}

export async function loadReference(wh: Warehouse, input: ReferenceInput): Promise<void> {
  await wh.exec(`
    create or replace table ref.regions (region_code varchar primary key, name varchar, level varchar, city_code varchar,
      city_name varchar, province_code varchar, province_name varchar);
    create or replace table ref.indicators (indicator_code varchar primary key, name_zh varchar, unit varchar, kind varchar,
      higher_is_better boolean, frequency varchar, skewed boolean, progress varchar, point_in_time boolean,
      value_decimals integer, yoy_decimals integer, increment_decimals integer, pp_decimals integer);
    -- Sources whose reported 同比 is the official figure (weici.config.json sources[].official_yoy, default true).
    create or replace table ref.sources (source_id varchar primary key, official_yoy boolean);
    create or replace table ref.indicator_names (name_key varchar primary key, indicator_code varchar);
    create or replace table ref.units (unit varchar primary key, family varchar, factor double);
    create or replace table ref.unit_spellings (written varchar primary key, unit varchar);
    create or replace table ref.run_context (run_date date, run_year integer, run_month integer, yoy_tolerance_pp double);
  `);
  await wh.append("ref", "regions", input.regions.map((r) => [r.code, r.name, r.level, r.city_code, r.city_name, r.province_code, r.province_name]));
  await wh.append(
    "ref",
    "indicators",
    input.catalog.indicators.map((i) => [
      i.code, i.name_zh, i.unit, i.kind, i.higher_is_better ? "true" : "false", i.frequency, i.skewed ? "true" : "false",
      i.progress ?? "linear", i.point_in_time ? "true" : "false",
      i.precision?.value ?? null, i.precision?.yoy ?? null, i.precision?.increment ?? null, i.precision?.pp_change ?? null,
    ]),
  );
  const settings = settingsRows(input.settings);
  if (settings.sources.length) await wh.append("ref", "sources", settings.sources);
  const names = new Map<string, string>();
  for (const { name, code } of input.catalog.names()) names.set(normalizeIndicatorName(name), code);
  for (const i of input.catalog.indicators) names.set(normalizeIndicatorName(i.code), i.code);
  await wh.append("ref", "indicator_names", [...names]);
  await wh.append("ref", "units", UNITS.map((u) => [u.unit, u.family, u.factor]));
  await wh.append("ref", "unit_spellings", [...UNITS.map((u) => [u.unit, u.unit] as const), ...Object.entries(UNIT_SPELLINGS)]);
  const m = runMonth(input.runDate);
  await wh.exec("insert into ref.run_context values (?::date, ?, ?, ?)", [m.date, m.year, m.month, settings.tolerance]);
}
