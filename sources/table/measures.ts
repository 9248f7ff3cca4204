// What a sub-column under an indicator holds, read from its header words: our value (本年累计, 1-11月
// 累计, 本期, 完成数), last year's (去年同期), the reported 同比, 百分点 change, share, or rank and the
// group it ranks in (全市位次, 全省排名). Order matters: 增减(百分点) is a pp change, not a growth.

export type Measure = "value" | "prev" | "yoy" | "pp_change" | "share" | "rank" | "increment" | "month_only";
export type RankScope = "city" | "province";

export interface MeasureLabel {
  measure: Measure;
  rankScope?: RankScope;
  /** The rank is of the growth (增速位次) rather than the value. */
  rankBasis?: "value" | "yoy";
}

const norm = (s: string) => s.normalize("NFKC").replace(/\s+/g, "").replace(/[（]/g, "(").replace(/[）]/g, ")");

/** Header words that name only "the figure" of the indicator above them, never an indicator. */
const GENERIC_VALUE_WORDS = /^(项数|金额|数量|件数|家数|个数|人数|总额|总数|绝对数)$/;

const RULES: [RegExp, (s: string) => MeasureLabel][] = [
  [/位次|排名|排位|名次|位序/, (s) => ({
    measure: "rank",
    rankScope: /全省|省内|省/.test(s) ? "province" : "city",
    rankBasis: /增速|增幅|增长|同比/.test(s) ? "yoy" : "value",
  })],
  [/百分点/, () => ({ measure: "pp_change" })],
  [/占比|比重|占全市|占全省/, () => ({ measure: "share" })],
  [/同比|增长率|增速|增幅|增长\(%\)|增长%|比上年增长|比去年增长|^增长$/, () => ({ measure: "yoy" })],
  [/去年同期|上年同期|去年|上年|同期数|同期值/, () => ({ measure: "prev" })],
  [/增量|增加额|净增|增减$|增减额/, () => ({ measure: "increment" })],
  [/累计|本年|本期|完成|实绩|数值|总量|绝对值|合计|当年|^\d{1,2}-\d{1,2}月$|^1-?\d{0,2}月$/, () => ({ measure: "value" })],
  [/^本月$|^当月$|^本月数$/, () => ({ measure: "month_only" })],
  // A bare quantity word under an indicator ("技术合同登记" over 项数 | 同比±%): the figure itself.
  [GENERIC_VALUE_WORDS, () => ({ measure: "value" })],
];

/** A bare quantity word (项数, 金额 …): the figure of the indicator above it. */
export const isGenericValueWord = (label: string) => GENERIC_VALUE_WORDS.test(norm(label).replace(/\([^()]*\)$/, ""));

/** The measure a header word names, or null when it names none (then it is an indicator name). */
export function measureOf(label: string): MeasureLabel | null {
  const s = norm(label).replace(/[-—–~～至]/g, "-");
  for (const [re, make] of RULES) if (re.test(s)) return make(s);
  return null;
}

/** A header cell that is only a measure (同比(%), 位次), not an indicator carrying a measure word. */
export function isMeasureOnly(label: string): boolean {
  const s = norm(label).replace(/\([^()]*\)$/, "");
  if (GENERIC_VALUE_WORDS.test(s)) return true;
  return measureOf(s) !== null && s.length <= 8 && !/额|数|量|费用|企业|专利|合同|投资|支出|机构/.test(s.replace(/位次|名次|数值|(完成|同期|本月|本期|本年|累计|当期|实际|上年|去年)数|总量|增量|绝对值/g, ""));
}
