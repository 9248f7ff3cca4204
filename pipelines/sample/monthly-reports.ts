// Current-year monthly XLSX reports, one per district and month: figures come from the same series as
// history, 去年同期 is the same YTD window a year earlier, and half of each district's rows write the
// unit into the indicator name (a per-district template habit, so it is stable across months).
import type { Indicator } from "../../sources/catalog.ts";
import { XLSX_MASKED, type DirtyRecord } from "./dirty.ts";
import type { SampleIO } from "./io.ts";
import type { FileRecord } from "./manifest.ts";
import { hashString, mixInts } from "./prng.ts";
import { decimalsOf, roundTo } from "./profiles.ts";
import type { RegionModel } from "./region-model.ts";
import { regionSeries, type YearValues } from "./series.ts";
import { buildMonthlyReport, FIRST_DATA_ROW, periodLabel, type ReportRow } from "./xlsx-report.ts";

export interface ReportRange {
  seed: number;
  catalog: readonly Indicator[];
  firstYear: number;
  lastYear: number;
  lastMonth: number;
}

export function reportPeriods(r: ReportRange): { year: number; month: number }[] {
  const out: { year: number; month: number }[] = [];
  for (let y = r.firstYear; y <= r.lastYear; y++) {
    for (let m = 1; m <= (y === r.lastYear ? r.lastMonth : 12); m++) out.push({ year: y, month: m });
  }
  return out;
}

/**
 * About one 亿元 row in 150 states a 同比 on a comparable basis (可比口径: last year restated for this year's
 * coverage), a few 百分点 away from the one the two levels give: the reported-vs-ours check lists these.
 */
export function restatedYoyShift(seed: number, key: number, code: string, year: number, month: number): number {
  const h = mixInts(seed, key, hashString(code), year, month, 29);
  return h % 150 === 0 ? (h % 2 === 0 ? 1 : -1) * (1 + ((h >>> 8) % 30) / 10) : 0;
}

function row(seed: number, model: RegionModel, ind: Indicator, values: YearValues, year: number, month: number): ReportRow {
  const d = decimalsOf(ind.unit);
  const cur = roundTo(values.get(year)![month - 1]!, d);
  const prev = roundTo(values.get(year - 1)![month - 1]!, d);
  const yoy = ind.kind === "ratio" || prev <= 0 ? null
    // Restated bases are a thing of 规上 money figures (coverage changes), never of counts.
    : roundTo(100 * (cur / prev - 1) + (ind.unit === "亿元" ? restatedYoyShift(seed, model.key, ind.code, year, month) : 0), 1);
  const unitInName = mixInts(seed, model.key, hashString(ind.code), 11) % 2 === 0;
  return {
    name: unitInName ? `${ind.name_zh}(${ind.unit})` : ind.name_zh,
    unit: unitInName ? "" : ind.unit,
    current: cur,
    previous: prev,
    yoy,
    numFmt: d === 0 ? "0" : "0.00",
  };
}

/** Indicators a report lists: monthly ones, plus annual ones in the December report. */
export function reportIndicators(catalog: readonly Indicator[], month: number): Indicator[] {
  return catalog.filter((ind) => ind.frequency === "monthly" || month === 12);
}

/** Writes every report; the first region's first report also gets the masked-cell dirty row. */
export async function writeMonthlyReports(models: readonly RegionModel[], range: ReportRange, outDir: string, io: SampleIO) {
  const files: FileRecord[] = [];
  const dirty: DirtyRecord[] = [];
  const periods = reportPeriods(range);
  for (const [ri, model] of models.entries()) {
    const series = regionSeries({ seed: range.seed, model, fromYear: range.firstYear, toYear: range.lastYear }, range.catalog);
    for (const [pi, p] of periods.entries()) {
      const { code, name } = model.region;
      const period = `${p.year}-${String(p.month).padStart(2, "0")}`;
      const path = `${p.year}/${period}/${code}-${name}.xlsx`;
      const listed = reportIndicators(range.catalog, p.month);
      const rows = listed.map((ind) => row(range.seed, model, ind, series.get(ind.code)!, p.year, p.month));
      if (ri === 0 && pi === 0) {
        const base = rows[listed.findIndex((i) => i.code === XLSX_MASKED.indicator)];
        if (base) {
          dirty.push({
            file: path, row: FIRST_DATA_ROW + rows.length, kind: "masked_value", problem: XLSX_MASKED.problem, valid: false,
            region_code: code, indicator_name: base.name, year: p.year, month: p.month,
          });
          rows.push({ ...base, current: XLSX_MASKED.text, yoy: null });
        }
      }
      const bytes = await buildMonthlyReport({ code, name, year: p.year, month: p.month }, rows);
      io.writeFile(`${outDir}/${path}`, bytes);
      files.push({ path, kind: "monthly_xlsx", rows: rows.length, bytes: bytes.length, region_code: code, period, sheet: periodLabel(p.year, p.month) });
    }
  }
  return { files, dirty };
}
