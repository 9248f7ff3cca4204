// Loads reference data (regions, indicator catalog, units, run context) into the ref schema on every
// run. It is small, so replacing it whole is simpler and safer than diffing.
import type { IndicatorCatalog } from "../sources/catalog.ts";
import { normalizeIndicatorName } from "../sources/catalog.ts";
import type { Region } from "../sources/regions.ts";
import { UNITS, UNIT_SPELLINGS } from "../sources/units.ts";
import type { Warehouse } from "./warehouse.ts";

export async function loadReference(
  wh: Warehouse,
  input: { regions: readonly Region[]; catalog: IndicatorCatalog; runDate: Date },
): Promise<void> {
  await wh.exec(`
    create or replace table ref.regions (region_code varchar primary key, name varchar, level varchar, city_code varchar,
      city_name varchar, province_code varchar, province_name varchar);
    create or replace table ref.indicators (indicator_code varchar primary key, name_zh varchar, unit varchar, kind varchar,
      higher_is_better boolean, frequency varchar, skewed boolean);
    create or replace table ref.indicator_names (name_key varchar primary key, indicator_code varchar);
    create or replace table ref.units (unit varchar primary key, family varchar, factor double);
    create or replace table ref.unit_spellings (written varchar primary key, unit varchar);
    create or replace table ref.run_context (run_date date, run_year integer, run_month integer);
  `);
  await wh.append("ref", "regions", input.regions.map((r) => [r.code, r.name, r.level, r.city_code, r.city_name, r.province_code, r.province_name]));
  await wh.append(
    "ref",
    "indicators",
    input.catalog.indicators.map((i) => [i.code, i.name_zh, i.unit, i.kind, i.higher_is_better ? "true" : "false", i.frequency, i.skewed ? "true" : "false"]),
  );
  const names = new Map<string, string>();
  for (const { name, code } of input.catalog.names()) names.set(normalizeIndicatorName(name), code);
  for (const i of input.catalog.indicators) names.set(normalizeIndicatorName(i.code), i.code);
  await wh.append("ref", "indicator_names", [...names]);
  await wh.append("ref", "units", UNITS.map((u) => [u.unit, u.family, u.factor]));
  await wh.append("ref", "unit_spellings", [...UNITS.map((u) => [u.unit, u.unit] as const), ...Object.entries(UNIT_SPELLINGS)]);
  const d = input.runDate;
  // The bureau's calendar is Beijing time, whatever the server's zone.
  const bj = new Date(d.getTime() + 8 * 3600_000);
  await wh.exec("insert into ref.run_context values (?::date, ?, ?)", [bj.toISOString().slice(0, 10), bj.getUTCFullYear(), bj.getUTCMonth() + 1]);
}
