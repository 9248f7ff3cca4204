// Sheets of one workbook that give the same figure twice: a print copy of the data sheet, a sheet
// copied and then edited, an old sheet hidden instead of deleted. Like two files giving one key (see
// sql/marts/submission_conflicts.sql), a workbook's sheets are ranked — visible sheets before hidden
// ones, then in workbook order — and the first sheet giving a key is kept. A later sheet with the same
// figure counts once (nothing to fix); one with a different figure is quarantined naming both sheets.
// Keys are compared as written (region, indicator name without spaces, period); repeats that only the
// catalog can recognise (an alias, 万元 against 亿元) are left to staging, which keeps the first sheet
// by name (sql/staging/stg_observations.sql).
import type { RejectedRow, SubmissionRow } from "./rows.ts";
import { unescapeXml } from "./xlsx-formats.ts";

/** Names of the sheets workbook.xml marks hidden or very hidden. */
export function hiddenSheets(workbookXml: string): Set<string> {
  const out = new Set<string>();
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b((?:[^>"']|"[^"]*"|'[^']*')*)\/?>/g)) {
    const attrs = m[1]!;
    const name = /(?:^|\s)name\s*=\s*"([^"]*)"/.exec(attrs)?.[1];
    if (name !== undefined && /(?:^|\s)state\s*=\s*"(?:hidden|veryHidden)"/.test(attrs)) out.add(unescapeXml(name));
  }
  return out;
}

/** Sheets in the order their figures take precedence: visible ones in workbook order, then hidden ones. */
export function rankSheets<S extends { sheet: string }>(sheets: readonly S[], hidden: ReadonlySet<string>): S[] {
  return [...sheets.filter((s) => !hidden.has(s.sheet)), ...sheets.filter((s) => hidden.has(s.sheet))];
}

const squash = (s: string | null) => (s ?? "").replace(/[\s\u3000]+/g, "");
const keyOf = (r: SubmissionRow) =>
  [squash(r.region_code) || squash(r.region_name), squash(r.indicator_name), squash(r.year), squash(r.month)].join("|");
const shownValue = (r: SubmissionRow) => `${r.value ?? "(empty)"}${r.unit ? ` ${r.unit}` : ""}`;

/**
 * Splits rows (already in sheet precedence order) into those to load and the repeats on later sheets:
 * a repeat with the same value and unit is dropped (the figure counts once), one with another is rejected.
 */
export function resolveSheetRepeats<R extends SubmissionRow>(rows: readonly R[], hidden: ReadonlySet<string>): { rows: R[]; rejected: RejectedRow[]; copies: number } {
  const first = new Map<string, R>();
  const kept: R[] = [];
  const rejected: RejectedRow[] = [];
  let copies = 0;
  for (const r of rows) {
    const key = keyOf(r);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, r);
      kept.push(r);
      continue;
    }
    // Repeats within one sheet are staging's to report (duplicate of row N).
    if (earlier.sheet === r.sheet) {
      kept.push(r);
      continue;
    }
    if (squash(earlier.value) === squash(r.value) && squash(earlier.unit) === squash(r.unit)) {
      copies++;
      continue;
    }
    const why = hidden.has(r.sheet ?? "") && !hidden.has(earlier.sheet ?? "") ? `sheet "${r.sheet}" is hidden` : `sheet "${earlier.sheet}" comes first in the workbook`;
    rejected.push({
      sheet: r.sheet, row_number: r.row_number, field: "value", raw: r.raw,
      reason: `conflicts with sheet "${earlier.sheet}" row ${earlier.row_number}: ${shownValue(r)} here, ${shownValue(earlier)} there ` +
        `(same region, indicator and period in this workbook); kept sheet "${earlier.sheet}" because ${why}; correct or delete the wrong sheet`,
    });
  }
  return { rows: kept, rejected, copies };
}
