// A small trend chart of one indicator over the years at the same month (1-10月 of each year), for the
// district pages' small multiples. Levels start at zero so growth is not exaggerated; ratios use their
// own range. The first and last values are written on the chart; the table beside has every figure.
import * as Plot from "@observablehq/plot";
import { plotDocument } from "../dom.ts";
import { ACCENT, INK } from "./palette.ts";
import { CHART_FONT } from "./ranking-bar.ts";
import { finishSvg } from "./svg-finish.ts";
import { textWidthPx } from "./text-width.ts";

export interface TrendPoint {
  year: number;
  value: number;
  /** Text written at the point, e.g. `1,096家`. */
  label: string;
}

export interface TrendOptions {
  title: string;
  zero: boolean;
  width?: number;
  height?: number;
  fontSize?: number;
}

export function renderTrendLine(points: TrendPoint[], opts: TrendOptions): string {
  const fontSize = opts.fontSize ?? 12;
  const drawn = points.filter((p) => Number.isFinite(p.value)).sort((a, b) => a.year - b.year);
  if (drawn.length === 0) return `<figure class="chart"><p class="empty">暂无数据</p></figure>`;
  const ends = drawn.length > 1 ? [drawn[0]!, drawn.at(-1)!] : [drawn[0]!];
  // Room for the end labels, which sit beside the first and last points.
  const side = Math.max(...ends.map((p) => textWidthPx(p.label, fontSize))) / 2 + 6;
  const svg = Plot.plot({
    document: plotDocument(),
    width: opts.width ?? 300,
    height: opts.height ?? 150,
    marginLeft: side,
    marginRight: side,
    marginTop: 22,
    marginBottom: 22,
    style: { fontSize: `${fontSize}px`, fontFamily: CHART_FONT, background: "white", color: INK },
    x: { type: "point", domain: drawn.map((p) => p.year), label: null, tickFormat: (y: number) => String(y), tickSize: 0 },
    // Insets keep the lowest point and its label clear of the year labels.
    y: { axis: null, zero: opts.zero, nice: false, insetBottom: opts.zero ? 0 : 8, insetTop: 4 },
    marks: [
      opts.zero ? Plot.ruleY([0], { stroke: "#bbb" }) : null,
      Plot.line(drawn, { x: "year", y: "value", stroke: ACCENT, strokeWidth: 2 }),
      Plot.dot(drawn, { x: "year", y: "value", r: 3, fill: ACCENT }),
      Plot.text(ends, { x: "year", y: "value", text: "label", dy: -10, fill: INK, stroke: "white", strokeWidth: 3, paintOrder: "stroke" }),
    ],
  }) as unknown as Element;
  const description = `${drawn[0]!.year}年至${drawn.at(-1)!.year}年：${drawn.map((p) => `${p.year}年${p.label}`).join("，")}`;
  return `<figure class="chart trend">${finishSvg(svg, opts.title, description)}</figure>`;
}
