// Names what each figure measures from its surroundings: the phrase before it, the noun after it, or the
// figures before it in the sentence when its own phrase is generic ("同比增长", "累计达", "排名").
import { derivedIndicator, indicatorPhrase, isGenericPhrase } from "./indicator.ts";
import type { Figure, FigureKind } from "./figure.ts";
import { isClauseEnd } from "./sentences.ts";

/** "对87项重点需求," → "重点需求": the noun a count stands before, up to the end of its clause. */
export function followingNoun(norm: string, from: number): string {
  const c = norm.charCodeAt(from);
  if (!(c >= 0x4e00 && c <= 0x9fff) || /^(?:的|以|左右|及以上|为|是)/.test(norm.slice(from, from + 3))) return "";
  let end = from;
  while (end < norm.length && end - from < 24 && !isClauseEnd(norm[end]) && !/[\dX第]/.test(norm[end]!)) end++;
  return norm.slice(from, end);
}

/**
 * Indicator name for a figure. A generic phrase ("同比增长", "累计达", "占…比重为") borrows from the figures
 * before it in the sentence: growth from the last amount or count, a share from the thing it is a share of.
 */
export function nameFigure(gap: string, kind: FigureKind, recent: Figure[], sStart: number): string {
  const own = indicatorPhrase(gap);
  const inSentence = recent.filter((f) => f.offset >= sStart);
  const last = inSentence[inSentence.length - 1];
  if (kind === "completion") return `${last && last.kind !== "rank" ? last.indicator : ""}${own}完成率`;
  if (!last) return kind === "growth" && !/增|速|幅|率/.test(own) ? `${own}增速` : own;
  if (own.startsWith("占") && last.kind !== "rank") return `${last.indicator}${own}`;
  if (!isGenericPhrase(own)) return kind === "growth" && !/增|速|幅|率|倍/.test(own) ? `${own}增速` : own;
  if (kind === "growth") {
    const amount = [...inSentence].reverse().find((f) => (f.kind === "level" || f.kind === "target") && f.unit !== "%");
    return derivedIndicator((amount ?? last).indicator, own, kind);
  }
  if (/累计|总数|总量|共有/.test(gap) && kind === "level") return `${last.indicator.replace(/^(?:新增|新认定|净增|新建)/, "")}累计`;
  return derivedIndicator(last.indicator, own, kind);
}

/** Name of a ranked indicator: its own subject, or what the covered figures measure. */
export function rankIndicator(own: string, covered: Figure[], coversAll: boolean): string {
  if (coversAll && covered.length > 1) {
    const names = [...new Set(covered.map((c) => c.indicator))].slice(0, 4);
    return names.join("、");
  }
  const base = covered[covered.length - 1]?.indicator ?? "";
  if (own && !isGenericPhrase(own) && !/数据|指标/.test(own)) return own;
  return derivedIndicator(base, own, "rank") || "排名";
}
