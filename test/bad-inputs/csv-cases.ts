// Bad-input cases for the delimited text kinds: csv, targets-csv and peer-groups-csv. Each case is a
// folder under test/fixtures/bad-inputs/<name>/; regions are chosen so that no two cases' good rows
// share a key (the table check enforces it).
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { Case, Quarantined } from "../helpers/bad-inputs.ts";

const q = (file: string, row: number, field: string, reason: RegExp): Quarantined => ({ file, row, field, reason });

export const CSV_CASES: Case[] = [
  // ---- encodings and BOMs
  {
    name: "csv-gbk-declared-utf8", kind: "csv", source: { encoding: "utf-8" },
    it: "refuses a GBK file in a source declared UTF-8, saying to set encoding gbk, and loads the UTF-8 file beside it",
    errors: [{ file: "330100-杭州市-gbk.csv", message: /not valid UTF-8 \(it looks like GBK\); set encoding to "gbk" or "auto"/ }],
    observations: [["330105", "hte_count", 2025, 12, 610]],
  },
  {
    name: "csv-utf8-declared-gbk", kind: "csv", source: { encoding: "gbk" },
    it: "refuses a UTF-8 file in a source declared GBK, saying to set encoding utf-8, and loads the GBK file beside it",
    errors: [{ file: "330100-杭州市-utf8.csv", message: /file is UTF-8 but the source declares GBK; set encoding to "utf-8" or "auto"/ }],
    observations: [["330106", "hte_count", 2025, 12, 880]],
  },
  {
    name: "csv-gbk-auto", kind: "csv",
    it: "reads a GBK export without BOM under encoding auto, its regions given by name only",
    observations: [["330108", "tech_contract_value", 2026, 6, 15.5], ["330108", "hte_count", 2026, 6, 1180]],
  },
  {
    name: "csv-utf8-bom", kind: "csv",
    it: "strips a UTF-8 BOM so the first header 地区代码 still matches",
    observations: [["330109", "hte_count", 2025, 12, 700, 2], ["330109", "patent_applications", 2025, 12, 9000, 3]],
  },
  {
    name: "csv-bom-declared-gbk", kind: "csv", source: { encoding: "gbk" },
    it: "refuses a file with a UTF-8 BOM in a source declared GBK",
    errors: [{ file: "330110-余杭区-bom.csv", message: /file is UTF-8 but the source declares GBK/ }],
    observations: [["330110", "hte_count", 2025, 12, 1500]],
  },
  {
    name: "csv-utf16le", kind: "csv",
    it: "refuses a UTF-16LE file (Excel's Unicode text) saying to save it as CSV UTF-8 or GBK",
    errors: [{ file: "330111-富阳区-unicode.csv", message: /file is UTF-16 \(little-endian.*save it as CSV UTF-8 or GBK/ }],
    observations: [["330111", "hte_count", 2025, 12, 420]],
  },
  {
    name: "csv-utf16be", kind: "csv",
    it: "refuses a UTF-16BE file as UTF-16 instead of misreading it as GBK",
    errors: [{ file: "330112-临安区-unicode.csv", message: /file is UTF-16 \(big-endian.*save it as CSV UTF-8 or GBK/ }],
    observations: [["330112", "hte_count", 2025, 12, 360]],
  },
  {
    name: "csv-concatenated-exports", kind: "csv",
    it: "quarantines the second header row of two exports pasted together, its BOM shown as �, and loads both halves",
    quarantined: [q("330113-临平区.csv", 3, "region_code", /^unknown region code "�地区代码"; use a 6-digit GB\/T 2260 code$/)],
    observations: [["330113", "hte_count", 2025, 12, 520, 2], ["330113", "patent_applications", 2025, 12, 6100, 4]],
  },
  // ---- empty and truncated files
  {
    name: "csv-empty-file", kind: "csv",
    it: "refuses a 0-byte file as empty and loads the file beside it",
    errors: [{ file: "330114-钱塘区-empty.csv", message: /the file is empty; re-export it/ }],
    observations: [["330114", "hte_count", 2025, 12, 330]],
  },
  {
    name: "csv-header-only", kind: "csv",
    it: "loads a file with a header and no rows as 0 rows, without an error",
    observations: [["330122", "hte_count", 2025, 12, 150]],
    loads: [{ file: "330122-桐庐县-header.csv", rows: 0 }, { file: "330122-桐庐县.csv", rows: 1 }],
  },
  {
    name: "csv-blank-lines-only", kind: "csv",
    it: "refuses a file of blank lines as having no header row",
    errors: [{ file: "330127-淳安县-blank.csv", message: /the file has only blank lines, no header row/ }],
    observations: [["330127", "hte_count", 2025, 12, 60]],
  },
  {
    name: "csv-truncated-mid-row", kind: "csv",
    it: "quarantines a last row cut off before its value as value missing and keeps the rows before it",
    quarantined: [q("330182-建德市.csv", 4, "value", /^value missing/)],
    observations: [["330182", "hte_count", 2025, 12, 210], ["330182", "patent_applications", 2025, 12, 1800]],
  },
  {
    name: "csv-truncated-mid-character", kind: "csv",
    it: "reads a UTF-8 file cut inside a character as UTF-8 (not GBK) and quarantines only the damaged last line",
    quarantined: [q("330203-海曙区.csv", 4, "indicator_name", /^malformed CSV line: bytes that are not valid UTF-8 \(a character cut off/)],
    observations: [["330203", "hte_count", 2025, 12, 560], ["330203", "patent_applications", 2025, 12, 5200]],
  },
  {
    name: "csv-truncated-in-quote", kind: "csv",
    it: "quarantines a last line cut inside an open quote as malformed and keeps the rows before it",
    quarantined: [q("330205-江北区.csv", 4, "indicator_name", /^malformed CSV line: unquoted value \(Value with unterminated quote found\); fix the line/)],
    observations: [["330205", "hte_count", 2025, 12, 480], ["330205", "patent_applications", 2025, 12, 4100]],
  },
  {
    name: "csv-blank-lines-crlf", kind: "csv",
    it: "skips blank, space-only and comma-only lines (CRLF, blank line before the header) and keeps every row number right",
    quarantined: [q("330206-北仑区.csv", 9, "value", /^negative value -8 for invention_grants$/)],
    observations: [["330206", "hte_count", 2025, 12, 690, 4], ["330206", "patent_applications", 2025, 12, 7000, 8]],
    loads: [{ file: "330206-北仑区.csv", rows: 3 }],
  },
  // ---- columns and headers
  {
    name: "csv-extra-columns", kind: "csv",
    it: "ignores extra columns (序号, 备注, an unnamed one)",
    observations: [["330211", "hte_count", 2025, 12, 390], ["330211", "patent_applications", 2025, 12, 3300]],
  },
  {
    name: "csv-row-extra-field", kind: "csv",
    it: "quarantines a row with one field too many as malformed and keeps the rows around it",
    quarantined: [q("330212-鄞州区.csv", 3, "row", /^malformed CSV line: too many columns \(Expected Number of Columns: 7 Found: 8\); fix the line/)],
    observations: [["330212", "hte_count", 2025, 12, 1250, 2], ["330212", "invention_grants", 2025, 12, 2100, 4]],
  },
  {
    name: "csv-row-missing-fields", kind: "csv",
    it: "quarantines a row that stops after the year as having no month",
    quarantined: [q("330213-奉化区.csv", 3, "period", /^month "" is not a month$/)],
    observations: [["330213", "hte_count", 2025, 12, 260], ["330213", "invention_grants", 2025, 12, 380, 4]],
  },
  {
    name: "csv-missing-required-column", kind: "csv",
    it: "refuses a file without a 年份 column, naming the missing column and its usual header",
    errors: [{ file: "330225-象山县-noyear.csv", message: /header row \(line 1\) lacks column\(s\) year \(found: 地区代码 \| 地区名称 \| 指标名称 \| 计量单位 \| 月份 \| 数值\); .*e\.g\. 年份/ }],
    observations: [["330225", "hte_count", 2025, 12, 170]],
  },
  {
    name: "csv-no-unit-column", kind: "csv",
    it: "takes units from indicator names like 技术合同成交额(亿元) when there is no unit column, and quarantines a row with none",
    quarantined: [q("330226-宁海县.csv", 4, "unit", /^unit missing; patent_applications is reported in 件$/)],
    observations: [["330226", "tech_contract_value", 2026, 6, 3.2], ["330226", "hte_count", 2025, 12, 230]],
  },
  {
    name: "csv-unit-in-value-header", kind: "csv",
    it: "applies the unit in the header 数值(万元) to every row and converts it to 亿元",
    observations: [["330281", "tech_contract_value", 2026, 6, 5.2], ["330281", "ind_rd_expense", 2026, 6, 18.3]],
  },
  {
    name: "csv-headers-reordered", kind: "csv",
    it: "maps headers in any order, Chinese or English",
    observations: [["330282", "hte_count", 2025, 12, 720], ["330282", "patent_applications", 2025, 12, 8800]],
  },
  {
    name: "csv-duplicate-header-columns", kind: "csv",
    it: "refuses a header naming 数值 twice instead of silently loading the first",
    errors: [{ file: "330723-武义县-two-values.csv", message: /names value in columns 7 \(数值\) and 8 \(数值\); it is not clear which to load: keep one column per field/ }],
    observations: [["330723", "hte_count", 2025, 12, 165]],
  },
  {
    name: "csv-blank-header-cells", kind: "csv",
    it: "ignores columns with blank header cells",
    observations: [["330726", "hte_count", 2025, 12, 95], ["330726", "patent_applications", 2025, 12, 1500]],
  },
  {
    name: "csv-tab-delimited", kind: "csv",
    it: "detects a tab-delimited file",
    observations: [["330702", "hte_count", 2025, 12, 310], ["330702", "tech_contract_value", 2026, 6, 4.4]],
  },
  {
    name: "csv-semicolon-delimited", kind: "csv",
    it: "detects a semicolon-delimited file, reads \"1,096.5\" as 1096.5 and refuses the decimal comma \"2,5\" instead of reading 25",
    quarantined: [q("330703-金东区.csv", 4, "value", /^value "2,5" is not a number$/)],
    observations: [["330703", "hte_count", 2025, 12, 240], ["330703", "patent_applications", 2025, 12, 1900], ["330703", "tech_contract_value", 2026, 5, 1096.5]],
  },
  // ---- units
  {
    name: "csv-unknown-unit", kind: "csv",
    it: "quarantines the unknown units 万亿元 and 户, naming the unit the indicator is reported in",
    quarantined: [
      q("330302-鹿城区.csv", 2, "unit", /^unknown unit "万亿元"; tech_contract_value is reported in 亿元$/),
      q("330302-鹿城区.csv", 3, "unit", /^unknown unit "户"; hte_count is reported in 家$/),
    ],
    observations: [["330302", "tech_contract_value", 2026, 5, 4.1], ["330302", "hte_count", 2025, 11, 290]],
  },
  {
    name: "csv-unit-wrong-family", kind: "csv",
    it: "quarantines a count in 亿元 and money in 家, and converts 万元 to 亿元",
    quarantined: [
      q("330303-龙湾区.csv", 2, "unit", /^unit "亿元" cannot be converted to 家 for hte_count$/),
      q("330303-龙湾区.csv", 3, "unit", /^unit "家" cannot be converted to 亿元 for tech_contract_value$/),
    ],
    observations: [["330303", "tech_contract_value", 2026, 5, 3.1]],
  },
  {
    name: "csv-unit-spellings", kind: "csv",
    it: "reads ％, 百分比, 万㎡ and a unit in parentheses （亿元） as their canonical units",
    observations: [
      ["330304", "rd_intensity", 2025, 12, 2.85], ["330304", "ind_rd_ratio", 2026, 6, 2.1], ["330304", "incubation_area_new", 2026, 6, 1.5],
      ["330304", "tech_contract_value", 2026, 6, 2.5], ["330304", "tech_contract_value", 2026, 5, 2.2],
    ],
  },
  // ---- numbers
  {
    name: "csv-thousands-separators", kind: "csv",
    it: "reads quoted \"1,096\", a full-width comma 1，208, a space-grouped 12 500 and a padded \" 45 \" as numbers",
    observations: [
      ["330305", "patent_applications", 2025, 12, 1096], ["330305", "invention_grants", 2025, 12, 1208],
      ["330305", "tech_contract_value", 2026, 6, 1.25], ["330305", "hte_count", 2025, 12, 45],
    ],
  },
  {
    name: "csv-thousands-unquoted", kind: "csv",
    it: "quarantines an unquoted 1,096 (one column too many) with a hint to quote it, never reading it as 1",
    quarantined: [q("330324-永嘉县.csv", 2, "row", /too many columns .*a number with a thousands separator such as 1,096 must be quoted/)],
    observations: [["330324", "hte_count", 2025, 12, 210, 3]],
  },
  {
    name: "csv-fullwidth-digits", kind: "csv",
    it: "parses full-width digits (１２３, ２０２５, １２．５, ＋８８, a full-width region code) and still refuses －5",
    quarantined: [q("330326-平阳县.csv", 4, "value", /^negative value -5 for hte_count$/)],
    observations: [["330326", "patent_applications", 2025, 12, 123], ["330326", "tech_contract_value", 2026, 6, 12.5], ["330326", "invention_grants", 2025, 12, 88]],
  },
  {
    name: "csv-masked-placeholders", kind: "csv",
    it: "quarantines XX, —, /, -, ××, *** and … as masked values, quoting each",
    quarantined: ["XX", "—", "/", "-", "××", "***", "…"].map((m, i) =>
      q("330327-苍南县.csv", i + 2, "value", new RegExp(`^value is masked \\("${m.replace(/[*/]/g, "\\$&")}"\\); submit the actual figure$`))),
    observations: [["330327", "hte_count", 2025, 11, 180]],
  },
  {
    name: "csv-not-numbers", kind: "csv",
    it: "quarantines 无, N/A, 45件 and 0x1F as not numbers, and NaN, inf and 1e999 as not finite instead of loading them",
    quarantined: [
      q("330328-文成县.csv", 2, "value", /^value "无" is not a number$/),
      q("330328-文成县.csv", 3, "value", /^value "N\/A" is not a number$/),
      q("330328-文成县.csv", 4, "value", /^value "45件" is not a number$/),
      q("330328-文成县.csv", 5, "value", /^value "NaN" is not a finite number$/),
      q("330328-文成县.csv", 6, "value", /^value "inf" is not a finite number$/),
      q("330328-文成县.csv", 7, "value", /^value "1e999" is not a finite number$/),
      q("330328-文成县.csv", 8, "value", /^value "0x1F" is not a number$/),
    ],
    observations: [["330328", "hte_count", 2025, 11, 38]],
  },
  {
    name: "csv-empty-values", kind: "csv",
    it: "quarantines an empty and a blank value as value missing",
    quarantined: [q("330329-泰顺县.csv", 2, "value", /^value missing/), q("330329-泰顺县.csv", 3, "value", /^value missing/)],
    observations: [["330329", "invention_grants", 2025, 12, 25]],
  },
  {
    name: "csv-negative-counts", kind: "csv",
    it: "quarantines negative counts but keeps a negative 同比 and a zero count",
    quarantined: [
      q("330381-瑞安市.csv", 2, "value", /^negative value -5 for hte_count$/),
      q("330381-瑞安市.csv", 3, "value", /^negative value -1200 for patent_applications$/),
    ],
    observations: [["330381", "tech_contract_value", 2026, 6, 3.3], ["330381", "invention_grants", 2025, 12, 0]],
    check: async (c) => {
      expect(await c.query("select reported_yoy from analyst.growth where region_code = '330381' and indicator_code = 'tech_contract_value' and year = 2026 and month = 6"))
        .toEqual([{ reported_yoy: -12.5 }]);
    },
  },
  {
    name: "csv-percent-over-1000", kind: "csv",
    it: "quarantines a percentage of 1500 and of 100.5",
    quarantined: [
      q("330382-乐清市.csv", 2, "value", /^percentage 1500 is over 100$/),
      q("330382-乐清市.csv", 3, "value", /^percentage 100\.5 is over 100$/),
    ],
    observations: [["330382", "ht_va_share", 2026, 6, 68.2], ["330382", "rd_intensity", 2024, 12, 3.08]],
  },
  // ---- periods
  {
    name: "csv-future-periods", kind: "csv",
    it: "quarantines 2026-08 and 2027-12 as future periods on 2026-07-15 and keeps 2026-07",
    quarantined: [
      q("330383-龙港市.csv", 2, "period", /^period 2026-8 is in the future$/),
      q("330383-龙港市.csv", 3, "period", /^period 2027-12 is in the future$/),
    ],
    observations: [["330383", "tech_contract_value", 2026, 7, 0.9], ["330383", "hte_count", 2026, 6, 80]],
  },
  {
    name: "csv-month-out-of-range", kind: "csv",
    it: "quarantines months 13, 0 and -1, and 6.5 instead of rounding it to 7",
    quarantined: [
      q("330402-南湖区.csv", 2, "month", /^month 13 is out of range 1-12$/),
      q("330402-南湖区.csv", 3, "month", /^month 0 is out of range 1-12$/),
      q("330402-南湖区.csv", 4, "month", /^month -1 is out of range 1-12$/),
      q("330402-南湖区.csv", 5, "period", /^month "6\.5" is not a month$/),
    ],
    observations: [["330402", "tech_contract_value", 2026, 3, 2.6]],
  },
  {
    name: "csv-month-written-as-text", kind: "csv",
    it: "reads the periods 6月, 1-5月 (year to date), 2025年 and 06",
    observations: [
      ["330411", "tech_contract_value", 2026, 6, 2.4], ["330411", "tech_contract_value", 2026, 5, 2],
      ["330411", "hte_count", 2025, 12, 260], ["330411", "patent_applications", 2025, 6, 1300],
    ],
  },
  {
    name: "csv-annual-indicator-monthly", kind: "csv",
    it: "quarantines an annual indicator reported for month 6 and files one without a month under month 12",
    quarantined: [q("330421-嘉善县.csv", 2, "month", /^indicator rd_expenditure is annual; report it for month 12, not month 6$/)],
    observations: [["330421", "rd_expenditure", 2024, 12, 21.5], ["330421", "rd_intensity", 2024, 12, 3.1]],
  },
  {
    name: "csv-bad-years", kind: "csv",
    it: "quarantines the years 二〇二五, 25, 1980 and a missing one",
    quarantined: [
      q("330424-海盐县.csv", 2, "period", /^year "二〇二五" is not a year$/),
      q("330424-海盐县.csv", 3, "period", /^year 25 is out of range$/),
      q("330424-海盐县.csv", 4, "period", /^year 1980 is out of range$/),
      q("330424-海盐县.csv", 5, "period", /^year "" is not a year$/),
    ],
    observations: [["330424", "hte_count", 2025, 12, 205]],
  },
  // ---- keys
  {
    name: "csv-duplicate-within-file", kind: "csv",
    it: "keeps the first of two rows with the same key in one file and quarantines the repeat, naming the first row",
    quarantined: [
      q("330481-海宁市.csv", 4, "row", /^duplicate of row 2 \(same region, indicator and period in this file\); the first row was kept$/),
      q("330481-海宁市.csv", 5, "row", /^duplicate of row 3 /),
    ],
    observations: [["330481", "hte_count", 2025, 12, 610, 2], ["330481", "patent_applications", 2025, 12, 7100, 3]],
  },
  {
    name: "csv-duplicate-across-files", kind: "csv",
    it: "keeps the figure of the file loaded later (files load in name order) when two files of a source give a key different values, quarantines the other row naming the kept file and row, warns in a data check, and lets equal figures (1.25 亿元 = 12500 万元) pass",
    quarantined: [
      q("330482-平湖市-a.csv", 2, "value",
        /^conflicts with 330482-平湖市-b\.csv row 2: 300家 here, 305家 there \(same region, indicator and period\); kept 330482-平湖市-b\.csv because it comes later in name order; correct or remove the wrong file$/),
    ],
    observations: [
      ["330482", "hte_count", 2025, 12, 305, 2], ["330482", "patent_applications", 2025, 12, 4000, 3],
      ["330482", "tech_contract_value", 2025, 12, 1.25], ["330482", "invention_grants", 2025, 12, 120],
    ],
    check: async (c) => {
      expect(await c.query("select file, row_number from analyst.observations where region_code = '330482' and indicator_code = 'hte_count'"))
        .toEqual([{ file: "330482-平湖市-b.csv", row_number: 2 }]);
      // The data check lists the key with both files, rows and values; equal figures are not listed.
      const check = readFileSync(new URL("../../sql/checks/submissions_conflict_across_files.sql", import.meta.url), "utf8");
      expect(await c.query(`select * from (${check}) where region_code = '330482'`)).toEqual([{
        region_code: "330482", indicator_code: "hte_count", year: 2025, month: 12,
        kept_file: "330482-平湖市-b.csv", kept_sheet: null, kept_row: 2, kept_value: 305,
        other_file: "330482-平湖市-a.csv", other_sheet: null, other_row: 2, other_value: 300,
      }]);
      const [q] = await c.query<{ raw: string }>("select raw from analyst.quarantine where file = '330482-平湖市-a.csv'");
      expect(q?.raw).toContain("300");
    },
  },
  // ---- regions
  {
    name: "csv-unknown-region-code", kind: "csv",
    it: "quarantines unknown codes: 339999, 5 and 7 digits, and 330103 (下城区, abolished in 2021)",
    quarantined: ["339999", "33048", "3304830", "330103"].map((code, i) =>
      q("330483-桐乡市.csv", i + 2, "region_code", new RegExp(`^unknown region code "${code}"; use a 6-digit GB/T 2260 code$`))),
    observations: [["330483", "hte_count", 2025, 12, 420]],
  },
  {
    name: "csv-unknown-region-name", kind: "csv",
    it: "quarantines unknown names (不存在区, 杭州市西湖区) within the scope, and a row with neither code nor name",
    quarantined: [
      q("330500-湖州市.csv", 2, "region_name", /^unknown region name "不存在区" in 330000; use the official name or the code$/),
      q("330500-湖州市.csv", 3, "region_name", /^unknown region name "杭州市西湖区" in 330000/),
      q("330500-湖州市.csv", 5, "region_code", /^no region code or name$/),
    ],
    observations: [["330502", "hte_count", 2025, 12, 330]],
  },
  {
    name: "csv-region-name-in-two-cities", kind: "csv", source: { region_scope: null },
    it: "quarantines 鼓楼区 by name alone without a scope (four cities have one) and resolves it with its code",
    quarantined: [q("鼓楼区.csv", 2, "region_name", /^region name "鼓楼区" exists in several cities; give the region code$/)],
    observations: [["350102", "hte_count", 2025, 12, 910]],
  },
  {
    name: "csv-region-name-twice-in-province", kind: "csv", source: { region_scope: "320000" },
    it: "quarantines 鼓楼区 within 江苏 (南京 and 徐州 both have one) while 玄武区 resolves by name",
    quarantined: [q("320000-江苏省.csv", 2, "region_name", /^region name "鼓楼区" exists in several cities/)],
    observations: [["320102", "hte_count", 2025, 12, 640], ["320302", "hte_count", 2025, 12, 300]],
  },
  {
    name: "csv-region-name-unique-in-scope", kind: "csv",
    it: "resolves 普陀区 and 西湖区 by name within 浙江 (舟山 and 杭州, not 上海 or 南昌)",
    observations: [["330903", "hte_count", 2025, 12, 120], ["330106", "patent_applications", 2024, 12, 21000]],
  },
  {
    name: "csv-region-code-name-mismatch", kind: "csv",
    it: "quarantines a code whose name names another region (330503 with 上城区 or 鼓楼区) and keeps code with its own or an informal name",
    quarantined: [
      q("330503-南浔区.csv", 2, "region_name", /^region code 330503 is 南浔区 but the name says "上城区"; correct whichever is wrong$/),
      q("330503-南浔区.csv", 5, "region_name", /^region code 330503 is 南浔区 but the name says "鼓楼区"/),
    ],
    observations: [["330503", "hte_count", 2025, 11, 200], ["330503", "patent_applications", 2025, 12, 2300]],
  },
  // ---- indicators
  {
    name: "csv-indicator-aliases", kind: "csv",
    it: "resolves aliases (高企总数, 技术交易额), full-width Ｒ＆Ｄ, inner spaces, the code itself and a unit in the name",
    observations: [
      ["330521", "hte_count", 2025, 12, 380], ["330521", "tech_contract_value", 2026, 6, 3.9], ["330521", "rd_intensity", 2024, 12, 3.3],
      ["330521", "invention_grants", 2025, 12, 410], ["330521", "pct_applications", 2025, 12, 12], ["330521", "tech_contract_value", 2026, 5, 3.5],
    ],
  },
  {
    name: "csv-unknown-indicator", kind: "csv",
    it: "quarantines unknown indicators, saying to add an alias",
    quarantined: [
      q("330522-长兴县.csv", 2, "indicator", /^unknown indicator "科技人才总量"; add it or an alias to config\/indicators\.json$/),
      q("330522-长兴县.csv", 3, "indicator", /^unknown indicator "高新技术企业总数量"/),
    ],
    observations: [["330522", "hte_count", 2025, 12, 330]],
  },
  // ---- hostile text
  {
    name: "csv-very-long-cells", kind: "csv",
    it: "quarantines a 105 000-character indicator name with the name cut short in the reason, and loads a row whose long name has a code",
    quarantined: [q("330523-安吉县.csv", 2, "indicator", /^unknown indicator "(技术合同成交额){8}技术合同… \(105000 characters\)"; add it/)],
    observations: [["330523", "hte_count", 2025, 12, 1], ["330523", "hte_count", 2025, 11, 230]],
  },
  {
    name: "csv-line-over-a-megabyte", kind: "csv",
    it: "quarantines a 1.2 MB line as over the maximum line size and numbers the rows after it right",
    quarantined: [q("330602-越城区.csv", 3, "row", /^malformed CSV line: line size over maximum \(Maximum line size of 1048576 bytes exceeded/)],
    observations: [["330602", "hte_count", 2025, 12, 280, 2], ["330602", "invention_grants", 2025, 12, 540, 4]],
  },
  {
    name: "csv-control-characters", kind: "csv",
    it: "quarantines names, values and units with control characters, showing them as � in the reason",
    quarantined: [
      q("330603-柯桥区.csv", 3, "region_name", /^unknown region name "柯桥区�\[31m" in 330000/),
      q("330603-柯桥区.csv", 4, "indicator", /^unknown indicator "发明�专利授权量"/),
      q("330603-柯桥区.csv", 5, "value", /^value "2\.�5" is not a number$/),
      q("330603-柯桥区.csv", 6, "unit", /^unknown unit "亿元�"/),
    ],
    observations: [["330603", "hte_count", 2025, 12, 470]],
  },
  {
    name: "csv-nul-byte", kind: "csv",
    it: "quarantines the one value with a NUL byte instead of refusing the whole file as binary",
    quarantined: [q("330604-上虞区.csv", 3, "value", /^value "35�00" is not a number$/)],
    observations: [["330604", "hte_count", 2025, 12, 410], ["330604", "invention_grants", 2025, 12, 390, 4]],
  },
  {
    name: "csv-formula-text", kind: "csv",
    it: "quarantines formula text (=HYPERLINK with bare quotes, =SUM, +cmd, =1+1) as malformed or not numbers/codes",
    quarantined: [
      q("330624-新昌县.csv", 2, "row", /^malformed CSV line: .*unterminated quote/),
      q("330624-新昌县.csv", 3, "value", /^value "=SUM\(G2:G3\)" is not a number$/),
      q("330624-新昌县.csv", 4, "value", /^value "\+cmd\|' \/C calc'!A0" is not a number$/),
      q("330624-新昌县.csv", 5, "region_code", /^unknown region code "=1\+1"/),
    ],
    observations: [["330624", "hte_count", 2025, 12, 160]],
  },
  {
    name: "csv-html-script-in-names", kind: "csv",
    it: "quarantines HTML and script in a region name, an indicator and a unit, keeping the text as written",
    quarantined: [
      q("330681-诸暨市.csv", 2, "region_name", /^unknown region name "<script>alert\('x'\)<\/script>" in 330000/),
      q("330681-诸暨市.csv", 3, "indicator", /^unknown indicator "<b>专利申请量<\/b>"/),
      q("330681-诸暨市.csv", 4, "unit", /^unknown unit "<i>家<\/i>"/),
    ],
    observations: [["330681", "hte_count", 2025, 12, 560]],
  },
  {
    name: "csv-quoted-newline-in-cell", kind: "csv",
    it: "reads a quoted cell with a line break (Alt+Enter) as one row and resolves the name across the break",
    observations: [["330683", "tech_contract_value", 2026, 6, 1.8, 2], ["330683", "hte_count", 2025, 12, 190, 3]],
  },
  {
    name: "csv-quoted-newline-and-short-row", kind: "csv",
    it: "loads a file with a cell ending in a line break (a trailing Alt+Enter) and a short row, a mix DuckDB's parallel CSV reader refuses",
    quarantined: [q("330784-永康市.csv", 3, "period", /^month "" is not a month$/)],
    observations: [["330784", "tech_contract_value", 2026, 6, 2.7, 2], ["330784", "hte_count", 2025, 12, 240, 4]],
  },
  // ---- targets
  {
    name: "targets-bad-rows", kind: "targets-csv",
    it: "quarantines target rows with an unknown kind, a masked value, an unknown unit, region or indicator, a 比重 for a count and a Chinese year",
    quarantined: [
      q("targets-2026.csv", 5, "target_kind", /^target type "翻番" is not one of 总量, 增速, 比重$/),
      q("targets-2026.csv", 6, "target_value", /^target value "XX" is not a number$/),
      q("targets-2026.csv", 7, "unit", /^unit "万亿元" does not fit a level target of invention_grants$/),
      q("targets-2026.csv", 8, "region_code", /^unknown region "339999"$/),
      q("targets-2026.csv", 9, "unit", /^unit "%" does not fit a ratio target of hte_count$/),
      q("targets-2026.csv", 10, "indicator", /^unknown indicator "科技人才总量"/),
      q("targets-2026.csv", 11, "year", /^year "二〇二六" is not a year$/),
    ],
    targets: [["330781", "tech_contract_value", 2026, "level", 8], ["330781", "hte_count", 2026, "growth", 12], ["330781", "rd_intensity", 2026, "ratio", 3.2]],
  },
  {
    name: "targets-gbk-fullwidth", kind: "targets-csv",
    it: "reads a GBK target file with full-width digits, a name-only region and 万元 converted to 亿元",
    targets: [["330782", "tech_contract_value", 2026, "level", 1.5], ["330782", "hte_count", 2026, "growth", 8.5]],
  },
  {
    name: "targets-missing-column", kind: "targets-csv",
    it: "refuses a target file without 目标类型, naming the column",
    errors: [{ file: "targets-no-kind.csv", message: /lacks column\(s\) target_kind .*e\.g\. 目标类型/ }],
    targets: [["330783", "tech_contract_value", 2026, "level", 9]],
  },
  {
    name: "targets-duplicate-rows", kind: "targets-csv",
    it: "keeps the first of two targets for the same region, indicator, year and kind and quarantines the second",
    quarantined: [q("targets-2026.csv", 4, "row", /^duplicate of row 2 \(same region, indicator, year and target type in this file\); the first row was kept$/)],
    targets: [["330784", "tech_contract_value", 2026, "level", 6], ["330784", "patent_applications", 2026, "level", 3000]],
  },
  // ---- peer groups
  {
    name: "peer-groups-bad-members", kind: "peer-groups-csv",
    it: "quarantines peer-group rows with an unknown code or name, no group or script as a code, and keeps the others",
    quarantined: [
      q("peer-groups.csv", 4, "region_code", /^unknown region "339999" in peer group 山区县$/),
      q("peer-groups.csv", 5, "region_code", /^unknown region "不存在县" in peer group 山区县$/),
      q("peer-groups.csv", 6, "group_name", /^group name missing$/),
      q("peer-groups.csv", 7, "region_code", /^unknown region "<script>x<\/script>" in peer group 山区县$/),
    ],
    members: [["custom:山区县", "330127"], ["custom:山区县", "330328"]],
  },
  {
    name: "peer-groups-ambiguous-name", kind: "peer-groups-csv", source: { region_scope: null },
    it: "quarantines 鼓楼区 and 普陀区 by name alone as existing in several cities (not as unknown)",
    quarantined: [
      q("peer-groups.csv", 2, "region_code", /^region name "鼓楼区" exists in several cities; give the region code \(peer group 老城区\)$/),
      q("peer-groups.csv", 4, "region_code", /^region name "普陀区" exists in several cities/),
    ],
    members: [["custom:老城区", "320102"]],
  },
  {
    name: "peer-groups-duplicate-member", kind: "peer-groups-csv",
    it: "counts a member listed twice once",
    members: [["custom:湾区", "330282"], ["custom:湾区", "330281"]],
    check: async (c) => {
      expect(await c.query("select member_count from analyst.peer_groups where peer_group_id = 'custom:湾区'")).toEqual([{ member_count: 2 }]);
    },
  },
];
