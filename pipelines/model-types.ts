// ENUM types for the codes the big model tables repeat millions of times: region and indicator codes,
// peer groups and ranking bases. An ENUM value is stored, joined, grouped and sorted as a small
// integer but reads, compares and exports (Parquet) as its text, so the analyst views keep their
// contract. At national scale writing these codes as text was most of the cost of writing the marts.
//
// The types are made again before every build from the reference data and the peer-group rows; the
// values are sorted so ordering by an ENUM column orders by its text. A table keeps its own copy of a
// type's values, so replacing a type never breaks a built table; the values' hash is part of every
// model's definition (incremental.ts), so a change rebuilds every table that uses the type.
import { createHash } from "node:crypto";
import type { Warehouse } from "./warehouse.ts";

/** name → query listing the values (one text column). */
export const MODEL_TYPES: Readonly<Record<string, string>> = {
  weici_region: "select region_code from ref.regions",
  weici_indicator: "select indicator_code from ref.indicators",
  // The ids and names staging.stg_peer_group_members gives groups: 全市, 全省 and custom groups.
  weici_peer_group: `select 'city:' || city_code from ref.regions where city_code is not null
    union all select 'province:' || province_code from ref.regions
    union all select 'custom:' || trim(group_name) from raw.peer_group_rows where trim(group_name) <> ''`,
  weici_peer_group_name: `select city_name from ref.regions where city_code is not null
    union all select province_name from ref.regions
    union all select trim(group_name) from raw.peer_group_rows where trim(group_name) <> ''`,
  weici_basis: "select unnest(['value', 'yoy', 'increment', 'pp_change'])",
};

/** Creates (or replaces) the types; returns a hash of their values. */
export async function createModelTypes(wh: Warehouse): Promise<string> {
  const h = createHash("sha256");
  for (const [name, values] of Object.entries(MODEL_TYPES)) {
    const list = `select distinct v from (${values}) t(v) where v is not null order by v`;
    await wh.exec(`create or replace type ${name} as enum (${list})`);
    const row = await wh.one<{ v: string }>(`select string_agg(v, chr(10) order by v) as v from (${list})`);
    h.update(name).update("\0").update(row?.v ?? "").update("\0");
  }
  return h.digest("hex");
}
