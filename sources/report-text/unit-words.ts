// Units a bureau writes after a figure, and how to read them off the text right after a number.
// A number without one of these units is not a figure (years, dates, list numbers, names), except for
// the few implied-unit cases handled in extract.ts.

/** Base units, longest first so "个百分点" wins over "个" and "人次" over "人". */
const BASE_UNITS = [
  "个百分点", "百分点", "件/万人", "件每万人", "平方公里", "平方米", "台(套)", "台套", "小时", "课时", "学时", "人次", "家次", "场次", "户次", "件次", "项次", "批次", "人年", "个亿", "美元",
  "元", "亩", "家", "个", "项", "件", "人", "名", "位", "次", "场", "条", "份", "笔", "单", "款", "篇", "册",
  "支", "所", "套", "台", "座", "户", "处", "期", "张", "分", "倍", "%", "‰",
] as const;

const UNIT_FIRST_CHARS = new Set(BASE_UNITS.map((u) => u[0]!));

/** Units that may follow a Chinese numeral. 个, 条, 支, 大, 类 after a Chinese numeral are nearly always
 * an enumeration of things being described ("五个要素", "两支队伍"), not a figure. */
const CHINESE_OK = new Set(["小时", "家", "项", "场", "件", "名", "人", "次", "位", "所", "人次", "家次", "场次", "倍", "个百分点", "百分点", "元", "亩", "%", "个亿"]);

// Characters that, right after a unit, show the unit character was really the start of another word.
const FALSE_CONTINUATION: Record<string, RegExp> = {
  个: /^(?:月|工作日|小时|季度|星期|阶段|方面)/,
  // "24小时服务", "48小时内办结": a service promise, not hours worked.
  小时: /^(?:内|以内|之内|服务|在线|不间断|值守|响应|办结|全天候)/,
  支: /^[持付出撑]/,
  单: /^[位元项]/,
  期: /^[间刊末限内货]/,
  位: /^[于置次]/,
  人: /^[民员才均]/,
  条: /^[件例款]/,
  元: /^[素宵旦]/,
  台: /^[阶州]/,
  座: /^[谈]/,
  次: /^[数序]/,
  场: /^[地所景馆]/,
  户: /^[籍口]/,
  处: /^[理置长级室]/,
  名: /^[单称义录牌]/,
  张: /^[家力扬贴]/,
  分: /^[别钟之类析布批期配工红享会站区局级散解层成]/,
};

export interface UnitMatch {
  /** Unit as it should be reported ("亿元" for "个亿"). */
  unit: string;
  /** End offset of the unit text (after any 余/多 and 以上). */
  end: number;
  /** End of the unit itself, before a trailing 以上/以下. */
  unitEnd: number;
  approx: boolean;
  /** "以上" / "以下" / "" right after the unit. */
  bound: string;
  /** A bare 万 with no base unit ("奖励10万"): money by implication, reported by the caller as skipped. */
  bareWan: boolean;
}

/** Reads the unit starting at `pos` in the normalised text; undefined when none follows. */
export function matchUnit(norm: string, pos: number, chinese: boolean): UnitMatch | undefined {
  let i = pos;
  // "1096 家": some sites put a space between a number and its unit.
  if (norm[i] === " " && !chinese) i += norm[i + 1] === " " ? 2 : 1;
  let approx = false;
  // "200多项", "5000余册", "300余万元", "3.98万亩": approximation and 万/亿 multipliers in either order.
  if (norm[i] === "余" || norm[i] === "多") {
    approx = true;
    i++;
  }
  let mult = "";
  if (norm[i] === "万" || norm[i] === "亿" || norm[i] === "千") {
    mult = norm[i]!;
    i++;
    if (norm[i] === "余" || norm[i] === "多") {
      approx = true;
      i++;
    }
  }
  let base: string | undefined;
  const first = norm[i];
  if (first === undefined || !UNIT_FIRST_CHARS.has(first)) {
    base = undefined;
  } else {
    for (const u of BASE_UNITS) {
      if (norm.startsWith(u, i)) {
        base = u;
        break;
      }
    }
  }
  if (!base) {
    if (mult === "亿" && !isCjk(norm.charCodeAt(i))) return finish("亿元", i);
    if (mult === "万" && !isCjk(norm.charCodeAt(i))) return { ...finish("万", i), bareWan: true };
    return undefined;
  }
  if (base === "千") return undefined;
  const after = norm.slice(i + base.length, i + base.length + 4);
  const falseCont = FALSE_CONTINUATION[base];
  if (falseCont && falseCont.test(after)) return undefined;
  if (chinese && !CHINESE_OK.has(base)) return undefined;
  if (mult === "千" && base !== "元" && base !== "亩" && base !== "米") return undefined;
  let unit = mult + base;
  if (base === "个亿") unit = mult ? `${mult}亿元` : "亿元";
  if (base === "件每万人") unit = "件/万人";
  if (base === "台套") unit = "台(套)";
  if (base === "‰") unit = "‰";
  return finish(unit, i + base.length);

  function finish(u: string, unitEnd: number): UnitMatch {
    let end = unitEnd;
    let bound = "";
    const tail = norm.slice(unitEnd, unitEnd + 3);
    if (tail.startsWith("以上") || tail.startsWith("以下") || tail.startsWith("以内")) {
      bound = tail.slice(0, 2);
      end += 2;
    } else if (tail.startsWith("及以上")) {
      bound = "以上";
      end += 3;
    } else if (tail.startsWith("左右")) {
      approx = true;
      end += 2;
    }
    return { unit: u, end, unitEnd, approx, bound, bareWan: false };
  }
}

export function isCjk(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/** Unit families, to tell counts from money or percentages when borrowing an implied unit. */
export function unitFamily(unit: string): "percent" | "pp" | "money" | "times" | "count" | "rank" {
  if (unit === "%" || unit === "‰") return "percent";
  if (unit.includes("百分点")) return "pp";
  if (unit.endsWith("元")) return "money";
  if (unit === "倍") return "times";
  return "count";
}
