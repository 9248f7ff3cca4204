// CSV files of one layout load together in one read_csv (pipelines/load-csv.ts loadCsvBatch). Each
// row must still name its own file and line, whatever else is in the batch: a GBK file, a file with a
// malformed line, one with blank lines, one with its columns in another order.
import { writeFileSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../pipelines/run.ts";
import { queryWarehouse } from "./helpers/fixture.ts";
import { T1, runDeps, setupNightly } from "./helpers/nightly.ts";

const HEADER = "地区代码,地区名称,指标名称,计量单位,年份,月份,数值";
const row = (code: string, name: string, value: string) => `${code},${name},技术合同成交额,亿元,2025,12,${value}`;

describe("CSV files loaded in one batch", () => {
  it("numbers every row by its own file's line, around GBK, malformed and blank lines and another column order", async () => {
    const { dir, config } = setupNightly();
    const history = path.join(dir, "history");
    writeFileSync(path.join(history, "a-utf8.csv"), [HEADER, row("330102", "上城区", "1.1"), row("330105", "拱墅区", "1.2"), ""].join("\n"));
    writeFileSync(path.join(history, "b-gbk.csv"), iconv.encode([HEADER, row("330106", "西湖区", "2.1"), row("330108", "滨江区", "2.2"), ""].join("\r\n"), "gbk"));
    // Line 3 has one column too many (an unquoted 1,096): read_csv rejects it, lines 4 and 5 still load as 4 and 5.
    writeFileSync(path.join(history, "c-malformed.csv"), [HEADER, row("330109", "萧山区", "3.1"), row("330110", "余杭区", "1,096"),
      row("330111", "富阳区", "3.3"), row("330112", "临安区", "3.4"), ""].join("\n"));
    writeFileSync(path.join(history, "d-blank.csv"), [HEADER, row("330113", "临平区", "4.1"), "", row("330114", "钱塘区", "4.3"), ""].join("\n"));
    writeFileSync(path.join(history, "e-reordered.csv"), ["数值,地区代码,地区名称,指标名称,计量单位,年份,月份", "5.1,330122,桐庐县,技术合同成交额,亿元,2025,12",
      "5.2,330127,淳安县,技术合同成交额,亿元,2025,12", ""].join("\n"));
    writeFileSync(path.join(history, "f-utf8.csv"), [HEADER, row("330182", "建德市", "6.1"), ""].join("\n"));

    const s = await runPipeline(config, runDeps(T1));
    expect(s.ingest.failures).toEqual([]);
    const rows = await queryWarehouse<{ file: string; row_number: number; region_code: string; value: number }>(config.warehouse,
      "select file, row_number, region_code, value from analyst.observations where year = 2025 and indicator_code = 'tech_contract_value' and file not like '330%' order by file, row_number");
    expect(rows).toEqual([
      { file: "a-utf8.csv", row_number: 2, region_code: "330102", value: 1.1 },
      { file: "a-utf8.csv", row_number: 3, region_code: "330105", value: 1.2 },
      { file: "b-gbk.csv", row_number: 2, region_code: "330106", value: 2.1 },
      { file: "b-gbk.csv", row_number: 3, region_code: "330108", value: 2.2 },
      { file: "c-malformed.csv", row_number: 2, region_code: "330109", value: 3.1 },
      { file: "c-malformed.csv", row_number: 4, region_code: "330111", value: 3.3 },
      { file: "c-malformed.csv", row_number: 5, region_code: "330112", value: 3.4 },
      { file: "d-blank.csv", row_number: 2, region_code: "330113", value: 4.1 },
      { file: "d-blank.csv", row_number: 4, region_code: "330114", value: 4.3 },
      { file: "e-reordered.csv", row_number: 2, region_code: "330122", value: 5.1 },
      { file: "e-reordered.csv", row_number: 3, region_code: "330127", value: 5.2 },
      { file: "f-utf8.csv", row_number: 2, region_code: "330182", value: 6.1 },
    ]);
    expect(await queryWarehouse(config.warehouse, "select file, row_number, field from analyst.quarantine where file = 'c-malformed.csv'"))
      .toEqual([{ file: "c-malformed.csv", row_number: 3, field: "row" }]);
    const loads = await queryWarehouse<{ file: string; rows: number }>(config.warehouse,
      "select file, rows::integer as rows from analyst.loads where file not like '330%' order by file");
    expect(loads).toEqual([
      { file: "a-utf8.csv", rows: 2 }, { file: "b-gbk.csv", rows: 2 }, { file: "c-malformed.csv", rows: 3 },
      { file: "d-blank.csv", rows: 2 }, { file: "e-reordered.csv", rows: 2 }, { file: "f-utf8.csv", rows: 1 },
    ]);
  });
});
