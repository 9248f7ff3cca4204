// Bad-input cases where one file, sheet, row or name used to cost more than itself (issue #13): a whole
// night unpublished, or good rows lost. Each costs exactly itself now. Regions are from 安徽 (340000)
// so that no case here competes for a key with the older cases.
import { expect } from "vitest";
import type { Case } from "../helpers/bad-inputs.ts";

const SHEET = "2026年1-6月";
const ANHUI = { region_scope: "340000" };

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
];


