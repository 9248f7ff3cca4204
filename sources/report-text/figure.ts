// The figure record extractFigures returns, shared by the modules that build it.
import type { FigureKind } from "./classify.ts";

export type { FigureKind } from "./classify.ts";

export interface Figure {
  /** String index of the first character of the number text. */
  offset: number;
  /** The number as written: "583", "3.08", "XX", "一", "1-2", "榜首". */
  text: string;
  /** Value in the stated unit (lower bound of a range, negative for a stated decrease); null when masked. */
  value: number | null;
  unit: string;
  kind: FigureKind;
  indicator: string;
  indicator_code: string | null;
  /** Peer group of a rank (全市, 全省, A类地区, …); null for other kinds. */
  scope: string | null;
  period?: string;
  /** On a completion: "超额完成17%" states the excess over the goal (17), not the share of it (117). */
  excess?: boolean;
  /** A region the sentence names as the subject ("上城区技术合同成交额居全市第一"), when not the report's own. */
  region?: string;
  /** On a rank: offsets of the figures it ranks. */
  covers?: number[];
}
