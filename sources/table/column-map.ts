// Turns each column's header path into (indicator, measure, unit): the deepest header word that is
// not a measure is the indicator, the last word says the measure, and a measure-only column (同比(%),
// 位次) standing alone in a one-level header belongs to the indicator to its left.
import type { IndicatorCatalog } from "../catalog.ts";
import { columnLetter } from "./grid.ts";
import { isGenericValueWord, isMeasureOnly, measureOf } from "./measures.ts";
import type { ColumnInfo } from "./types.ts";
import { unitFromRow, unitInLabel, unitsDisagree } from "./units.ts";

const IGNORED = /^(序号|编号|行次|No\.?|栏次)$/i;

export interface ColumnMapOpts {
  skip: ReadonlySet<number>;
  unitRow: string[] | null;
  hintUnit?: string;
  catalog?: IndicatorCatalog;
}

export function mapColumns(paths: readonly string[][], opts: ColumnMapOpts): ColumnInfo[] {
  const out: ColumnInfo[] = [];
  let lastIndicator: string | undefined;
  paths.forEach((path, c) => {
    const letter = columnLetter(c);
    const header = path.join(" / ");
    if (opts.skip.has(c)) return;
    if (path.length === 0) return out.push({ letter, header, role: "ignored", note: "no header" });
    const leaf = path[path.length - 1]!;
    if (IGNORED.test(leaf)) return out.push({ letter, header, role: "ignored", note: "row numbers" });
    const label = measureOf(leaf);
    const words = path.filter((w) => !isMeasureOnly(w));
    let indicator = words[words.length - 1];
    // A measure column whose indicator is the column to its left (one-level header: 研发费用 | 同比 | 位次).
    if (!indicator && path.every((w) => isMeasureOnly(w))) indicator = lastIndicator;
    if (!indicator) return out.push({ letter, header, role: "ignored", note: "no indicator above this column" });
    // 技术合同登记 over 项数 | 金额: the group and its quantity word together may name the indicator
    // (技术合同登记数, 技术合同登记额) where the group alone names another one or none.
    if (opts.catalog && leaf !== indicator && isGenericValueWord(leaf)) {
      const word = leaf.replace(/[（(][^（()）]*[）)]\s*$/, "").trim();
      indicator = [indicator + word, indicator + word.slice(-1)].find((n) => opts.catalog!.resolve(n)) ?? indicator;
    }
    lastIndicator = indicator;
    const measure = label && (isMeasureOnly(leaf) || path.length === 1) && leaf !== indicator ? label : { measure: "value" as const };
    const info: ColumnInfo = { letter, header, role: "measure", indicator: indicator.replace(/[（(][^（()）]*[）)]\s*$/, "").trim(), measure: measure.measure, rankScope: measure.rankScope };
    if (measure.measure === "value" || measure.measure === "prev") {
      const inLeaf = leaf !== indicator ? unitInLabel(leaf) : null;
      const inName = unitInLabel(indicator);
      const fromRow = opts.unitRow ? unitFromRow(opts.unitRow, info.indicator!, opts.catalog) : null;
      const written = [inLeaf, inName].filter((u): u is string => u !== null);
      if (written.length === 2 && unitsDisagree(written[0]!, written[1]!)) info.note = `units disagree: ${written[0]} in "${leaf}", ${written[1]} in "${indicator}"`;
      else if (written.length > 0 && unitsDisagree(written[0]!, fromRow) && opts.unitRow && opts.unitRow.length === 1) {
        info.note = `units disagree: ${written[0]} in the header, ${fromRow} in the unit row`;
      }
      info.unit = written[0] ?? fromRow ?? opts.hintUnit ?? null;
    }
    if (measure.measure === "rank") info.note = `${measure.rankScope === "province" ? "全省" : "全市"} rank by ${measure.rankBasis === "yoy" ? "growth" : "value"}`;
    if (measure.measure === "share" || measure.measure === "increment" || measure.measure === "month_only") info.note = `${measure.measure}: shown, not loaded`;
    (info as ColumnInfo & { rankBasis?: string }).rankBasis = measure.rankBasis;
    out.push(info);
  });
  return out;
}

/** Columns of one indicator, by measure. More than one value column is settled by preferring 累计 (year to date). */
export function groupByIndicator(cols: readonly ColumnInfo[]): Map<string, ColumnInfo[]> {
  const m = new Map<string, ColumnInfo[]>();
  for (const c of cols) if (c.role === "measure" && c.indicator) m.set(c.indicator, [...(m.get(c.indicator) ?? []), c]);
  return m;
}

export function pickValueColumn(cols: readonly ColumnInfo[]): { column: ColumnInfo | null; ambiguous: ColumnInfo[] } {
  const values = cols.filter((c) => c.measure === "value");
  if (values.length <= 1) return { column: values[0] ?? null, ambiguous: [] };
  const ytd = values.filter((c) => /累计|1\s*[-—–~至]\s*\d{1,2}\s*月|本年|全年/.test(c.header.split(" / ").pop() ?? ""));
  if (ytd.length === 1) return { column: ytd[0]!, ambiguous: [] };
  return { column: null, ambiguous: ytd.length > 1 ? ytd : values };
}
