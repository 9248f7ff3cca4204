// Maps the Chinese (or English) column headers bureaus use onto the fields a source needs, whatever
// their order. Units written in a header, like 本月累计(亿元), are returned so rows can inherit them.
import { normalizeIndicatorName } from "./catalog.ts";

export type HeaderSpec<F extends string> = Record<F, { aliases: readonly string[]; required: boolean }>;

export interface HeaderMatch<F extends string> {
  /** Field → column index. */
  columns: Partial<Record<F, number>>;
  /** Field → unit written in its header, e.g. 亿元 from 本月累计(亿元). */
  units: Partial<Record<F, string>>;
  missing: F[];
  /** Fields more than one column is named for (column indexes), e.g. two 数值 columns: which to load is unclear. */
  duplicates: Partial<Record<F, number[]>>;
}

// 1-11月累计 (any month) is the year-to-date column, like 本年累计.
const key = (h: string) => normalizeIndicatorName(h).replace(/[:：*]/g, "").replace(/^1[-—–~至]\d{1,2}月份?累计(值|数)?$/, "本年累计");
const unitIn = (h: string) => /[（(]([^（()）]+)[）)]\s*$/.exec(h.normalize("NFKC"))?.[1]?.trim();

export function matchHeaders<F extends string>(headers: readonly (string | null | undefined)[], spec: HeaderSpec<F>): HeaderMatch<F> {
  const columns: Partial<Record<F, number>> = {};
  const units: Partial<Record<F, string>> = {};
  const duplicates: Partial<Record<F, number[]>> = {};
  const keys = headers.map((h) => (h ? key(String(h)) : ""));
  for (const field of Object.keys(spec) as F[]) {
    const wanted = spec[field].aliases.map(key);
    const all = keys.flatMap((k, i) => (k !== "" && wanted.includes(k) ? [i] : []));
    if (all.length > 1) duplicates[field] = all;
    const idx = all[0] ?? -1;
    if (idx >= 0) {
      columns[field] = idx;
      const u = unitIn(String(headers[idx]));
      if (u && u !== "%") units[field] = u;
    }
  }
  const missing = (Object.keys(spec) as F[]).filter((f) => spec[f].required && columns[f] === undefined);
  return { columns, units, missing, duplicates };
}

export const SUBMISSION_HEADERS = {
  region_code: { aliases: ["地区代码", "行政区划代码", "区划代码", "代码", "region_code"], required: false },
  region_name: { aliases: ["地区名称", "地区", "区县", "县市区", "区县市", "单位名称", "region_name", "region"], required: false },
  indicator_name: { aliases: ["指标名称", "指标", "indicator", "indicator_name"], required: true },
  unit: { aliases: ["计量单位", "单位", "unit"], required: false },
  year: { aliases: ["年份", "年度", "年", "year"], required: true },
  month: { aliases: ["月份", "月", "month"], required: false },
  value: { aliases: ["数值", "本期值", "本月累计", "本年累计", "累计", "累计值", "累计数", "本期", "本期数", "值", "value"], required: true },
  reported_prev: { aliases: ["去年同期", "上年同期", "prev_value"], required: false },
  reported_yoy: { aliases: ["同比增长(%)", "同比增长", "同比(%)", "同比", "同比增长%", "yoy_pct"], required: false },
} as const satisfies HeaderSpec<string>;

export const TARGET_HEADERS = {
  region_code: { aliases: ["地区代码", "行政区划代码", "region_code"], required: false },
  region_name: { aliases: ["地区名称", "地区", "region_name"], required: false },
  indicator_name: { aliases: ["指标名称", "指标", "indicator"], required: true },
  year: { aliases: ["年份", "年度", "year"], required: true },
  target_kind: { aliases: ["目标类型", "类型", "target_kind"], required: true },
  target_value: { aliases: ["目标值", "目标", "target_value"], required: true },
  unit: { aliases: ["计量单位", "单位", "unit"], required: false },
} as const satisfies HeaderSpec<string>;

export const PEER_GROUP_HEADERS = {
  group_name: { aliases: ["分组", "组名", "分组名称", "类别", "group"], required: true },
  region_code: { aliases: ["地区代码", "行政区划代码", "region_code"], required: false },
  region_name: { aliases: ["地区名称", "地区", "region_name"], required: false },
} as const satisfies HeaderSpec<string>;
