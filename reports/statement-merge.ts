// Merges the drafted statements of one figure across peer groups the way a bureau writes them:
// "高新技术企业数达1,567家，同比增长17.7%，居全市第一、全省第二（较去年同期后退1位）" instead of one
// sentence per group. A figure ranked in one group keeps the warehouse's sentence word for word.
import type { StatementRow } from "./model.ts";

export interface MergedStatement {
  kind: StatementRow["kind"];
  indicatorCode: string;
  basis: StatementRow["basis"];
  text: string;
  /** The rows merged, in the order given (their peer groups link to the rankings). */
  rows: StatementRow[];
}

/** `全省第二（较去年同期后退1位）`; after the first change the reference is understood: `（后退1位）`. */
function part(r: StatementRow, shortChange: boolean): string {
  const change = shortChange ? r.change_text?.replace(/^(较去年同期|较上年)/, "") : r.change_text;
  const notes = [r.rank_note, change].filter(Boolean);
  return `${r.rank_core}${notes.length ? `（${notes.join("，")}）` : ""}`;
}

/** Rows in display order; rows of the same kind, indicator, basis, period and figure are merged in place. */
export function mergeStatements(rows: StatementRow[]): MergedStatement[] {
  const out: MergedStatement[] = [];
  const byKey = new Map<string, MergedStatement>();
  for (const r of rows) {
    const mergeable = r.lead != null && r.rank_core != null;
    const key = mergeable ? [r.kind, r.indicator_code, r.basis, r.year, r.month, r.lead].join("|") : null;
    const existing = key ? byKey.get(key) : undefined;
    if (existing) {
      existing.rows.push(r);
      continue;
    }
    const merged: MergedStatement = { kind: r.kind, indicatorCode: r.indicator_code, basis: r.basis, text: r.text, rows: [r] };
    out.push(merged);
    if (key) byKey.set(key, merged);
  }
  for (const m of out) {
    if (m.rows.length < 2) continue;
    const [first] = m.rows;
    let changed = false;
    const parts = m.rows.map((r) => {
      const text = part(r, changed);
      changed ||= r.change_text != null;
      return text;
    });
    m.text = `${first!.lead}，${first!.basis_word ?? ""}${first!.tied ? "" : "居"}${parts.join("、")}`;
  }
  return out;
}
