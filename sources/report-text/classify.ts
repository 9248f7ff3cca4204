// Decides what kind of figure a number is (level, growth, pp_change, completion, target) from its unit,
// the words right before it, the sentence, and whether the section reports results or sets plans.
import { completionCue } from "./completion-cues.ts";
import { rankMove } from "./rank-moves.ts";
import { MatchWindow, type Found, type SectionMode } from "./sentences.ts";
import { unitFamily } from "./unit-words.ts";

/** rank_change: a move in rank (前进5位 = +5), unit 位. */
export type FigureKind = "level" | "growth" | "pp_change" | "rank" | "rank_change" | "target" | "completion";

const COMPLETION_OF = /(?:目标|任务|计划)(?:任务)?的$/;
const GROWTH =
  /(?:增长|增速|增幅|增长率|同比|环比|下降|降幅|减少|回落|下滑|上升|提高|提升|增加|年均增长|两年平均增长|降低)(?:了|为|达到?|率为?|超过?|高达|近|约|超)?$/;
// "比全省平均低0.41个百分点", "增速放缓2.3个百分点": a change below the reference is negative.
const DECREASE = /(?:下降|降幅|减少|回落|下滑|降低|低于|收窄|放缓|减慢|落后|低)[^增高]{0,4}$/;
// Words that make a number a goal rather than a result, wherever the section is. 争取 is not one: in a
// results section "争取上级资金2.36亿元" reports money obtained; under a plan heading the mode decides.
export const TARGET_TRIGGER =
  /力争|确保|明年|年初(?:设定|确定|下达|制定)|下一步|今后|努力(?:实现|达到|使|完成)|目标(?:任务)?(?:是|为|:)|预期|(?<=^|[年度,,。;:!?\n])计划(?=[新投推引完实培建组申开争达于在到举认力])|将(?:达到|突破|超过|实现)|到(?:19|20)[\dX]{2}年(?:底|末)?/g;
// Words that, inside a plan section, mark a sentence as stating the current situation.
export const LEVEL_MARKER = /目前|现有|现状|完成情况|已有|截至|截止|今年以来|已经|已累计|累计已|现已|实际(?![,。;、:\s]|情况)|(?<![较比])(?:去年|上年)/g;
export const YEAR_RE = /((?:19|20)\d\d)年/g;

/** Where, in the sentence before a figure, the last goal word and the last "current state" word are. */
export interface TargetSignals {
  trigger: number;
  level: number;
}

/** Signals from the matches of TARGET_TRIGGER, LEVEL_MARKER and YEAR_RE before the figure. A year
 * earlier than the plan's year ("2023年," under "2024年工作要点") marks a look back. */
export function targetSignals(triggers: Found[], levels: Found[], years: Found[], planYear: number | null): TargetSignals {
  let level = levels.length ? levels[levels.length - 1]!.index : -1;
  if (planYear !== null) for (const y of years) if (Number(y.text.slice(0, 4)) < planYear) level = Math.max(level, y.index);
  return { trigger: triggers.length ? triggers[triggers.length - 1]!.index : -1, level };
}

/** Plan sections state goals unless the sentence reports the current state; elsewhere only goal words do. */
export function decideTarget(sig: TargetSignals, mode: SectionMode): boolean {
  if (mode === "plan") return sig.level < 0 || sig.trigger > sig.level;
  return sig.trigger >= 0 && sig.trigger > sig.level;
}

/** Convenience for one sentence prefix (tests, ranks). */
export function isTarget(sentencePrefix: string, mode: SectionMode, planYear: number | null = null): boolean {
  const all = (re: RegExp) => new MatchWindow(re, sentencePrefix).within(0, sentencePrefix.length);
  return decideTarget(targetSignals(all(TARGET_TRIGGER), all(LEVEL_MARKER), all(YEAR_RE), planYear), mode);
}

export interface KindInput {
  unit: string;
  /** Text of the clause before the number (after the previous figure's unit when in the same clause). */
  gap: string;
  /** Goal and current-state words earlier in the sentence. */
  signals: TargetSignals;
  mode: SectionMode;
  /** The paragraph looks back at an earlier year although it sits under a plan heading. */
  retrospective?: boolean;
}

export interface KindResult {
  kind: FigureKind;
  /** -1 when a growth or percentage-point change is a decrease (下降3.2%) or a rank moves down. */
  sign: 1 | -1;
  /** "超额完成17%": a completion figure that states the excess over the goal. */
  excess?: boolean;
}

/** The kind of a non-rank figure; `inherited` is the kind of the previous figure in a 、 list. */
export function classifyFigure(input: KindInput, inherited?: FigureKind): KindResult {
  const { unit } = input;
  // "较上年增长 16.2%", "完成率 99%": a space between the cue and the number changes nothing.
  const gap = input.gap.replace(/\s+$/, "");
  const family = unitFamily(unit);
  let kind: FigureKind = "level";
  let sign: 1 | -1 = 1;
  if (family === "percent") {
    const cue = completionCue(gap);
    if (cue) return cue.excess ? { kind: "completion", sign, excess: true } : { kind: "completion", sign };
    if (COMPLETION_OF.test(gap)) return { kind: "completion", sign };
  }
  if (unit === "位" || unit === "名") {
    const move = rankMove(gap);
    if (move) return { kind: "rank_change", sign: move };
  }
  if (family === "pp") {
    kind = "pp_change";
    if (DECREASE.test(gap)) sign = -1;
  } else if (family === "times") {
    kind = "growth";
  } else if (family === "percent" && GROWTH.test(gap)) {
    kind = "growth";
    if (DECREASE.test(gap)) sign = -1;
  } else if (family === "percent" && gap === "" && inherited === "growth") {
    kind = "growth";
  }
  const mode = input.retrospective ? "summary" : input.mode;
  if (decideTarget(input.signals, mode)) kind = "target";
  return { kind, sign };
}

