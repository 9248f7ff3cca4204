// Bad-input cases where one file, sheet, row or name used to cost more than itself (issue #13): a whole
// night unpublished, or good rows lost. Each costs exactly itself now. Regions are from 安徽 (340000)
// so that no case here competes for a key with the older cases.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { rankingPagePath } from "../../reports/paths.ts";
import type { Case } from "../helpers/bad-inputs.ts";

const SHEET = "2026年1-6月";
const ANHUI = { region_scope: "340000" };
const LONG_GROUP = "长三角生态绿色一体化发展示范区及周边县市区科技创新协同发展重点联系单位第一批名单";

export const ISOLATION_CASES: Case[] = [
  // ---- class 1: sheets of one workbook giving one key twice (used to fail observations_unique_key: nothing published)
  {
    name: "xlsx-sheet-copies", kind: "xlsx", source: ANHUI,
    it: "counts an identical print copy once, quarantines a copied sheet with a changed figure and a hidden sheet's differing figure, naming both sheets, and keeps the hidden sheet's own figure",
    quarantined: [
      { file: "340102-瑶海区.xlsx", sheet: "旧表", row: 4, field: "value",
        reason: /^conflicts with sheet "2026年1-6月" row 4: 118 家 here, 120 家 there \(same region, indicator and period in this workbook\); kept sheet "2026年1-6月" because sheet "旧表" is hidden; correct or delete the wrong sheet$/ },
      { file: "340102-瑶海区.xlsx", sheet: "修改稿", row: 5, field: "value",
        reason: /^conflicts with sheet "2026年1-6月" row 5: 950 件 here, 900 件 there .*kept sheet "2026年1-6月" because sheet "2026年1-6月" comes first in the workbook/ },
    ],
    observations: [
      ["340102", "hte_count", 2026, 6, 120, 4], ["340102", "patent_applications", 2026, 6, 900, 5],
      ["340102", "tech_contract_value", 2026, 6, 3.5, 6], ["340102", "invention_grants", 2026, 6, 40, 5],
    ],
    check: async (c) => {
      // Every figure comes from the data sheet, except the one only the hidden sheet gives.
      expect(await c.query("select indicator_code::varchar as i, sheet from analyst.observations where region_code = '340102' order by i"))
        .toEqual([{ i: "hte_count", sheet: SHEET }, { i: "invention_grants", sheet: "旧表" }, { i: "patent_applications", sheet: SHEET }, { i: "tech_contract_value", sheet: SHEET }]);
    },
  },
  {
    name: "xlsx-sheet-alias-repeat", kind: "xlsx", source: ANHUI,
    it: "keeps one figure when two sheets name the same indicator differently (高企总数 and 高新技术企业数) and quarantines the other naming the sheet kept",
    quarantined: [
      { file: "340103-庐阳区.xlsx", sheet: "B表", row: 4, field: "row",
        reason: /^duplicate of sheet "A表" row 4 \(same region, indicator and period in this workbook\); the row of sheet "A表" was kept; correct or delete the wrong sheet$/ },
    ],
    observations: [["340103", "hte_count", 2026, 6, 300, 4], ["340103", "patent_applications", 2026, 6, 2100, 5], ["340103", "pct_applications", 2026, 6, 14, 5]],
  },
  // ---- class 4: nothing dropped without a row saying why
  {
    name: "xlsx-empty-indicator-cell", kind: "xlsx", source: ANHUI,
    it: "quarantines a value whose indicator cell is empty instead of dropping it",
    quarantined: [{ file: "340104-蜀山区.xlsx", sheet: SHEET, row: 5, field: "indicator", reason: /^indicator name missing for the value "1500"; fill in the 指标名称 cell$/ }],
    observations: [["340104", "hte_count", 2026, 6, 260, 4], ["340104", "patent_applications", 2026, 6, 1700, 6]],
  },
  // ---- class 2: a name from a source cannot stop the pages
  {
    name: "peer-groups-long-name", kind: "peer-groups-csv", source: ANHUI,
    it: "writes the ranking page of a peer group named with 40 Chinese characters (it used to stop the site with ENAMETOOLONG)",
    members: [[`custom:${LONG_GROUP}`, "340102"], [`custom:${LONG_GROUP}`, "340103"], [`custom:${LONG_GROUP}`, "340104"]],
    check: async (c) => {
      // A corpus of several provinces gets one site per province: 安徽's is under 340000/.
      const page = path.join(c.dir, "target", "site", "340000", rankingPagePath(`custom:${LONG_GROUP}`, "hte_count", 2026, 6));
      expect(existsSync(page), page).toBe(true);
      // The page ranks the three districts with the figures of their workbooks: 340102 120, 340103 300, 340104 260.
      const html = readFileSync(page, "utf8");
      expect(html).toContain(LONG_GROUP);
      expect(html.indexOf("庐阳区")).toBeLessThan(html.indexOf("蜀山区"));
      expect(html.indexOf("蜀山区")).toBeLessThan(html.indexOf("瑶海区"));
    },
  },
  // ---- class 5: something skipped is reported; a blank line is blank
  {
    name: "csv-link-outside-folder", kind: "csv", source: ANHUI,
    it: "reports a symbolic link leading outside the source folder as a failed file naming it, never reading it, and loads the file beside it",
    errors: [{ file: "340111-包河区-链接.csv", message: /340111-包河区-链接\.csv leads outside the folder .* \(a symbolic link\); weici reads only files inside a source's folder/ }],
    observations: [["340111", "hte_count", 2025, 12, 610, 2]],
  },
  {
    name: "csv-tab-only-line", kind: "csv", source: ANHUI,
    it: "skips a line of only a tab (and one of spaces and tabs) as blank, keeping the rows after it at their lines",
    observations: [["340121", "hte_count", 2025, 12, 180, 2], ["340121", "patent_applications", 2025, 12, 2400, 4], ["340121", "invention_grants", 2025, 12, 300, 6]],
    loads: [{ file: "340121-长丰县.csv", rows: 3 }],
  },
  // ---- class 3: the CSV reader: a malformed line costs only that line; encoding problems say so
  {
    name: "csv-unterminated-quote-mid-file", kind: "csv", source: ANHUI,
    it: "quarantines a line whose quote is never closed as that line alone, and loads every line after it",
    quarantined: [{ file: "340122-肥东县.csv", row: 3, field: "row", reason: /^malformed CSV line: unterminated quote \(the quote opened in this line is never closed\); fix the line in the file$/ }],
    observations: [
      ["340122", "hte_count", 2025, 12, 300, 2], ["340122", "invention_grants", 2025, 12, 410, 4],
      ["340122", "pct_applications", 2025, 12, 12, 5], ["340122", "tech_contract_value", 2026, 6, 4.5, 6],
    ],
    check: async (c) => {
      // The bad line's raw is that line alone, not the lines after it.
      const [q] = await c.query<{ raw: string }>("select raw from analyst.quarantine where file = '340122-肥东县.csv'");
      expect(q?.raw).toBe('340122,肥东县,"专利申请量,件,2025,12,2500');
    },
  },
  {
    name: "csv-lone-cr", kind: "csv", source: ANHUI,
    it: "reads a file where one line ends in a lone CR (an old Mac line ending) as two lines, not a failed file",
    observations: [["340123", "hte_count", 2025, 12, 420, 2], ["340123", "patent_applications", 2025, 12, 3100, 3], ["340123", "invention_grants", 2025, 12, 520, 4]],
  },
  {
    name: "csv-bom-then-gbk", kind: "csv", source: ANHUI,
    it: "reads GBK text behind a UTF-8 BOM as GBK (the BOM is wrong, the text is not) instead of failing on a garbled header",
    observations: [["340124", "hte_count", 2025, 12, 150, 2], ["340124", "patent_applications", 2025, 12, 1300, 3]],
  },
  {
    name: "csv-utf8-with-gbk-lines", kind: "csv", source: ANHUI,
    it: "loads the UTF-8 lines of a file whose last lines are GBK, and quarantines each GBK line saying encoding and naming the first",
    quarantined: [
      { file: "340181-巢湖市.csv", row: 4, field: "row", reason: /^encoding: line 4 is not UTF-8 like the rest of the file \(it looks like GBK; the first such line is 4\); save the file again as CSV UTF-8$/ },
      { file: "340181-巢湖市.csv", row: 5, field: "row", reason: /^encoding: line 5 is not UTF-8 .*the first such line is 4\)/ },
    ],
    observations: [["340181", "hte_count", 2025, 12, 230, 2], ["340181", "patent_applications", 2025, 12, 1900, 3]],
    check: async (c) => {
      // The GBK line is shown as GBK text, readable, in the quarantine.
      const [q] = await c.query<{ raw: string }>("select raw from analyst.quarantine where file = '340181-巢湖市.csv' and row_number = 4");
      expect(q?.raw).toBe("340181,巢湖市,发明专利授权量,件,2025,12,260");
    },
  },
  {
    name: "xlsx-fullwidth-caption", kind: "xlsx", source: ANHUI,
    it: "reads the period and region code of a caption written in full-width digits (统计期：２０２５年１－６月, 地区代码：３４０２０２)",
    observations: [["340202", "hte_count", 2025, 6, 210, 4], ["340202", "patent_applications", 2025, 6, 1600, 5]],
  },
  // ---- class 4: every source kind passes the same value rules and conflict handling
  {
    name: "csv-fractional-count", kind: "csv", source: ANHUI,
    it: "quarantines 312.5 家 (a count is whole) and a 150 % R&D intensity, and loads a fractional 亿元 amount",
    quarantined: [
      { file: "340207-鸠江区.csv", row: 2, field: "value", reason: /^value 312\.5 is not a whole number, but hte_count counts \(家, 个, 项, 件\); give the count$/ },
      { file: "340207-鸠江区.csv", row: 5, field: "value", reason: /^percentage 150 is over 100$/ },
    ],
    observations: [["340207", "patent_applications", 2025, 12, 2600, 3], ["340207", "tech_contract_value", 2026, 6, 3.75, 4]],
  },
  {
    name: "targets-conflict-and-negative", kind: "targets-csv", source: ANHUI,
    it: "quarantines a target two files give differently naming the file kept, a negative level target and a 150 % ratio target, and keeps a falling growth target",
    quarantined: [
      { file: "targets-a.csv", row: 2, field: "target_value",
        reason: /^conflicts with targets-b\.csv row 2: 8 here, 9 there \(same region, indicator, year and target type\); kept targets-b\.csv because it was loaded later; correct or remove the wrong file$/ },
      { file: "targets-b.csv", row: 3, field: "target_value", reason: /^target: negative value -190 for hte_count$/ },
      { file: "targets-b.csv", row: 4, field: "target_value", reason: /^target: percentage 150 is over 100$/ },
    ],
    targets: [["340209", "tech_contract_value", 2026, "level", 9], ["340209", "patent_applications", 2026, "level", 3000], ["340209", "hte_count", 2026, "growth", -5]],
  },
  {
    name: "report-implausible-ratio", kind: "report-text", source: ANHUI,
    it: "quarantines a report's R&D intensity of 150 % (the rules submissions pass) and loads the report's other figures",
    quarantined: [{ file: "340210-2025-工作总结.txt", row: null as unknown as number, field: "value",
      reason: /^report figure R&D经费投入强度 at character 19: percentage 150% is over 100$/ }],
    observations: [["340210", "hte_count", 2025, 12, 236], ["340210", "tech_contract_value", 2025, 12, 12.5]],
  },
];
