// Where a figure sits: its sentence and clause, whether the section it is in reports results or sets
// plans (a figure under "2024年工作计划" is a target even without 力争), and spans whose numbers are
// names rather than figures (quotes, book titles, HTML tags). All scans are bounded so a single huge
// line cannot make lookups quadratic.

export type SectionMode = "summary" | "plan";

export interface Line {
  start: number;
  end: number;
  mode: SectionMode;
  /** Year a plan section is about ("2024年工作要点" → 2024): figures of earlier years in it are results. */
  planYear: number | null;
  /** A paragraph under a plan heading that opens with an earlier year ("2023年,全市…"): a look back. */
  retrospective: boolean;
  /** Document titles and tables of contents: "(5篇)" and page numbers there are not figures. */
  isTitle: boolean;
}

const SUMMARY_HEAD = /总结|情况|成效|成绩|做法|回顾|进展|存在|问题|不足|困难|亮点|短板/;
const PLAN_HEAD =
  /(?:工作|年度?)(?:计划|要点|思路|打算|安排|目标|谋划|设想)|下一步|下步|下一阶段|下阶段|下年度|明年|今后|展望|主要目标|目标任务|发展目标|^\s*(?:19|20)[\dX]{2}年?计划|^\s*(?:工作)?计划\s*$|^\s*(?:年度)?目标\s*$/;
// "三、2024年工作重点" plans; "一、2023年重点工作" may head results. A year-led 重点/任务 heading is a plan
// when its year is later than the year the results sections were about.
const YEAR_FOCUS_HEAD = /((?:19|20)\d\d)年(?:度)?(?:的)?(?:工作重点|重点工作|重点任务|主要任务|工作任务|主要举措)/;
const LIST_MARK = /^\s*(?:[一二三四五六七八九十]+[、.．]|[((][一二三四五六七八九十\d]+[))]|\d+[、.．]\s*|第[一二三四五六七八九十]+[部章节])/;
const TITLE_WORDS = /汇编|范文|精选|合集|大全|模板|目录|篇目/;

/** Splits the text into lines and tracks the section mode from headings. */
export function segmentLines(norm: string): Line[] {
  const lines: Line[] = [];
  let mode: SectionMode = "summary";
  let planYear: number | null = null;
  let resultYear: number | null = null;
  let start = 0;
  const n = norm.length;
  while (start <= n) {
    let end = norm.indexOf("\n", start);
    if (end < 0) end = n;
    const head = headingText(norm, start, end);
    if (head !== undefined) {
      const focus = YEAR_FOCUS_HEAD.exec(head);
      if (SUMMARY_HEAD.test(head)) {
        mode = "summary";
        planYear = null;
        const y = /((?:19|20)\d\d)年/.exec(head);
        if (y) resultYear = Number(y[1]);
      } else if (focus && (resultYear === null || Number(focus[1]) > resultYear)) {
        mode = "plan";
        planYear = Number(focus[1]);
      } else if (PLAN_HEAD.test(head)) {
        mode = "plan";
        const y = /((?:19|20)\d\d)年/.exec(head);
        if (y) planYear = Number(y[1]);
      }
    }
    const opening = /^\s*(?:[一二三四五六七八九十]+、|[((][一二三四五六七八九十\d]+[))])?\s*((?:19|20)\d\d)年/.exec(norm.slice(start, Math.min(end, start + 16)));
    const retrospective = mode === "plan" && planYear !== null && opening !== null && Number(opening[1]) < planYear;
    const isTitle = end - start <= 80 && !norm.slice(start, end).includes("。") && TITLE_WORDS.test(norm.slice(start, end));
    lines.push({ start, end, mode, planYear, retrospective, isTitle });
    start = end + 1;
  }
  return lines;
}

// A heading is a short line without a full stop, or the first sentence of a line that starts with a
// list marker ("三、下一步工作打算。一是…"). Body sentences never switch the mode.
function headingText(norm: string, start: number, end: number): string | undefined {
  const len = end - start;
  if (len === 0) return undefined;
  const line = norm.slice(start, Math.min(end, start + 120));
  let head: string | undefined;
  if (len <= 45 && !/[。;]/.test(line.slice(0, -1))) head = line;
  else if (LIST_MARK.test(line)) {
    const stop = line.search(/[。;,:]/);
    const first = stop < 0 ? line : line.slice(0, stop);
    if (first.length <= 30) head = first;
  }
  // Headings carry no figures; a digit left after removing years and the list number marks a body sentence.
  if (head !== undefined && /\d/.test(head.replace(/(?:19|20)[\dX]{2}年|^\s*[((]?\d{1,2}[)).、]/g, ""))) return undefined;
  return head;
}

/** Index of the line containing `pos`, searching forward from `hint` (figures come in order). */
export function lineAt(lines: Line[], pos: number, hint: number): number {
  let i = Math.max(0, Math.min(hint, lines.length - 1));
  while (i > 0 && lines[i]!.start > pos) i--;
  while (i < lines.length - 1 && lines[i]!.end < pos) i++;
  return i;
}

const CLAUSE_END = new Set(["。", "!", "?", "\n", "\r", "<", ">", ",", ";", ":", "、", "(", ")", "(", ")", "[", "]", "【", "】", "|", "\t"]);
const MAX_BACK = 240;

function isControl(c: number): boolean {
  return c < 0x20 && c !== 0x09;
}

// Sentences end at 。!? line breaks, tag brackets and control characters; ; does not end one, because
// "1-9月,…;研发强度…" still belongs to the period stated before the semicolon.
function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0x21 || c === 0x3f || c === 0x3c || c === 0x3e || isControl(c);
}

/** Start of the sentence holding `pos`, looking back at most MAX_BACK characters. */
export function sentenceStart(norm: string, pos: number): number {
  const floor = Math.max(0, pos - MAX_BACK);
  for (let i = pos - 1; i >= floor; i--) if (isSentenceEnd(norm.charCodeAt(i))) return i + 1;
  return floor;
}

/**
 * sentenceStart for positions that mostly increase: remembers the last sentence end seen, so a long
 * run of figures in one sentence costs one forward pass instead of a back-scan each.
 */
export class SentenceCursor {
  private scanned = 0;
  private lastEnd = -1;
  constructor(private readonly norm: string) {}
  start(pos: number): number {
    if (pos < this.scanned && this.lastEnd >= pos) return sentenceStart(this.norm, pos);
    for (; this.scanned < pos; this.scanned++) if (isSentenceEnd(this.norm.charCodeAt(this.scanned))) this.lastEnd = this.scanned;
    return Math.max(this.lastEnd + 1, pos - MAX_BACK, 0);
  }
}

/** Start of the clause holding `pos`, never before `floor`. */
export function clauseStart(norm: string, pos: number, floor: number): number {
  const lim = Math.max(floor, pos - 80);
  for (let i = pos - 1; i >= lim; i--) {
    const c = norm.charCodeAt(i);
    if (isControl(c) || CLAUSE_END.has(norm[i]!)) return i + 1;
  }
  return lim;
}

export function isClauseEnd(ch: string | undefined): boolean {
  return ch === undefined || CLAUSE_END.has(ch) || ch === "." || ch === "?" || ch === "!" || ch === " " || isControl(ch.charCodeAt(0));
}

/**
 * Spans whose digits are names, not figures: short quotes ("315", 人才新政24条), book titles
 * (《…》), and HTML tags. Sorted, non-overlapping [start, end).
 */
export function protectedSpans(norm: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /“[^“”\n]{0,30}”|《[^《》\n]{0,60}》|「[^「」\n]{0,30}」|"[^"\n]{0,30}"|<[^<>\n]{0,400}>|&[#a-zA-Z0-9]{1,10};/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(norm))) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/** Walks sorted spans alongside increasing positions. */
export class SpanCursor {
  private i = 0;
  constructor(private readonly spans: [number, number][]) {}
  contains(pos: number): boolean {
    while (this.i < this.spans.length && this.spans[this.i]![1] <= pos) this.i++;
    const s = this.spans[this.i];
    return s !== undefined && s[0] <= pos && pos < s[1];
  }
}

export interface Found {
  index: number;
  end: number;
  text: string;
}

/**
 * Matches of one global regex inside a window [from, to) that only moves forward. Each part of the text
 * is searched once, so asking for "the target words earlier in this sentence" for every figure stays
 * linear even in a single endless sentence.
 */
export class MatchWindow {
  private readonly list: Found[] = [];
  private head = 0;
  private nextFrom = 0;
  private pending: Found | undefined;
  private done = false;
  constructor(
    private readonly re: RegExp,
    private readonly norm: string,
  ) {}

  within(from: number, to: number): Found[] {
    while (!this.done && (this.pending === undefined || this.pending.index < to)) {
      if (this.pending) this.list.push(this.pending);
      this.pending = undefined;
      this.re.lastIndex = this.nextFrom;
      const m = this.re.exec(this.norm);
      if (!m) {
        this.done = true;
        break;
      }
      this.nextFrom = m.index + Math.max(1, m[0].length);
      this.pending = { index: m.index, end: m.index + m[0].length, text: m[0] };
    }
    while (this.head < this.list.length && this.list[this.head]!.index < from) this.head++;
    const out: Found[] = [];
    for (let i = this.head; i < this.list.length && this.list[i]!.index < to; i++) if (this.list[i]!.end <= to) out.push(this.list[i]!);
    return out;
  }
}
