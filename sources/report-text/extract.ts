// extractFigures: every figure a 科技局 report states (levels, growth, percentage-point changes, ranks,
// targets, completion rates), with the indicator it measures, the peer group of a rank and the period.
import type { IndicatorCatalog } from "../catalog.ts";
import { stripBom } from "./decode.ts";
import { classifyFigure, LEVEL_MARKER, TARGET_TRIGGER, targetSignals, YEAR_RE } from "./classify.ts";
import { isBareCount } from "./bare-counts.ts";
import { IndicatorMatcher, indicatorPhrase, isGenericPhrase, PERIOD_RE, pickPeriod } from "./indicator.ts";
import { followingNoun, nameFigure, rankIndicator } from "./naming.ts";
import type { Figure } from "./figure.ts";
import { impliedUnit, notFigureReason } from "./not-figures.ts";
import { normalizeWidth, scanNumbers, type NumberToken } from "./numbers.ts";
import { coveredBy, findRanks } from "./ranks.ts";
import { clauseStart, lineAt, MatchWindow, protectedSpans, segmentLines, SentenceCursor, SpanCursor } from "./sentences.ts";
import { RegionSubjects } from "./region-subjects.ts";
import { TaskTables } from "./task-tables.ts";
import { matchUnit, unitFamily } from "./unit-words.ts";

export type { Figure, FigureKind } from "./figure.ts";

interface Candidate {
  tok: NumberToken;
  unit: string;
  /** End of the figure including its unit and 以上, where the next clause text starts. */
  end: number;
}

const matchers = new WeakMap<IndicatorCatalog, IndicatorMatcher>();

/**
 * Extracts the figures of one report. Offsets index the text after a leading BOM is removed, the same
 * string decodeReport returns, so callers that read a file with a BOM still get the documented offsets.
 */
export function extractFigures(input: string, catalog: IndicatorCatalog): Figure[] {
  const text = stripBom(input);
  const norm = normalizeWidth(text);
  let matcher = matchers.get(catalog);
  if (!matcher) matchers.set(catalog, (matcher = new IndicatorMatcher(catalog)));
  const lines = segmentLines(norm);
  const spans = protectedSpans(norm);
  const tables = new TaskTables(norm, lines);
  const candidates = findCandidates(norm, lines, spans, tables);
  const figures = describe(text, norm, lines, candidates, matcher, tables);
  addRanks(text, norm, spans, figures, matcher);
  figures.sort((a, b) => a.offset - b.offset);
  nameSubjects(norm, figures);
  return figures;
}

/** Marks figures whose sentence names another region as its subject (see region-subjects.ts). */
function nameSubjects(norm: string, figures: Figure[]): void {
  const subjects = new RegionSubjects(norm);
  const sentences = new SentenceCursor(norm);
  for (const f of figures) {
    const region = subjects.at(sentences.start(f.offset), f.offset);
    if (region) f.region = region;
  }
}

function findCandidates(norm: string, lines: ReturnType<typeof segmentLines>, spans: [number, number][], tables: TaskTables): Candidate[] {
  const out: Candidate[] = [];
  const cursor = new SpanCursor(spans);
  const sentences = new SentenceCursor(norm);
  let li = 0;
  let skipAt = -1;
  for (const tok of scanNumbers(norm)) {
    if (tok.start === skipAt || cursor.contains(tok.start)) continue;
    li = lineAt(lines, tok.start, li);
    if (lines[li]!.isTitle) continue;
    let unit = tok.form === "percent-words" ? { unit: "%", end: tok.end, unitEnd: tok.end, approx: false, bound: "", bareWan: false } : matchUnit(norm, tok.end, tok.form === "chinese");
    if (tok.form === "masked" && /\d/.test(norm[tok.start - 1] ?? "")) continue;
    const reason = notFigureReason({ norm, tok, unit });
    if (reason) {
      if (reason === "compound" && unit) skipAt = unit.end;
      continue;
    }
    if (unit?.bareWan) continue;
    if (!unit) {
      // "技术合同成交额(亿元) 8 9.4": a table cell holding only a number takes the unit its row states.
      const cellUnit = tok.value === null ? undefined : tables.bareCellUnit(tok.start, tok.end);
      if (cellUnit) {
        out.push({ tok, unit: cellUnit, end: tok.end });
        continue;
      }
      const last = out[out.length - 1];
      const prevUnit = last && last.end >= sentences.start(tok.start) ? last.unit : undefined;
      const implied = impliedUnit(norm, tok, prevUnit) ?? (isBareCount(norm, tok) ? "" : undefined);
      if (implied === undefined) continue;
      out.push({ tok, unit: implied, end: tok.end });
      continue;
    }
    out.push({ tok, unit: unit.unit, end: unit.end });
  }
  return out;
}

function describe(
  text: string,
  norm: string,
  lines: ReturnType<typeof segmentLines>,
  candidates: Candidate[],
  matcher: IndicatorMatcher,
  tables: TaskTables,
): Figure[] {
  const figures: Figure[] = [];
  let li = 0;
  let lastRow = -1;
  let prev: { c: Candidate; f: Figure; sentence: number } | undefined;
  const sentences = new SentenceCursor(norm);
  const periods = new MatchWindow(new RegExp(PERIOD_RE), norm);
  const triggers = new MatchWindow(new RegExp(TARGET_TRIGGER), norm);
  const levels = new MatchWindow(new RegExp(LEVEL_MARKER), norm);
  const years = new MatchWindow(new RegExp(YEAR_RE), norm);
  for (const c of candidates) {
    const start = c.tok.start;
    li = lineAt(lines, start, li);
    const sStart = sentences.start(start);
    const sameSentence = prev !== undefined && prev.sentence === sStart && prev.c.end <= start;
    const cStart = clauseStart(norm, start, sStart);
    const gapStart = sameSentence && prev!.c.end > cStart ? prev!.c.end : cStart;
    const gap = norm.slice(gapStart, start);
    // "分别增长21.5%、33.8%和12.0%": later members of a list share the first one's kind.
    const listed = sameSentence && /^(?:、|和|及|与|以及|、以及)$/.test(norm.slice(prev!.c.end, start));
    const line = lines[li]!;
    const signals = targetSignals(triggers.within(sStart, start), levels.within(sStart, start), years.within(sStart, start), line.planYear);
    const classified = classifyFigure(
      { unit: c.unit, gap, signals, mode: line.mode, retrospective: line.retrospective },
      listed ? prev!.f.kind : undefined,
    );
    const { sign, excess } = classified;
    let kind = classified.kind;
    const row = tables.rowStart(start);
    if (row >= 0) {
      const fromColumn = tables.kindAt(start, kind, unitFamily(c.unit) === "percent", row !== lastRow);
      if (fromColumn) kind = fromColumn as typeof kind;
      lastRow = row;
    }
    let indicator = nameFigure(gap, kind, sameSentence ? figures.slice(figures.length - 8) : [], sStart);
    // "对87项重点需求", "有20个企业通过…": the count stands before its noun, so the noun names it.
    const follow = followingNoun(norm, c.end);
    const beforeIsVerb = /(?:[对为有把给向将由等]|组织|完成|开展|举办|摸排|累计)$/.test(gap.replace(/了$/, ""));
    if (follow && (indicator === "" || beforeIsVerb || isGenericPhrase(indicatorPhrase(gap)))) {
      indicator = `${indicatorPhrase(gap)}${follow}`.slice(0, 40);
    }
    const value = c.tok.value === null ? null : c.tok.value * sign;
    const f: Figure = {
      offset: start,
      text: text.slice(start, c.tok.end),
      value,
      unit: c.unit,
      kind,
      indicator,
      indicator_code: matcher.code(indicator, c.unit, kind),
      scope: null,
    };
    if (excess) f.excess = true;
    const period = pickPeriod(norm, periods.within(sStart, start), start);
    if (period) f.period = period;
    figures.push(f);
    prev = { c, f, sentence: sStart };
  }
  return figures;
}

function addRanks(text: string, norm: string, spans: [number, number][], figures: Figure[], matcher: IndicatorMatcher): void {
  const cursor = new SpanCursor(spans);
  const ranks = findRanks(norm, (p) => cursor.contains(p));
  // Figures are in offset order; walk them alongside the ranks.
  let fi = 0;
  let prevRankOffset = -1;
  const sentences = new SentenceCursor(norm);
  const periods = new MatchWindow(new RegExp(PERIOD_RE), norm);
  const ranked: Figure[] = [];
  for (const r of ranks) {
    while (fi < figures.length && figures[fi]!.offset < r.offset) fi++;
    const sStart = sentences.start(r.offset);
    const inSentence: Figure[] = [];
    for (let j = fi - 1; j >= 0 && figures[j]!.offset >= sStart; j--) inSentence.unshift(figures[j]!);
    let semi = r.offset - 1;
    while (semi > sStart && norm[semi] !== ";") semi--;
    const covered = coveredBy(r, inSentence, prevRankOffset, semi);
    const own = indicatorPhrase(r.subject.replace(/在(.{1,20}?)中$/, ""));
    const indicator = rankIndicator(own, covered, r.coversAll);
    const f: Figure = {
      offset: r.offset,
      text: text.slice(r.offset, r.offset + r.text.length),
      value: r.value,
      unit: "位",
      kind: "rank",
      indicator,
      indicator_code: matcher.code(indicator, "位", "rank"),
      scope: r.scope ?? (/在(.{1,20}?)中$/.exec(r.subject)?.[1] || null),
      covers: covered.map((c) => c.offset),
    };
    const period = pickPeriod(norm, periods.within(sStart, r.offset), r.offset);
    if (period) f.period = period;
    ranked.push(f);
    prevRankOffset = r.offset;
  }
  figures.push(...ranked);
}
