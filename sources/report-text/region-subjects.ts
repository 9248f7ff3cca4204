// Which region a figure speaks of. A report speaks of its own region (the sidecar's), but a sentence may
// name another as its subject: 余杭区's report praising "上城区技术合同成交额居全市第一", or a city report
// listing districts one after another. A county-level name (from the GB/T 2260 list) that opens a clause
// is the subject of the figures after it in the sentence, until 我区/全区/本县… or another name takes over.
// Only the name is returned; the warehouse resolves it within the report's own city (names repeat).
import { loadRegions } from "../regions.ts";
import { MatchWindow } from "./sentences.ts";

let names: Set<string> | undefined;

/** County-level names of three or more characters: two-character ones (城区, 郊区, 矿区) are also common words. */
function regionNames(): Set<string> {
  if (!names) names = new Set(loadRegions().map((r) => r.name).filter((n) => n.length >= 3));
  return names;
}

// A clause opener: after a sentence or clause break, up to 8 characters ending in 区/县/市/旗, or the
// report's own voice (我区, 全县, 本市, 该区).
const OPENER = /(?<=^|[,;:。!?\n、])\s*(?:(?:我|全|本|该)(?:区|县|市|旗)|[\u4e00-\u9fa5]{1,7}?(?:区|县|市|旗))/g;

/** Looks up, for positions in increasing order, the region a sentence names as the subject. */
export class RegionSubjects {
  private readonly openers: MatchWindow;
  constructor(norm: string) {
    this.openers = new MatchWindow(new RegExp(OPENER), norm);
  }

  /** The region named as subject before `pos` in the sentence starting at `sentenceStart`, if any. */
  at(sentenceStart: number, pos: number): string | undefined {
    const found = this.openers.within(sentenceStart, pos);
    for (let i = found.length - 1; i >= 0; i--) {
      const name = found[i]!.text.trim();
      if (/^(?:我|全|本|该)(?:区|县|市|旗)$/.test(name)) return undefined;
      if (regionNames().has(name)) return name;
    }
    return undefined;
  }
}
