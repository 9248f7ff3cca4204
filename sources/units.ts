// Units a bureau writes and how they convert. Units in one family convert by factor (万元 → 亿元 = ×0.0001);
// units of different families never convert, so a count reported in 亿元 is quarantined, not guessed.

export type UnitFamily = "money" | "count" | "percent" | "per10k" | "area" | "people";

export interface UnitDef {
  unit: string;
  family: UnitFamily;
  /** Size of one unit in the family's base (元, 个, %, 件/万人, 平方米, 人). */
  factor: number;
}

export const UNITS: readonly UnitDef[] = [
  { unit: "元", family: "money", factor: 1 },
  { unit: "万元", family: "money", factor: 1e4 },
  { unit: "百万元", family: "money", factor: 1e6 },
  { unit: "亿元", family: "money", factor: 1e8 },
  { unit: "家", family: "count", factor: 1 },
  { unit: "个", family: "count", factor: 1 },
  { unit: "项", family: "count", factor: 1 },
  { unit: "件", family: "count", factor: 1 },
  { unit: "%", family: "percent", factor: 1 },
  { unit: "件/万人", family: "per10k", factor: 1 },
  { unit: "平方米", family: "area", factor: 1 },
  { unit: "万平方米", family: "area", factor: 1e4 },
  { unit: "人", family: "people", factor: 1 },
  { unit: "万人", family: "people", factor: 1e4 },
];

/** Spellings seen in submissions mapped to the canonical unit text. */
export const UNIT_SPELLINGS: Record<string, string> = {
  "％": "%",
  "百分比": "%",
  "万人件": "件/万人",
  "件每万人": "件/万人",
  "m2": "平方米",
  "㎡": "平方米",
  "万㎡": "万平方米",
  "万m2": "万平方米",
};

const byUnit = new Map(UNITS.map((u) => [u.unit, u]));

/** Canonical spelling of a unit as written (trims, full-width %, common variants); undefined if unknown. */
export function canonicalUnit(written: string): string | undefined {
  const t = written.trim().replace(/^[（(]|[）)]$/g, "").trim();
  const u = UNIT_SPELLINGS[t] ?? t;
  return byUnit.has(u) ? u : undefined;
}

/**
 * Factor to multiply a value in `from` by to get `to`, or undefined when they cannot convert
 * (unknown unit, or different families such as 家 and 亿元).
 */
export function conversionFactor(from: string, to: string): number | undefined {
  const f = byUnit.get(canonicalUnit(from) ?? "");
  const t = byUnit.get(canonicalUnit(to) ?? "");
  if (!f || !t || f.family !== t.family) return undefined;
  return f.factor / t.factor;
}
