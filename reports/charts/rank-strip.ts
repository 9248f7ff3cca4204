// A district's position in every indicator at a glance: one row per indicator, a track from first
// to last place, a filled dot for the rank in 全市 and a hollow one for 全省. Ranks are drawn as the
// share of the way down the group (first = left edge, last = right edge) so a city of 13 and a
// province of 90 share one axis; the exact ranks are written at the row end and listed in the table.
import * as Plot from "@observablehq/plot";
import { plotDocument } from "../dom.ts";
import { ACCENT, INK, MUTED, RULE } from "./palette.ts";
import { CHART_FONT } from "./ranking-bar.ts";
import { finishSvg } from "./svg-finish.ts";
import { textWidthPx, truncateToEm } from "./text-width.ts";

export interface RankStripRow {
  /** Unique key (indicator code). */
  key: string;
  label: string;
  city?: { rank: number; peerCount: number; tied: boolean } | null;
  province?: { rank: number; peerCount: number; tied: boolean } | null;
}

export interface RankStripOptions {
  title: string;
  cityLabel?: string;
  provinceLabel?: string;
  width?: number;
  fontSize?: number;
  maxLabelEm?: number;
}

/** 0 = first place, 1 = last; a group of one sits at 0. */
export function rankPosition(rank: number, peerCount: number): number {
  return peerCount <= 1 ? 0 : (rank - 1) / (peerCount - 1);
}

function rankText(prefix: string, r: { rank: number; peerCount: number; tied: boolean } | null | undefined): string {
  return r ? `${prefix}${r.tied ? "并列" : ""}${r.rank}/${r.peerCount}` : "";
}

export function renderRankStrip(rows: RankStripRow[], opts: RankStripOptions): string {
  const fontSize = opts.fontSize ?? 13;
  const maxLabelEm = opts.maxLabelEm ?? 13;
  const drawn = rows.filter((r) => r.city || r.province);
  if (drawn.length === 0) return `<figure class="chart"><p class="empty">暂无位次数据</p></figure>`;
  const cityWord = opts.cityLabel ?? "市";
  const provinceWord = opts.provinceLabel ?? "省";
  const labels = new Map(drawn.map((r) => [r.key, truncateToEm(r.label, maxLabelEm)]));
  const ends = new Map(drawn.map((r) => [r.key, [rankText(cityWord, r.city), rankText(provinceWord, r.province)].filter(Boolean).join(" ")]));
  const gap = Math.round(fontSize * 0.6);
  const marginLeft = Math.max(...[...labels.values()].map((l) => textWidthPx(l, fontSize))) + gap;
  const marginRight = Math.max(...[...ends.values()].map((l) => textWidthPx(l, fontSize))) + gap * 2;
  const step = Math.round(fontSize * 1.9);
  const city = drawn.filter((r) => r.city).map((r) => ({ key: r.key, x: rankPosition(r.city!.rank, r.city!.peerCount) }));
  const province = drawn.filter((r) => r.province).map((r) => ({ key: r.key, x: rankPosition(r.province!.rank, r.province!.peerCount) }));
  const svg = Plot.plot({
    document: plotDocument(),
    width: opts.width ?? 640,
    height: 30 + drawn.length * step,
    marginLeft,
    marginRight,
    marginTop: 26,
    marginBottom: 4,
    style: { fontSize: `${fontSize}px`, fontFamily: CHART_FONT, background: "white", color: INK },
    x: { domain: [0, 1], axis: null, inset: 6 },
    y: { domain: drawn.map((r) => r.key), label: null, tickSize: 0, tickPadding: gap, tickFormat: (k: string) => labels.get(k) ?? k },
    marks: [
      Plot.ruleY(drawn, { y: "key", x1: 0, x2: 1, stroke: RULE, strokeWidth: 3 }),
      Plot.dot(province, { x: "x", y: "key", r: 5, stroke: ACCENT, strokeWidth: 1.5, fill: "white" }),
      Plot.dot(city, { x: "x", y: "key", r: 4.5, fill: ACCENT }),
      Plot.text(drawn, { y: "key", text: (r: RankStripRow) => ends.get(r.key), frameAnchor: "right", textAnchor: "start", dx: gap, fill: MUTED }),
      Plot.text(["靠前"], { frameAnchor: "top-left", dy: -18, fill: MUTED }),
      Plot.text(["靠后"], { frameAnchor: "top-right", dy: -18, fill: MUTED }),
    ],
  }) as unknown as Element;
  return `<figure class="chart rank-strip">${finishSvg(svg, opts.title, `${drawn.length}项指标的位次，实心点为${cityWord}内位次，空心点为${provinceWord}内位次`)}</figure>`;
}
