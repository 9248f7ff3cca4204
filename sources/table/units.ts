// Units of a table's figures, from the places bureaus write them: the sub-column header (本年累计(亿元)),
// the indicator cell (研发费用（亿元）), a unit column, or the unit row (单位：亿元、家、%). A unit row
// listing several units gives each indicator the one of its own family (money, count, …) in the catalog.
import type { IndicatorCatalog } from "../catalog.ts";
import { UNITS, canonicalUnit } from "../units.ts";

const familyOf = new Map(UNITS.map((u) => [u.unit, u.family]));

/** The unit in a trailing parenthesis, 本年累计(亿元) → 亿元; percent signs are not a unit of a value. */
export function unitInLabel(label: string): string | null {
  const m = /[（(]([^（()）]+)[）)]\s*$/.exec(label.normalize("NFKC"));
  if (!m) return null;
  const u = canonicalUnit(m[1]!.replace(/^单位[:：]/, ""));
  return u ?? null;
}

/** The units a unit row lists: "单位：亿元、家、%" → [亿元, 家, %]; null when the row is no unit row. */
export function unitRow(cells: readonly (string | null)[]): string[] | null {
  for (const c of cells) {
    const m = c && /^(?:计量)?单位\s*[:：]\s*(.+)$/.exec(c.normalize("NFKC").trim());
    if (!m) continue;
    return m[1]!.split(/[、,，;；/\s]+/).map((u) => canonicalUnit(u) ?? u.trim()).filter((u) => u !== "");
  }
  return null;
}

/**
 * The unit row's unit for an indicator: the only one listed, or the one of the indicator's family.
 * Returns null when the row names none of that family, or several (亿元 and 万元): that is not guessed.
 */
export function unitFromRow(units: readonly string[], indicator: string, catalog?: IndicatorCatalog): string | null {
  const known = units.filter((u) => familyOf.has(u));
  if (known.length === 1) return known[0]!;
  const ind = catalog?.resolve(indicator);
  if (!ind) return null;
  const family = familyOf.get(canonicalUnit(ind.unit) ?? "");
  const same = known.filter((u) => familyOf.get(u) === family);
  return same.length === 1 ? same[0]! : null;
}

/** Two units for one figure that name different things. */
export function unitsDisagree(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && (canonicalUnit(a) ?? a) !== (canonicalUnit(b) ?? b);
}
