// Rank claims: 居全市第一, 全省第14名, 排A类地区第二名, 位列全市第二, 位居各区县市榜首, 县市区排名第四,
// 跻身“全国科技创新百强区”第25位. Finds the rank, its peer group (scope) and which figures it covers.
import type { Figure } from "./figure.ts";
import { parseChineseNumeral } from "./numbers.ts";
import { implausibleRank } from "./rank-plausibility.ts";
import { clauseStart, isClauseEnd, SentenceCursor } from "./sentences.ts";

export interface RankHit {
  /** Offset of the numeral (第一 → 一), or of 榜 in 榜首 / 首 in 首位. */
  offset: number;
  text: string;
  /** null for a masked rank (第X位). */
  value: number | null;
  scope: string | null;
  /** True when the rank phrase says it applies to everything before it (均居, 都位居, 总量…). */
  coversAll: boolean;
  /** Text before the rank verb in the clause, e.g. "增速", "数量"; used to name the ranked indicator. */
  subject: string;
  /** Clause start, to find the figures it covers. */
  clause: number;
}

const RANK_RE = /第(\d{1,3}|[一二三四五六七八九十]{1,3}|[Xx×*]{1,2})(位|名)?|榜首|首位/g;
const VERB_RE =
  /位居|位列|位于|位次|排名|排位|排在|排行|名列|列居|稳居|跃居|跃升至|跃升|升至|上升至|提升至|下降至|下滑至|回落至|降至|退至|保持|处于|居于|跻身|进入|高居|问鼎|登上|荣登|排|居|列/g;
const SCOPE_LIKE =
  /^(?:全[市省国区县州盟旗]|全自治区|各区县市?|各县市区?|各县区|县市区|区县市?|县区|同类地区|同类城市|同组别|[A-Z]类地区|[\u4e00-\u9fa5A-Z“”"]{1,14}(?:市|省|区|县|州|国|地区|县市区|区县市|区县|城市|旗|盟))$/;
const KNOWN_GROUP_END = /(?:全[市省国区县州盟旗]|全自治区|各区县市?|各县市区?|各县区|县市区|区县市|区县|县区|同类地区|同类城市|[A-Z]类地区)$/;
const COVER_ALL = /均|都|皆|全部|分别|双双|[两三四五六]项/;

/** Finds every rank claim in the normalised text. `isProtected` skips ranks inside quotes. */
export function findRanks(norm: string, isProtected: (pos: number) => boolean): RankHit[] {
  const hits: RankHit[] = [];
  let lastEnd = -1;
  const sentences = new SentenceCursor(norm);
  const sentenceOf: number[] = [];
  RANK_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RANK_RE.exec(norm))) {
    const start = m.index;
    const end = start + m[0].length;
    if (isProtected(start)) continue;
    // A rank ends its clause: 第一批, 第二届, 第一资源, 全省第一家 are ordinals, not ranks.
    if (!isClauseEnd(norm[end]) && !/^(?:的位置|的好成绩)/.test(norm.slice(end, end + 5))) continue;
    const numeral = m[1];
    let value: number | null;
    let offset: number;
    let text: string;
    if (numeral) {
      value = /^[Xx×*]/.test(numeral) ? null : parseChineseNumeral(numeral);
      offset = start + 1;
      text = numeral;
    } else {
      value = 1;
      offset = start;
      text = m[0];
    }
    if (value !== null && (!Number.isFinite(value) || value < 1)) continue;
    const sStart = sentences.start(start);
    const cStart = Math.max(rankClauseStart(norm, start, sStart), start - 40);
    const pre = norm.slice(cStart, start);
    const found = lastVerb(pre);
    let scope: string | null = null;
    let subject = "";
    if (found) {
      const between = pre.slice(found.end);
      if (between.length > 16) continue;
      const before = pre.slice(0, found.start);
      if (between) {
        scope = cleanScope(between) || null;
        subject = before;
      } else {
        const within = /在(.{1,20}?)(?:中|之中|内)$/.exec(before);
        const cand = cleanScope(before);
        const known = KNOWN_GROUP_END.exec(cand);
        if (within) {
          // "在全市9个区县中排名第4": the group is whatever 在…中 encloses.
          scope = cleanScope(within[1]!);
          subject = before.slice(0, within.index);
        } else if (cand && SCOPE_LIKE.test(cand) && !known) scope = cand;
        else if (known) {
          // "研发强度县市区排名第五": subject and group run together; keep the known group.
          scope = known[0];
          subject = cand.slice(0, known.index);
        } else subject = before;
      }
    } else if (pre === "" && norm[start - 1] === "、" && lastEnd === start - 1 && hits.length > 0) {
      // "分别居全市第二、第三": the second rank shares the first one's verb and group.
      scope = hits[hits.length - 1]!.scope;
    } else {
      // No verb: only "全市第二" or "(全省第14名)" where the clause is exactly the peer group.
      if (!numeral) continue;
      const cand = cleanScope(pre);
      if (!cand || !SCOPE_LIKE.test(cand)) continue;
      scope = cand;
    }
    if (implausibleRank(value, numeral ?? "", scope, pre, /^(?:[、和及与]|以及)第/.test(norm.slice(end, end + 3)))) continue;
    lastEnd = end;
    sentenceOf.push(sStart);
    hits.push({
      offset,
      text,
      value,
      scope,
      coversAll: COVER_ALL.test(pre),
      subject: stripSubject(subject),
      clause: cStart,
    });
  }
  // "提高幅度为0.03个百分点,排名第三": a rank without a stated group inherits the previous one in the sentence.
  for (let i = 1; i < hits.length; i++) {
    const h = hits[i]!;
    const prev = hits[i - 1]!;
    if (h.scope === null && prev.scope !== null && sentenceOf[i]! <= prev.offset) h.scope = prev.scope;
  }
  return hits;
}

// Like clauseStart, but a short parenthetical belongs to the peer group: "全市各县(市、区)首位".
function rankClauseStart(norm: string, pos: number, floor: number): number {
  let p = pos;
  for (;;) {
    const c = clauseStart(norm, p, floor);
    if (c <= floor || (norm[c - 1] !== ")" && norm[c - 1] !== "、")) return c;
    let open = c - 2;
    while (open >= floor && open > c - 10 && norm[open] !== "(") open--;
    if (open < floor || norm[open] !== "(") return c;
    p = open;
  }
}

function lastVerb(pre: string): { start: number; end: number } | undefined {
  VERB_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let last: { start: number; end: number } | undefined;
  while ((m = VERB_RE.exec(pre))) last = { start: m.index, end: m.index + m[0].length };
  return last;
}

function cleanScope(s: string): string {
  let t = s.replace(/[“”"「」‘’\s]/g, "");
  t = t.replace(/^(?:均|都|皆|也|仍|继续|稳|连续\d*年|同时|在|于|的|位|列)+/, "");
  t = t.replace(/(?:中|内|里|的|之中)+$/, "");
  // "增速全市第一": the subject runs into the group; keep the group from 全 on.
  const whole = /全(?:市|省|国|区|县|州|自治区)[\u4e00-\u9fa5A-Z]{0,10}$/.exec(t);
  if (whole && whole.index > 0) t = whole[0];
  return t;
}

function stripSubject(s: string): string {
  return s.replace(/^(?:其中|并|且|同时)/, "").replace(/(?:均|都|皆|也|仍|继续|稳|在|,)+$/, "");
}

/**
 * Figures a rank speaks for. "均居全市第一" covers everything since the previous rank; otherwise the rank
 * basis picks one: 增速 the last growth rate, 提高幅度 the last percentage-point change, 增量 the last
 * increment, 总量/总数 the total (or the first figure when the rest are its parts), else the figure just before.
 */
export function coveredBy(r: RankHit, inSentence: Figure[], prevRankOffset: number, subStart: number): Figure[] {
  const candidates = inSentence.filter((f) => f.kind !== "rank");
  if (candidates.length === 0) return [];
  if (r.coversAll) {
    const since = candidates.filter((f) => f.offset > prevRankOffset);
    return since.length > 0 ? since : candidates.slice(-1);
  }
  const back = [...candidates].reverse();
  const s = r.subject;
  const pick =
    (/增速|增幅|增长/.test(s) && back.find((f) => f.kind === "growth")) ||
    (/提高幅度|提升幅度|百分点/.test(s) && back.find((f) => f.kind === "pp_change")) ||
    (/增量|新增/.test(s) && back.find((f) => f.kind === "level" && /新增|净增|新认定|增加|增量/.test(f.indicator))) ||
    (/总量|总数|规模/.test(s) &&
      (back.find((f) => f.kind === "level" && /总数|总量|累计|有效/.test(f.indicator)) ||
        candidates.find((f) => f.kind === "level" && f.offset > subStart))) ||
    back.find((f) => f.kind !== "growth" || !/数量|总量/.test(s)) ||
    back[0];
  return pick ? [pick] : [];
}
