// Sorted horizontal bar chart of one ranking (one bar per region) as static SVG: rank column, region
// names, value text at the bar ends and the peer-group median as a dashed rule. Static pages have no
// tooltips, so everything a reader needs is drawn as text; margins come from our own CJK-aware width
// estimate because Plot's estimate would clip Chinese names.
import * as Plot from "@observablehq/plot";
import { plotDocument } from "../dom.ts";
import { textWidthPx, truncateToEm } from "./text-width.ts";

export interface RankingBar {
  /** Unique key (region code): names repeat across cities, so they cannot key the y scale. */
  key: string;
  label: string;
  /** Null = no data: the region is left out of the chart (the table lists it as 无数据). */
  value: number | null;
  /** `1`, `并列2`. */
  rankLabel: string;
  /** Value text drawn at the bar end, e.g. `1,096家`. */
  valueLabel: string;
}

export interface RankingBarOptions {
  /** Accessible name of the chart (aria-label and <title>). */
  title: string;
  /** Median of the peer group; drawn as a rule when given. */
  median?: number | null;
  /** Text of the median label, e.g. `中位数 512家`. */
  medianLabel?: string;
  width?: number;
  fontSize?: number;
  /** Longest region name drawn before it is cut with `…` (the table keeps the full name). */
  maxLabelEm?: number;
}

export const CHART_FONT = `"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Hiragino Sans GB", sans-serif`;
const BAR_COLOR = "#1f4e79";
const MUTED = "#5f6368";
const MEDIAN_COLOR = "#b3541e";

export interface ChartGeometry {
  width: number;
  height: number;
  marginLeft: number;
  marginRight: number;
  marginTop: number;
  marginBottom: number;
  rankColumn: number;
  negativeInset: number;
}

/** Margins and size from the labels themselves, so long Chinese names and wide values always fit. */
export function rankingBarGeometry(bars: RankingBar[], opts: RankingBarOptions): ChartGeometry {
  const fontSize = opts.fontSize ?? 14;
  const maxLabelEm = opts.maxLabelEm ?? 12;
  const drawn = bars.filter((b) => b.value != null);
  const gap = Math.round(fontSize * 0.6);
  const rankColumn = Math.max(0, ...drawn.map((b) => textWidthPx(b.rankLabel, fontSize))) + gap;
  const nameColumn = Math.max(fontSize, ...drawn.map((b) => textWidthPx(truncateToEm(b.label, maxLabelEm), fontSize)));
  const valueText = (b: RankingBar) => textWidthPx(b.valueLabel, fontSize) + gap;
  const positive = drawn.filter((b) => (b.value ?? 0) >= 0);
  const negative = drawn.filter((b) => (b.value ?? 0) < 0);
  const medianText = opts.median != null && opts.medianLabel ? textWidthPx(opts.medianLabel, fontSize * 0.85) + 4 : 0;
  const marginRight = Math.max(fontSize, ...positive.map(valueText), medianText / 2) + 4;
  const negativeInset = negative.length ? Math.max(...negative.map(valueText)) : 0;
  const step = Math.round(fontSize * 2.1);
  const marginTop = opts.median != null ? Math.round(fontSize * 1.8) : 8;
  const marginBottom = 8;
  return {
    width: opts.width ?? 640,
    height: marginTop + marginBottom + Math.max(1, drawn.length) * step,
    marginLeft: rankColumn + nameColumn + gap,
    marginRight,
    marginTop,
    marginBottom,
    rankColumn,
    negativeInset,
  };
}

/** The chart as a `<figure class="chart">` HTML string; a figure with a note when nothing can be drawn. */
export function renderRankingBar(bars: RankingBar[], opts: RankingBarOptions): string {
  const fontSize = opts.fontSize ?? 14;
  const maxLabelEm = opts.maxLabelEm ?? 12;
  const drawn = bars.filter((b): b is RankingBar & { value: number } => b.value != null && Number.isFinite(b.value));
  if (drawn.length === 0) {
    return `<figure class="chart"><p class="empty">暂无可绘制的数据</p></figure>`;
  }
  const g = rankingBarGeometry(drawn, opts);
  const labelOf = new Map(drawn.map((b) => [b.key, truncateToEm(b.label, maxLabelEm)]));
  const lo = Math.min(0, ...drawn.map((b) => b.value));
  const hi = Math.max(0, ...drawn.map((b) => b.value));
  const median = opts.median != null && Number.isFinite(opts.median) ? opts.median : null;

  const marks: Plot.Markish[] = [
    Plot.barX(drawn, { x: "value", y: "key", fill: BAR_COLOR }),
    Plot.ruleX([0], { stroke: "#999" }),
    Plot.text(drawn, {
      x: "value",
      y: "key",
      text: "valueLabel",
      textAnchor: "start",
      dx: 4,
      filter: (b: RankingBar) => (b.value ?? 0) >= 0,
    }),
    Plot.text(drawn, {
      x: "value",
      y: "key",
      text: "valueLabel",
      textAnchor: "end",
      dx: -4,
      filter: (b: RankingBar) => (b.value ?? 0) < 0,
    }),
    // The rank column sits at the far left of the left margin, before the names.
    Plot.text(drawn, {
      y: "key",
      text: "rankLabel",
      frameAnchor: "left",
      textAnchor: "start",
      dx: -g.marginLeft + 2,
      fill: MUTED,
    }),
  ];
  if (median != null) {
    marks.push(
      Plot.ruleX([median], { stroke: MEDIAN_COLOR, strokeWidth: 1.5, strokeDasharray: "5,3" }),
      Plot.text([median], {
        x: (d: number) => d,
        frameAnchor: "top",
        dy: -Math.round(fontSize * 0.9),
        text: () => opts.medianLabel ?? "中位数",
        fill: MEDIAN_COLOR,
        fontSize: Math.round(fontSize * 0.85),
      }),
    );
  }

  const svg = Plot.plot({
    document: plotDocument(),
    width: g.width,
    height: g.height,
    marginLeft: g.marginLeft,
    marginRight: g.marginRight,
    marginTop: g.marginTop,
    marginBottom: g.marginBottom,
    ariaLabel: opts.title,
    ariaDescription: `${drawn.length}个地区按位次排列的条形图${median != null && opts.medianLabel ? `，${opts.medianLabel}` : ""}`,
    style: { fontSize: `${fontSize}px`, fontFamily: CHART_FONT, background: "white", color: "#1d1d1f" },
    x: { domain: [lo, hi], axis: null, insetLeft: g.negativeInset },
    y: {
      domain: drawn.map((b) => b.key),
      label: null,
      padding: 0.22,
      tickSize: 0,
      tickPadding: Math.round(fontSize * 0.5),
      tickFormat: (key: string) => labelOf.get(key) ?? key,
    },
    marks,
  }) as unknown as Element;

  // A <title> is the accessible name most screen readers and browsers (hover) use for inline SVG.
  const title = plotDocument().createElementNS("http://www.w3.org/2000/svg", "title");
  title.textContent = opts.title;
  svg.insertBefore(title, svg.firstChild);
  svg.setAttribute("role", "img");
  return `<figure class="chart">${svg.outerHTML}</figure>`;
}
