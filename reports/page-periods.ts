// Which periods of an indicator get ranking pages. Every period since 2020 for 36 indicators and 15
// peer groups would be tens of thousands of pages, so besides the latest there are only the periods
// a bureau compares against: the same month of earlier years, last year's full year (全年) and the
// earlier quarter ends (or months) of the current year.
import type { Period } from "./model.ts";
import type { HistoryPolicy } from "./site-config.ts";

const ym = (p: { year: number; month: number }) => p.year * 100 + p.month;

/** Candidate periods, latest first, without duplicates; callers keep those that have data. */
export function candidatePeriods(latest: Period, policy: HistoryPolicy): Period[] {
  const out: Period[] = [latest];
  const annual = latest.annual;
  if (!annual) {
    for (let m = latest.month - 1; m >= 1; m--) {
      if (policy.currentYearMonths === "all" || (policy.currentYearMonths === "quarters" && m % 3 === 0)) {
        out.push({ year: latest.year, month: m, annual });
      }
    }
    if (latest.month !== 12 && policy.years > 0) out.push({ year: latest.year - 1, month: 12, annual });
  }
  for (let k = 1; k <= policy.years; k++) out.push({ year: latest.year - k, month: latest.month, annual });
  const seen = new Set<number>();
  return out.filter((p) => !seen.has(ym(p)) && seen.add(ym(p))).sort((a, b) => ym(b) - ym(a));
}

/** Same period? */
export function samePeriod(a: { year: number; month: number }, b: { year: number; month: number }): boolean {
  return a.year === b.year && a.month === b.month;
}

/** `year*100+month` key of a period. */
export const periodKey = ym;
