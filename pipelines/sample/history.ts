// History CSVs: one long-format file per prefecture city, streamed region by region. Files differ the
// way real exports do (GBK with CRLF, UTF-8 with a BOM, money in 万元, occasional alias names), each
// chosen by a fixed rule on the city code so the mix is the same for every seed.
import type { Indicator } from "../../sources/catalog.ts";
import { CsvWriter, csvField, type CsvFormat } from "./csv.ts";
import { HISTORY_INJECTIONS, type CleanRow, type DirtyRecord, type Injection } from "./dirty.ts";
import type { SampleIO } from "./io.ts";
import { hashString, mixInts } from "./prng.ts";
import { decimalsOf, roundTo } from "./profiles.ts";
import { ZHEJIANG, type RegionModel } from "./region-model.ts";
import { regionSeries } from "./series.ts";

export const HISTORY_HEADER = ["地区代码", "地区名称", "指标名称", "计量单位", "年份", "月份", "数值"] as const;

export interface HistoryFilePlan {
  /** City code, or province code for units directly under the province. */
  key: string;
  /** Relative to the output folder. */
  path: string;
  regions: RegionModel[];
  format: CsvFormat;
  /** 万元 files carry every 亿元 indicator ×10000 as integers. */
  moneyUnit: "亿元" | "万元";
  /** Position among Zhejiang cities (dirty-row anchor), or -1. */
  zhejiangIndex: number;
}

export interface HistoryRange {
  seed: number;
  catalog: readonly Indicator[];
  fromYear: number;
  /** Last period written (inclusive). */
  lastYear: number;
  lastMonth: number;
}

const digitSum = (code: string) => [...code].reduce((a, c) => a + Number(c), 0);

export function planHistoryFiles(models: readonly RegionModel[]): HistoryFilePlan[] {
  const groups = new Map<string, { name: string; regions: RegionModel[] }>();
  for (const m of models) {
    const r = m.region;
    const key = r.city_code ?? r.province_code;
    const name = r.city_code ? `${r.city_name}` : `${r.province_name}直辖`;
    const g = groups.get(key) ?? { name, regions: [] };
    g.regions.push(m);
    groups.set(key, g);
  }
  const keys = [...groups.keys()].sort();
  const zhejiang = keys.filter((k) => k.startsWith(ZHEJIANG.slice(0, 2)));
  let bomGiven = false;
  return keys.map((key) => {
    const g = groups.get(key)!;
    const gbk = digitSum(key) % 3 === 0;
    const bom = !gbk && !bomGiven;
    bomGiven ||= bom;
    return {
      key,
      path: `history/${key}-${g.name}.csv`,
      regions: g.regions,
      format: gbk ? { encoding: "gbk", eol: "\r\n" } : { encoding: bom ? "utf8-bom" : "utf8", eol: "\n" },
      moneyUnit: Number(key.slice(2, 4)) % 4 === 3 ? "万元" : "亿元",
      zhejiangIndex: zhejiang.indexOf(key),
    };
  });
}

interface IndicatorText {
  ind: Indicator;
  key: number;
  annual: boolean;
  names: string[];
  unit: string;
  factor: number;
  decimals: number;
}

function indicatorTexts(catalog: readonly Indicator[], moneyUnit: string): IndicatorText[] {
  return catalog.map((ind) => {
    const wan = ind.unit === "亿元" && moneyUnit === "万元";
    return {
      ind,
      key: hashString(ind.code),
      annual: ind.frequency === "annual",
      names: [ind.name_zh, ...ind.aliases].map(csvField),
      unit: csvField(wan ? "万元" : ind.unit),
      factor: wan ? 1e4 : 1,
      decimals: wan ? 0 : decimalsOf(ind.unit),
    };
  });
}

/** Writes one history file; returns its data-row count, byte size and the dirty rows placed in it. */
export function writeHistoryFile(plan: HistoryFilePlan, range: HistoryRange, outDir: string, io: SampleIO) {
  const w = new CsvWriter(io.openFile(`${outDir}/${plan.path}`), plan.format);
  w.line(HISTORY_HEADER);
  const texts = indicatorTexts(range.catalog, plan.moneyUnit);
  const pending: Injection[] = HISTORY_INJECTIONS.filter((j) => plan.zhejiangIndex >= 0 && j.cityIndex === plan.zhejiangIndex);
  const dirty: DirtyRecord[] = [];
  let rows = 0;
  for (const model of plan.regions) {
    const series = regionSeries({ seed: range.seed, model, fromYear: range.fromYear, toYear: range.lastYear }, range.catalog);
    const prefix = `${csvField(model.region.code)},${csvField(model.region.name)},`;
    for (const t of texts) {
      const values = series.get(t.ind.code)!;
      for (let y = range.fromYear; y <= range.lastYear; y++) {
        const last = y === range.lastYear ? range.lastMonth : 12;
        const v = values.get(y)!;
        for (let m = t.annual ? 12 : 1; m <= last; m++) {
          // About 5% of rows name the indicator by an alias, as hand-kept sheets drift.
          const h = mixInts(range.seed, model.key, t.key, y, m, 7);
          const name = h % 100 < 5 && t.names.length > 1 ? t.names[1 + ((h >>> 8) % (t.names.length - 1))]! : t.names[0]!;
          // The figure the monthly reports publish (catalog unit, its decimals), written in this file's unit.
          const x = roundTo(v[m - 1]!, decimalsOf(t.ind.unit)) * t.factor;
          const text = t.decimals === 0 ? String(Math.round(x)) : roundTo(x, t.decimals).toFixed(t.decimals);
          if (pending.length === 0) {
            w.raw(`${prefix}${name},${t.unit},${y},${m},${text}`);
            rows++;
            continue;
          }
          const clean: CleanRow = {
            fields: [model.region.code, model.region.name, unquote(name), unquote(t.unit), String(y), String(m), text],
            indicator: t.ind.code,
            month: m,
            value: Number(text),
          };
          const hit = pending.findIndex((j) => j.match(clean));
          const inj = hit >= 0 ? pending.splice(hit, 1)[0] : undefined;
          const cleanRow = w.line(inj?.mode === "replace" ? inj.build(clean) : clean.fields);
          rows++;
          if (!inj) continue;
          const f = inj.build(clean);
          const rec = { file: plan.path, kind: inj.kind, problem: inj.problem, region_code: f[0]!, indicator_name: f[2]!, year: y, month: m };
          if (inj.mode === "replace") {
            dirty.push({ ...rec, row: cleanRow, valid: true, value: clean.value });
          } else {
            const row = w.line(f);
            rows++;
            dirty.push({ ...rec, row, valid: false, ...(inj.kind === "duplicate_row" ? { duplicate_of: cleanRow } : {}) });
          }
        }
      }
    }
  }
  w.close();
  return { rows, bytes: w.bytes, dirty };
}

function unquote(field: string): string {
  return field.startsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field;
}
