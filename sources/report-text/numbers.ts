// Number tokens of a report: Arabic numbers (with thousands commas, decimals and ranges), Chinese
// numerals, masked values (XX亿元) and 百分之N. Values are parsed here; whether a token is a figure is
// decided later from its unit and context.

/** Full-width ASCII folded to half-width, one char for one char, so offsets in the copy stay valid. */
export function normalizeWidth(text: string): string {
  // Same-length replacement keeps every offset valid; most reports need none at all.
  return /[\uff01-\uff5e\u3000]/.test(text) ? text.replace(/[\uff01-\uff5e\u3000]/g, fold) : text;
}

function fold(c: string): string {
  const code = c.charCodeAt(0);
  return code === 0x3000 ? " " : String.fromCharCode(code - 0xfee0);
}

export type TokenForm = "arabic" | "chinese" | "masked" | "percent-words";

export interface NumberToken {
  start: number;
  end: number;
  text: string;
  /** Lower bound for a range; null for a masked value; negative when a minus sign is written before it. */
  value: number | null;
  form: TokenForm;
  isRange: boolean;
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Parses 十二, 二十, 一百零五, 两千, 三万, 1.5 and plain digit strings; NaN when it is not a numeral. */
export function parseChineseNumeral(s: string): number {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in CN_DIGIT) {
      // "一一", "二〇二四": digit strings are enumerations or years, not quantities.
      if (digit >= 0 && !(digit === 0 || CN_DIGIT[ch] === 0)) return Number.NaN;
      digit = CN_DIGIT[ch]!;
    } else if (ch in CN_SMALL_UNIT) {
      section += (digit < 0 ? 1 : digit) * CN_SMALL_UNIT[ch]!;
      digit = -1;
    } else if (ch === "万" || ch === "亿") {
      section += digit < 0 ? 0 : digit;
      total = (total + section) * (ch === "万" ? 1e4 : 1e8);
      section = 0;
      digit = -1;
    } else return Number.NaN;
  }
  return total + section + (digit < 0 ? 0 : digit);
}

/** Parses an Arabic number as written in reports: "1,096", "3.08", "1-2" (lower bound). */
export function parseArabic(s: string): number {
  const first = /^[\d,]+(?:\.\d+)?/.exec(s);
  return first ? Number(first[0].replace(/,/g, "")) : Number.NaN;
}

// One pass over the text finds every candidate. Each alternative is a simple character class run,
// so matching stays linear on hostile input (no nested quantifiers that could backtrack).
const TOKEN_RE =
  /百分之[零〇一二两三四五六七八九十百\d.]{1,6}|\d{1,3}(?:,\d{3})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?(?:[-~—–至到]\d+(?:\.\d+)?)?|[Xx×*]{1,4}(?:,[Xx×*]{3})*(?:\.[Xx×*]{1,3})?|[零〇一二两三四五六七八九十百千]{1,8}/g;

/** Characters bureaus write in place of a figure not yet released: XX亿元, xx%, ××家, **件. */
const MASK_CHARS = "Xx×*";

function isMinusSign(norm: string, start: number): boolean {
  const c = norm[start - 1];
  if (c !== "-" && c !== "−") return false;
  const before = norm[start - 2] ?? "";
  return !/[\dA-Za-z)\]）】.\-−~]/.test(before);
}

/** Every number-like token in the (width-normalised) text, in order. */
export function* scanNumbers(norm: string): Generator<NumberToken> {
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(norm))) {
    const text = m[0];
    const start = m.index;
    const end = start + text.length;
    const c = text[0]!;
    if (text.startsWith("百分之")) {
      const rest = text.slice(3);
      const v = rest === "百" ? 100 : parseChineseNumeral(rest);
      if (!Number.isNaN(v)) yield { start, end, text, value: v, form: "percent-words", isRange: false };
      continue;
    }
    if (MASK_CHARS.includes(c)) {
      yield { start, end, text, value: null, form: "masked", isRange: false };
      continue;
    }
    if (c >= "0" && c <= "9") {
      const isRange = /\d[-~—–至到]\d/.test(text);
      // "-3亿元", "−0.8亿元": a minus sign stands before the number, not after a digit, letter or bracket
      // (which would make it a range, a date or a code).
      const signed = isMinusSign(norm, start);
      const value = parseArabic(text);
      if (signed) yield { start: start - 1, end, text: norm[start - 1] + text, value: -value, form: "arabic", isRange };
      else yield { start, end, text, value, form: "arabic", isRange };
      continue;
    }
    const v = parseChineseNumeral(text);
    if (!Number.isNaN(v)) yield { start, end, text, value: v, form: "chinese", isRange: false };
  }
}
