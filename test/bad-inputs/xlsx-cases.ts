// Bad-input cases for the xlsx kind (district monthly reports). Each folder's workbook.json describes
// the workbooks, built at test time (see test/helpers/bad-inputs.ts); other files are used as they are.
import { expect } from "vitest";
import type { Case, Quarantined } from "../helpers/bad-inputs.ts";

const SHEET = "2026年1-6月";
const q = (file: string, row: number, field: string, reason: RegExp, sheet = SHEET): Quarantined => ({ file, row, field, reason, sheet });

export const XLSX_CASES: Case[] = [
  // ---- files that are not workbooks, or not whole ones
  {
    name: "xlsx-really-csv", kind: "xlsx",
    it: "refuses a CSV saved under an .xlsx name, saying to give it a .csv name, and loads the real workbook beside it",
    errors: [{ file: "330802-柯城区-导出.xlsx", message: /not an XLSX workbook \(no zip signature\); if it is CSV, give it a \.csv name/ }],
    observations: [["330802", "hte_count", 2026, 6, 260, 4]],
  },
  {
    name: "xlsx-zip-bomb", kind: "xlsx",
    it: "refuses a 1 MB workbook that would unpack to a gigabyte before unpacking it",
    errors: [{ file: "330803-衢江区-bomb.xlsx", message: /cannot open the workbook: it would unpack to 1074 MB from 1 MB \(limit 268 MB\): a zip bomb/ }],
    observations: [["330803", "hte_count", 2026, 6, 120]],
  },
  {
    name: "xlsx-zip-bomb-lying-size", kind: "xlsx",
    it: "refuses a zip bomb that declares a 4 KB sheet as soon as the sheet unpacks past 4 KB",
    errors: [{ file: "330822-常山县-bomb.xlsx", message: /part xl\/worksheets\/sheet1\.xml unpacks to more than the 4096 bytes it declares: a zip bomb or a damaged file/ }],
    observations: [["330822", "hte_count", 2026, 6, 70]],
  },
  {
    name: "xlsx-truncated", kind: "xlsx",
    it: "refuses a workbook cut to 60% of its bytes as cut off",
    errors: [{ file: "330824-开化县-cut.xlsx", message: /the zip directory at its end is missing \(the file is cut off or damaged\); open it in Excel and save it again/ }],
    observations: [["330824", "hte_count", 2026, 6, 55]],
  },
  {
    name: "xlsx-legacy-xls", kind: "xlsx",
    it: "refuses a legacy .xls saved as .xlsx, saying to save it as .xlsx",
    errors: [{ file: "330825-龙游县-旧版.xlsx", message: /legacy \.xls workbook; save it as \.xlsx in Excel/ }],
    observations: [["330825", "hte_count", 2026, 6, 95]],
  },
  {
    name: "xlsx-empty-file", kind: "xlsx",
    it: "refuses a 0-byte .xlsx as empty",
    errors: [{ file: "330881-江山市-empty.xlsx", message: /the file is empty; re-export it from Excel/ }],
    observations: [["330881", "hte_count", 2026, 6, 130]],
  },
  {
    name: "xlsx-no-data-sheet", kind: "xlsx",
    it: "refuses a workbook whose only sheet is 填表说明, saying which header it looked for",
    errors: [{ file: "330902-定海区-说明.xlsx", message: /no sheet has a header row with 指标名称 and 本月累计 \(or 数值\); check the template/ }],
    observations: [["330902", "hte_count", 2026, 6, 160]],
  },
  {
    name: "xlsx-sheet-part-missing", kind: "xlsx",
    it: "refuses a workbook whose second sheet's part is missing, naming the part",
    errors: [{ file: "330921-岱山县-damaged.xlsx", message: /cannot open the workbook \("xl\/worksheets\/sheet2\.xml" file not found/ }],
    observations: [["330921", "hte_count", 2026, 6, 45]],
  },
  // ---- sheets and headers
  {
    name: "xlsx-notes-and-data-sheets", kind: "xlsx",
    it: "skips a 填表说明 sheet before the data sheet",
    observations: [["330922", "hte_count", 2026, 6, 18, 4], ["330922", "tech_contract_value", 2026, 6, 0.35, 5]],
  },
  {
    name: "xlsx-merged-two-row-header", kind: "xlsx",
    it: "reads a two-row header with merged cells (本期 over 本月累计 and 去年同期)",
    observations: [["331002", "hte_count", 2026, 6, 410, 5], ["331002", "tech_contract_value", 2026, 6, 6.6, 6]],
  },
  {
    name: "xlsx-blank-header-cells", kind: "xlsx",
    it: "ignores columns with blank header cells and finds the header under a caption",
    observations: [["331003", "hte_count", 2026, 6, 330, 3], ["331003", "patent_applications", 2026, 6, 2100, 4]],
  },
  {
    name: "xlsx-headers-reordered", kind: "xlsx",
    it: "maps a header row in another order (本月累计 first, 指标名称 fourth)",
    observations: [["331004", "hte_count", 2026, 6, 290], ["331004", "tech_contract_value", 2026, 6, 3.3]],
  },
  {
    name: "xlsx-missing-value-column", kind: "xlsx",
    it: "refuses a report without a 本月累计 column",
    errors: [{ file: "331022-三门县-novalue.xlsx", message: /no sheet has a header row with 指标名称 and 本月累计/ }],
    observations: [["331022", "hte_count", 2026, 6, 88]],
  },
  // ---- cells
  {
    name: "xlsx-formula-cells", kind: "xlsx",
    it: "uses formula results, quarantines a formula without a result and a #DIV/0! cell as value missing, and a formula giving XX as masked",
    quarantined: [
      q("331023-天台县.xlsx", 5, "value", /^value missing \(an empty cell, or a formula or error cell without a number\)$/),
      q("331023-天台县.xlsx", 6, "value", /^value missing/),
      q("331023-天台县.xlsx", 7, "value", /^value is masked \("XX"\)/),
    ],
    observations: [["331023", "hte_count", 2026, 6, 120, 4], ["331023", "tech_contract_count", 2026, 6, 45, 8]],
  },
  {
    name: "xlsx-text-numbers", kind: "xlsx",
    it: "reads numbers typed as text: \"1,096\", full-width １２３, \" 12 500 \" 万元, and 2.15% / ６０．５％ in percent rows",
    observations: [
      ["331024", "patent_applications", 2026, 6, 1096], ["331024", "invention_grants", 2026, 6, 123], ["331024", "tech_contract_value", 2026, 6, 1.25],
      ["331024", "ind_rd_ratio", 2026, 6, 2.15], ["331024", "ht_va_share", 2026, 6, 60.5],
    ],
  },
  {
    name: "xlsx-percent-formatted-cells", kind: "xlsx",
    it: "reads a cell formatted as % (0.00%, 0%, custom 0.0%) as the person sees it, 0.0308 as 3.08, while a plain 0.605 in a % row stays 0.605 and a quoted or escaped % is no percent format; a percent cell in a 家 row is quarantined",
    quarantined: [
      q("331127-景宁畲族自治县.xlsx", 9, "value", /^value "120%" is a percentage \(typed with %, or a cell formatted as %\) but hte_count is reported in 家; give the figure in 家$/, "2025年1-12月"),
    ],
    observations: [
      ["331127", "rd_intensity", 2025, 12, 3.08, 4], ["331127", "ind_rd_ratio", 2025, 12, 2.15, 5], ["331127", "ht_va_share", 2025, 12, 0.605, 6],
      ["331127", "fiscal_st_share", 2025, 12, 4.5, 7], ["331127", "ind_rd_institution_rate", 2025, 12, 45.5, 8], ["331127", "patent_applications", 2025, 12, 310, 10],
    ],
    check: async (c) => {
      // 同比 cells formatted as % are 同比 in %, negative ones too.
      expect(await c.query(`select row_number, value, reported_yoy from marts.observations where region_code = '331127' and reported_yoy is not null order by row_number`))
        .toEqual([{ row_number: 4, value: 3.08, reported_yoy: 5.2 }, { row_number: 5, value: 2.15, reported_yoy: -3.1 }, { row_number: 10, value: 310, reported_yoy: 12.5 }]);
      // The row as landed shows what the person saw in Excel.
      const [raw] = await c.query<{ raw: string }>(`select raw from raw.submission_rows where file = '331127-景宁畲族自治县.xlsx' and row_number = 4`);
      expect(JSON.parse(raw!.raw)).toEqual([1, "R&D经费投入强度", "%", "3.08%", "2.91%", "5.2%"].map(String));
    },
  },
  {
    name: "xlsx-placeholders", kind: "xlsx",
    it: "quarantines XX, — and / cells as masked",
    quarantined: [
      q("331081-温岭市.xlsx", 4, "value", /^value is masked \("XX"\)/),
      q("331081-温岭市.xlsx", 5, "value", /^value is masked \("—"\)/),
      q("331081-温岭市.xlsx", 6, "value", /^value is masked \("\/"\)/),
    ],
    observations: [["331081", "tech_contract_value", 2026, 6, 4.4, 7]],
  },
  {
    name: "xlsx-negative-and-percent", kind: "xlsx",
    it: "quarantines a negative count cell and a percentage of 1200",
    quarantined: [
      q("331082-临海市.xlsx", 4, "value", /^negative value -3 for hte_count$/),
      q("331082-临海市.xlsx", 5, "value", /^percentage 1200 is over 100$/),
    ],
    observations: [["331082", "ht_va_share", 2026, 6, 55.5], ["331082", "patent_applications", 2026, 6, 3100]],
  },
  {
    name: "xlsx-period-from-file-name", kind: "xlsx",
    it: "takes region and period from the file name when the caption and sheet name give none",
    observations: [["331083", "tech_contract_value", 2026, 5, 1.9]],
  },
  {
    name: "xlsx-no-region-code", kind: "xlsx",
    it: "quarantines the rows of a report whose caption and file name carry no region code",
    quarantined: [q("莲都区-2026年6月.xlsx", 4, "region_code", /^no region code or name$/)],
    observations: [["331102", "hte_count", 2026, 6, 140]],
  },
  {
    name: "xlsx-duplicate-indicator-rows", kind: "xlsx",
    it: "keeps the first of two rows for the same indicator in a report and quarantines the second",
    quarantined: [q("331121-青田县.xlsx", 6, "row", /^duplicate of row 4 /)],
    observations: [["331121", "hte_count", 2026, 6, 75, 4], ["331121", "patent_applications", 2026, 6, 800, 5]],
  },
  {
    name: "xlsx-hostile-text", kind: "xlsx",
    it: "quarantines a script, a 40 000-character indicator name and a formula as unit, and resolves a name with a line break (Alt+Enter) in its cell",
    quarantined: [
      q("331122-缙云县.xlsx", 4, "indicator", /^unknown indicator "<script>alert\(1\)<\/script>"/),
      q("331122-缙云县.xlsx", 6, "indicator", /^unknown indicator "(专利申请量){12}… \(40000 characters\)"/),
      q("331122-缙云县.xlsx", 7, "unit", /^unknown unit "=1\+1"/),
    ],
    observations: [["331122", "invention_grants", 2026, 6, 2, 5], ["331122", "hte_count", 2026, 6, 88, 8]],
  },
  {
    name: "xlsx-future-period", kind: "xlsx",
    it: "quarantines a report for 2026年1-8月 on 2026-07-15 as a future period",
    quarantined: [q("331123-遂昌县-8月.xlsx", 4, "period", /^period 2026-8 is in the future$/, "2026年1-8月")],
    observations: [["331123", "hte_count", 2026, 6, 50]],
  },
];
