// Numbers that carry a unit yet are not figures: names with digits, policy titles, thresholds that
// qualify a noun, rank changes, page-view counters. Each rule looks only at a few characters around
// the number, so the checks cost the same on any input.
import type { NumberToken } from "./numbers.ts";
import { isClauseEnd } from "./sentences.ts";
import { isCjk, type UnitMatch } from "./unit-words.ts";

const LATIN_OR_DIGIT = /[A-Za-z0-9._+/×*#@-]/;
const POLICY_BEFORE = /(?:新政|政策|改革|负担|措施|举措|条例|办法|意见|规定|[优金])$/;
const POLICY_AFTER = /^(?:[^,。;、]{0,6})(?:政策|措施|举措|意见|新政|规定|办法|条例|细则)/;
const COUNTER_BEFORE = /(?:浏览|点击|阅读|访问|访客|评论|转发|点赞)(?:次数|量|数|人次)?[::\s]*$/;
// "跻身全省前10位", "排名前三名": a band of ranks, not a count of people.
const TOP_BAND_BEFORE = /前$/;
const PEER_GROUP_AFTER =
  /^(?:[\u4e00-\u9fa5]{0,6}?(?:中|之中|里)(?:排名|排位|位居|位列|居|列|排)|(?:区县市?|县市区|县区|区县|地市|设区市|城市|县\(市、区\)|省份|区|县|市)第)/;
// After a Chinese numeral these nouns name kinds of work, not things counted: "深化三项制度改革",
// "打好三场硬仗", "办好十件实事", "二次创业", "三位一体".
const CN_ABSTRACT_AFTER: Record<string, RegExp> = {
  项: /^(?:制度|机制|举措|措施|行动|工作|改革|任务|原则|要求|政策|服务|工程|活动|重点|内容|职能|标准|清单|规定|能力|主要|重大|重要)/,
  场: /^(?:硬仗|战役|攻坚战|革命|变革)/,
  件: /^(?:实事|大事|好事|要事)/,
  次: /^[\u4e00-\u9fa5]/,
  位: /^一体/,
};
const INSTITUTE_NEXT = /^(?:[高大院科研学中小职技]|[,。、;)]|$)/;

export interface ExclusionContext {
  norm: string;
  tok: NumberToken;
  unit: UnitMatch | undefined;
}

/** A short reason when the token is not a figure, else undefined (kept for debugging the eval misses). */
export function notFigureReason({ norm, tok, unit }: ExclusionContext): string | undefined {
  const prev = norm[tok.start - 1] ?? "";
  const next = norm[tok.end] ?? "";
  if (prev === "第") return "ordinal";
  if (tok.form === "arabic" || tok.form === "masked") {
    // G60, 5G, v2.0, 20XX, 1+5, 3/4: digits glued to letters or symbols belong to a name or code.
    if (LATIN_OR_DIGIT.test(prev) && !(prev === "-" && !/[\dA-Za-z]/.test(norm[tok.start - 2] ?? ""))) return "glued";
    if (/[A-Za-z+×*#@]/.test(next)) return "glued";
    if (next === "/" && !(unit && unit.unit.includes("/"))) return "glued";
  }
  if (tok.form === "chinese") {
    // "一家龙头企业带动…" is an article; "新增孵化器一家," after its noun is a count.
    if (tok.text === "一" && !(unit && isClauseEnd(norm[unit.end]))) return "article";
    if (/^[百千]/.test(tok.text)) return "idiom";
    if (/[星期周初]$/.test(prev)) return "weekday";
  }
  const before = norm.slice(Math.max(0, tok.start - 12), tok.start);
  if (COUNTER_BEFORE.test(before)) return "counter";
  if (!unit) return undefined;
  const after = norm.slice(unit.end, unit.end + 12);
  const base = unit.unit;
  if (tok.form === "chinese" && CN_ABSTRACT_AFTER[base]?.test(after)) return "kind of work";
  if (base === "条" && (POLICY_BEFORE.test(before) || POLICY_AFTER.test(after))) return "policy";
  if (base === "所" && ((tok.value ?? 0) >= 100 || !INSTITUTE_NEXT.test(after))) return "institute name";
  // "亿元以上工业企业", "10万元以上的项目": a threshold describing a noun, not an amount reached.
  if (unit.bound && isCjk(norm.charCodeAt(unit.end))) return "threshold";
  if ((base === "位" || base === "名") && TOP_BAND_BEFORE.test(before)) return "rank band";
  // "3个80%的目标": a count glued to another number names a goal.
  if (base === "个" && /^\d/.test(after)) return "compound";
  // "两项数据均居全省第一", "三项指标": a back-reference to figures already stated.
  if ((base === "项" || base === "个") && /^(?:主要)?(?:数据|指标|数字|考核|指数|得分|排名)/.test(after)) return "back-reference";
  // "在全市10个区县中排名第3": the size of the peer group, part of the rank phrase.
  if (base === "个" && PEER_GROUP_AFTER.test(after)) return "peer group size";
  if (/^[%]/.test(base) && /\d个$/.test(before)) return "compound";
  return undefined;
}

const APPROX_BEFORE = /(?:接近|近|约|逾|超过|超|达到|达|突破|共计|总数|合计|总量)$/;
const NOUN_UNIT: [RegExp, string][] = [
  [/^[^,。;、]{0,10}?(?:企业|单位|机构|公司|平台|孵化器|众创空间)/, "家"],
  [/^[^,。;、]{0,10}?(?:人才|人员|专家|工程师|院士)/, "人"],
  [/^[^,。;、]{0,10}?项目/, "个"],
];

/**
 * Unit of a bare number the text implies: "预计总数接近1100," borrows the unit of the figure before it,
 * "近100高新技术企业" takes 家 from the noun. Only after an approximating verb, so list numbers, years
 * and codes stay out.
 */
export function impliedUnit(norm: string, tok: NumberToken, previousUnit: string | undefined): string | undefined {
  if (tok.form !== "arabic" || tok.isRange || tok.value === null) return undefined;
  const before = norm.slice(Math.max(0, tok.start - 3), tok.start);
  if (!APPROX_BEFORE.test(before)) return undefined;
  if (/^(?:19|20)\d\d$/.test(tok.text)) return undefined;
  const next = norm[tok.end] ?? "";
  if (/[\d.年月日号时届期批版级星强大类]/.test(next)) return undefined;
  if (/^[,。;、]$/.test(next) || next === "") {
    if (previousUnit && !/%|百分点|位|倍/.test(previousUnit)) return previousUnit;
    return undefined;
  }
  if (!isCjk(next.charCodeAt(0))) return undefined;
  const after = norm.slice(tok.end, tok.end + 14);
  for (const [re, unit] of NOUN_UNIT) if (re.test(after)) return unit;
  return undefined;
}
