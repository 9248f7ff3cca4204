// Finds the period a table covers in the words around it: 2026年1-11月, 2026年11月, 1—11月, 2025年,
// 全年, 一季度/上半年/前三季度, full-width digits and Chinese-numeral years (二〇二五年). A month
// without a year borrows the year from the next place looked at (a sheet "1-11月" in a file "2026年…").

export interface Period {
  year: number;
  month: number;
}

export interface FoundPeriod extends Period {
  /** Where it was read: "title", "sheet name", "file name" or "layout hint". */
  from: string;
  text: string;
}

const CN_DIGITS: Record<string, string> = { "〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9" };
const CN_MONTHS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };

/** Full-width forms folded, Chinese-numeral years and months written as digits. */
export function foldPeriodText(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/([〇○零一二三四五六七八九]{4})\s*年/g, (_, y: string) => `${[...y].map((c) => CN_DIGITS[c]).join("")}年`)
    .replace(/(十[一二]|[一二三四五六七八九十])(?=\s*月)/g, (m) => String(CN_MONTHS[m] ?? m))
    .replace(/[—–－~～至到]/g, "-");
}

const WINDOW_WORDS: [RegExp, number][] = [
  [/全年|年度|1-12月/, 12],
  [/前三季度/, 9],
  [/上半年/, 6],
  [/一季度|第一季度/, 3],
];

/** Year and month (month may be missing) written in one text. */
export function periodIn(text: string): { year: number | null; month: number | null; text: string } | null {
  const t = foldPeriodText(text);
  const year = /((?:19|20)\d{2})\s*年/.exec(t) ?? /(?:^|\D)((?:19|20)\d{2})(?:[-._/]?(0[1-9]|1[0-2]))?(?:\D|$)/.exec(t);
  const months = /(?:1\s*-\s*)?(\d{1,2})\s*月(?:份)?/.exec(t);
  let month: number | null = months ? Number(months[1]) : null;
  if (month === null) for (const [re, m] of WINDOW_WORDS) if (re.test(t)) (month = m);
  if (month === null && year?.[2]) month = Number(year[2]);
  if (month !== null && (month < 1 || month > 12)) month = null;
  const y = year ? Number(year[1]) : null;
  if (y === null && month === null) return null;
  return { year: y, month, text: text.trim() };
}

/**
 * The period from the first place that names one, in order. A year alone ("2025年") is the whole year;
 * a month alone takes the year from a later place. Returns null when no place names a year.
 */
export function findPeriod(places: readonly { from: string; text: string }[]): FoundPeriod | null {
  let month: { month: number; from: string; text: string } | null = null;
  for (const p of places) {
    const found = periodIn(p.text);
    if (!found) continue;
    if (found.year === null) {
      month ??= { month: found.month!, from: p.from, text: found.text };
      continue;
    }
    if (month) return { year: found.year, month: month.month, from: `${month.from} (year from ${p.from})`, text: month.text };
    return { year: found.year, month: found.month ?? 12, from: p.from, text: found.text };
  }
  return null;
}

/** A layout hint's period: "2026-11", "2026年1-11月" or "2025". */
export function parsePeriodHint(s: string): Period | null {
  const p = periodIn(/^\d{4}-\d{1,2}$/.test(s) ? `${s.slice(0, 4)}年${Number(s.slice(5))}月` : s);
  return p?.year ? { year: p.year, month: p.month ?? 12 } : null;
}
