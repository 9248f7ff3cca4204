// Names what a figure measures: the phrase before the number, cleaned of verbs, time words and the
// reporting area, and the catalog code it maps to. Also reads the period a figure refers to.
import { normalizeIndicatorName, type IndicatorCatalog } from "../catalog.ts";
import { conversionFactor } from "../units.ts";
import type { FigureKind } from "./classify.ts";
import { MatchWindow, type Found } from "./sentences.ts";

const LEAD =
  /^(?:[一二三四五六七八九十]+是|\d{1,2}[.、]|[((][一二三四五六七八九十\d]{1,3}[))]|其中|同时|另外|此外|并且?|且|共计|共有|共|累计|合计|全年|今年以来|今年|目前|截至目前|截止目前|截至|现已|已经|已|年内|力争|确保|争取|努力|计划|预计|实际|实现|完成|目标任务为|目标任务是|目标为|目标是|新的一年|\d{1,2}[-~—至]\d{1,2}月份?|[一二三四]季度|前三季度|上半年|下半年|(?:19|20)[\dX]{2}年(?:度|底|末)?|全市|全区|全县|全省|全旗|我市|我区|我县|我局|在|对|为|向|是|和|及|与|将|的|较上年|比上年|较去年同期|比去年同期|较去年|比去年|较上年同期|比上年同期|同比|较年初|比年初|,|:|\s)+/;
const TRAIL =
  /(?:达到|达|为|是|实现|完成|突破|超过|超|增长到|增至|增加至|增加到|提高到|提高至|提升至|提升到|升至|共计|共有|共|累计|合计|总计|近|约|接近|逾|已|分别为|分别达到|分别|有|了|不少于|不低于|不超过|高于|低于|以上|(?:累计|合计)支出|新增加|增加|同比|预计|预计为|可达|力争|确保|争取|的|,|:|\s)+$/;
const GENERIC = /^(?:增长|增速|增幅|增长率|同比增长|同比|提高|提升|下降|总数|总量|数量|规模|增量|比重|占比|其中|均|分别)?$/;

/** Cleans the raw phrase before a number into an indicator name ("" when nothing specific is left). */
export function indicatorPhrase(raw: string): string {
  let t = raw;
  for (let i = 0; i < 3; i++) {
    const before = t;
    t = t.replace(LEAD, "").replace(TRAIL, "");
    if (t === before) break;
  }
  // "高新技术企业新认定" reads better, and maps to the catalog, as "新认定高新技术企业".
  const moved = /^(.{2,})(新认定|新增|净增|入库)$/.exec(t);
  if (moved) t = moved[2]! + moved[1]!;
  return t.length > 40 ? t.slice(-40) : t;
}

export function isGenericPhrase(p: string): boolean {
  return GENERIC.test(p);
}

/** Name for a figure whose own phrase is generic ("同比增长10.5%"): the previous figure's, plus what changed. */
export function derivedIndicator(base: string, own: string, kind: FigureKind): string {
  const stem = base.replace(/(?:增速|增幅|变化|提高幅度)$/, "");
  // "总数达到252名,全市第二": the rank or total names the same thing as the figure before it.
  if (/^(?:总量|总数|数量|规模|数量质量)$/.test(own) && /(?:总量|总数|数量|累计)$/.test(stem)) return stem;
  if (kind === "growth") return `${stem}增速`;
  if (kind === "pp_change") return `${stem}${own && own !== "提高" ? own : "变化"}`;
  if (kind === "rank") return `${stem}${own}`;
  return own ? `${stem}${own}` : stem;
}

export class IndicatorMatcher {
  private readonly names: { key: string; code: string }[];
  private readonly cache = new Map<string, string | null>();
  constructor(private readonly catalog: IndicatorCatalog) {
    this.names = catalog.names().map((n) => ({ key: normalizeIndicatorName(n.name).replace(/的/g, ""), code: n.code }));
  }

  /** Catalog code of the longest catalog name inside the phrase. A level or target must also be in a
   * unit the indicator can be converted from, so "高新技术企业…亿元" does not map to a count. */
  code(phrase: string, unit: string, kind: FigureKind): string | null {
    if (!phrase) return null;
    const cacheKey = `${phrase}|${unit}|${kind}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const code = this.lookup(phrase, unit, kind);
    // Phrases repeat within and across reports; the cache stays small because phrases are short.
    if (this.cache.size < 50_000) this.cache.set(cacheKey, code);
    return code;
  }

  private lookup(phrase: string, unit: string, kind: FigureKind): string | null {
    // "占一般公共预算支出的比重" and "占…比重" name the same ratio.
    const key = normalizeIndicatorName(phrase).replace(/的/g, "");
    const isRate = /增速|增长|增幅/.test(phrase);
    for (const n of this.names) {
      if (!key.includes(n.key)) continue;
      if ((kind === "level" || kind === "target") && !(isRate && unit === "%")) {
        const ind = this.catalog.get(n.code);
        if (ind && conversionFactor(PEOPLE.has(unit) ? "人" : unit, ind.unit) === undefined) continue;
      }
      return n.code;
    }
    return null;
  }
}

const PEOPLE = new Set(["名", "位", "人"]);

export const PERIOD_RE =
  /\d{1,2}\s*[-~—–至到]\s*\d{1,2}月份?|[一二三四]季度|第[一二三四]季度|前三季度|上半年|下半年|全年|(?:19|20)[\dX]{2}年(?:度|底|末|上半年|前三季度)?/g;

/** The period of a figure at `pos`: the last period expression before it in its sentence. */
export function pickPeriod(norm: string, found: Found[], pos: number): string | undefined {
  for (let i = found.length - 1; i >= 0; i--) {
    const m = found[i]!;
    if (norm[m.end] === "的") {
      // "由2020年的16家增加至42家" dates the figure right after it only; "为2020年的2.1倍" is a base year.
      const direct = m.end + 1 === pos;
      const base = /[为是较比]/.test(norm[m.index - 1] ?? "");
      if (!direct || base) continue;
    }
    return m.text.replace(/\s+/g, "").replace(/[~—–至到]/, "-").replace(/月份$/, "月");
  }
  return undefined;
}

/** The period stated in a sentence prefix ("1-9月", "全年", "2024年"). */
export function findPeriod(sentencePrefix: string): string | undefined {
  return pickPeriod(sentencePrefix, new MatchWindow(PERIOD_RE, sentencePrefix).within(0, sentencePrefix.length), sentencePrefix.length);
}
