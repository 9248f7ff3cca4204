// Counts written with no unit after them: "推广新品种、新技术187," "引进新品种、新技术、新模式230。". The noun
// before the number names what is counted, and the clause ends right after it, so the number cannot be
// a year, a code or a list number. Only nouns that are counted this way in bureau texts qualify.
import type { NumberToken } from "./numbers.ts";

const COUNTED_NOUN = /(?:品种|技术|模式|产品|成果|工艺|装备|标准|专利|项目|课题|主体|团队)$/;
const CLAUSE_END_AFTER = /^(?:[,。;、)]|\s*$|\s*\n)/;

/** True when a bare number is a count of the noun right before it. */
export function isBareCount(norm: string, tok: NumberToken): boolean {
  if (tok.form !== "arabic" || tok.isRange || tok.value === null || !Number.isInteger(tok.value) || tok.value <= 0) return false;
  if (!CLAUSE_END_AFTER.test(norm.slice(tok.end, tok.end + 2))) return false;
  return COUNTED_NOUN.test(norm.slice(Math.max(0, tok.start - 4), tok.start));
}
