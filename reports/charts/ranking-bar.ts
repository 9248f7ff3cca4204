// Sorted horizontal bar chart of one ranking (one bar per region) as static SVG: rank column, region
// names, value text at the bar ends and the peer-group median as a dashed rule. Static pages have no
// tooltips, so everything a reader needs is drawn as text; margins come from our own CJK-aware width
// estimate because Plot's estimate would clip Chinese names. A province group (~90 regions) is drawn
// as several SVGs sharing one x scale, each short enough for an A4 page, so print never cuts a bar.
import * as Plot from "@observablehq/plot";
import { plotDocument } from "../dom.ts";
import { ACCENT, MUTED, REFERENCE } from "./palette.ts";
import { finishSvg } from "./svg-finish.ts";
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
  /** Bar colour when bars mean different things (e.g. composite index tiers); default the accent. */
  fill?: string;
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
  /** Extra class on the <figure>, e.g. to swap drawings by screen width. */
  className?: string;
  /** Most bars per SVG; ≈30 bars at 14px fill an A4 page. */
  barsPerSvg?: number;
}

export const CHART_FONT = `"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Hiragino Sans GB", sans-serif`;
const BAR_COLOR = ACCENT;
const MEDIAN_COLOR = REFERENCE;

export interface ChartGeometry {
  width: number;
  marginLeft: number;
  marginRight: number;
  /** Top margin of the first SVG, which carries the median label. */
  marginTop: number;
  marginBottom: number;
  /** Height of one band (bar plus gap). */
  step: number;
  negativeInset: number;
}

/** Margins from the labels themselves (over all bars, so split SVGs line up), so long Chinese names and wide values fit. */
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
  return {
    width: opts.width ?? 720,
    marginLeft: rankColumn + nameColumn + gap,
    marginRight: Math.max(fontSize, ...positive.map(valueText), medianText / 2) + 4,
    marginTop: opts.median != null ? Math.round(fontSize * 1.8) : 8,
    marginBottom: 8,
    step: Math.round(fontSize * 2.1),
    negativeInset: negative.length ? Math.max(...negative.map(valueText)) : 0,
  };
}

type Drawn = RankingBar & { value: number };

interface ChunkContext {
  g: ChartGeometry;
  fontSize: number;
  domain: [number, number];
  median: number | null;
  labelOf: Map<string, string>;
  opts: RankingBarOptions;
  /** Some bars carry their own colour: colours are used as given (identity scale). */
  coloured: boolean;
}

function plotChunk(chunk: Drawn[], first: boolean, title: string, ctx: ChunkContext): string {
  const { g, fontSize, median, opts } = ctx;
  const marginTop = first ? g.marginTop : 4;
  // A white halo keeps value text readable where the median rule crosses it.
  const halo = { fill: "#1d1d1f", stroke: "white", strokeWidth: 3, paintOrder: "stroke" };
  const marks: Plot.Markish[] = [
    Plot.barX(chunk, { x: "value", y: "key", fill: ctx.coloured ? (b: Drawn) => b.fill ?? BAR_COLOR : BAR_COLOR }),
    Plot.ruleX([0], { stroke: "#999" }),
    median != null ? Plot.ruleX([median], { stroke: MEDIAN_COLOR, strokeWidth: 1.5, strokeDasharray: "5,3" }) : null,
  ];
  // Marks are built only when they draw something: each costs a pass of Plot's machinery per chart.
  const positive = chunk.filter((b) => b.value >= 0);
  const negative = chunk.filter((b) => b.value < 0);
  if (positive.length) marks.push(Plot.text(positive, { x: "value", y: "key", text: "valueLabel", textAnchor: "start", dx: 4, ...halo }));
  if (negative.length) marks.push(Plot.text(negative, { x: "value", y: "key", text: "valueLabel", textAnchor: "end", dx: -4, ...halo }));
  // The rank column sits at the far left of the left margin, before the names.
  if (chunk.some((b) => b.rankLabel)) {
    marks.push(Plot.text(chunk, { y: "key", text: "rankLabel", frameAnchor: "left", textAnchor: "start", dx: -g.marginLeft + 2, fill: MUTED }));
  }
  if (median != null) {
    if (first) {
      marks.push(
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
  }
  const svg = Plot.plot({
    document: plotDocument(),
    width: g.width,
    height: marginTop + g.marginBottom + chunk.length * g.step,
    marginLeft: g.marginLeft,
    marginRight: g.marginRight,
    marginTop,
    marginBottom: g.marginBottom,
    style: { fontSize: `${fontSize}px`, fontFamily: CHART_FONT, background: "white", color: "#1d1d1f" },
    x: { domain: ctx.domain, axis: null, insetLeft: g.negativeInset },
    color: { type: "identity" },
    y: {
      domain: chunk.map((b) => b.key),
      label: null,
      padding: 0.22,
      tickSize: 0,
      tickPadding: Math.round(fontSize * 0.5),
      tickFormat: (key: string) => ctx.labelOf.get(key) ?? key,
    },
    marks,
  }) as unknown as Element;
  const description = `${chunk.length}个地区按位次排列的条形图${median != null && opts.medianLabel ? `，${opts.medianLabel}` : ""}`;
  return finishSvg(svg, title, description);
}

/** The chart as a `<figure class="chart">` HTML string (bars in the given order); a note when nothing can be drawn. */
export function renderRankingBar(bars: RankingBar[], opts: RankingBarOptions): string {
  const fontSize = opts.fontSize ?? 14;
  const maxLabelEm = opts.maxLabelEm ?? 12;
  const figureClass = opts.className ? `chart ${opts.className}` : "chart";
  const drawn = bars.filter((b): b is Drawn => b.value != null && Number.isFinite(b.value));
  if (drawn.length === 0) {
    return `<figure class="${figureClass}"><p class="empty">暂无可绘制的数据</p></figure>`;
  }
  const ctx: ChunkContext = {
    g: rankingBarGeometry(drawn, opts),
    fontSize,
    // All zero (nothing certified yet): an empty domain would draw every 0 as a full-width bar.
    domain: [Math.min(0, ...drawn.map((b) => b.value)), Math.max(0, ...drawn.map((b) => b.value)) || (drawn.some((b) => b.value < 0) ? 0 : 1)],
    median: opts.median != null && Number.isFinite(opts.median) ? opts.median : null,
    labelOf: new Map(drawn.map((b) => [b.key, truncateToEm(b.label, maxLabelEm)])),
    opts,
    coloured: drawn.some((b) => b.fill != null),
  };
  // Even chunks (31 bars → 16 + 15) rather than a full page and a stub.
  const per = Math.max(1, opts.barsPerSvg ?? 30);
  const count = Math.ceil(drawn.length / per);
  const size = Math.ceil(drawn.length / count);
  const svgs: string[] = [];
  for (let i = 0; i < count; i++) {
    const title = count > 1 ? `${opts.title}（${i + 1}/${count}）` : opts.title;
    svgs.push(plotChunk(drawn.slice(i * size, (i + 1) * size), i === 0, title, ctx));
  }
  return `<figure class="${figureClass}">${svgs.join("")}</figure>`;
}
