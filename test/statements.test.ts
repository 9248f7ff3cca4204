// Drafted statements (analyst.statements) on the five hand-worked Hangzhou districts, plus one extra
// hand-made file of 发明专利授权量 where 上城区 climbs from 5th to 1st and 滨江区 falls from 1st to 4th.
// The clock is fixed at 2026-07-15 like the other fixture runs.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../pipelines/config.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { runPipeline } from "../pipelines/run.ts";
import type { StatementRow } from "../reports/model.ts";
import { mergeStatements } from "../reports/statement-merge.ts";
import { copyFixture, queryWarehouse } from "./helpers/fixture.ts";

const now = () => new Date("2026-07-15T02:00:00Z");

// 2024 ranks: 滨江 1, 萧山 2, 西湖 3, 拱墅 4, 上城 5; 2025: 上城 1, 萧山 2, 西湖 3, 滨江 4, 拱墅 5.
const PATENTS = `地区代码,地区名称,指标名称,计量单位,年份,月份,数值
330102,上城区,发明专利授权量,件,2024,12,100
330105,拱墅区,发明专利授权量,件,2024,12,200
330106,西湖区,发明专利授权量,件,2024,12,300
330108,滨江区,发明专利授权量,件,2024,12,500
330109,萧山区,发明专利授权量,件,2024,12,400
330102,上城区,发明专利授权量,件,2025,12,600
330105,拱墅区,发明专利授权量,件,2025,12,250
330106,西湖区,发明专利授权量,件,2025,12,320
330108,滨江区,发明专利授权量,件,2025,12,310
330109,萧山区,发明专利授权量,件,2025,12,450
`;

type Row = { region_code: string; year: number; month: number; kind: string; text: string; indicator_code: string; peer_group_id: string | null; basis: string; rank: number | null };

describe("drafted statements on hand-worked districts", () => {
  let rows: Row[];
  const find = (region: string, indicator: string, basis: string, group: string | null, year = 2025) =>
    rows.filter((r) => r.region_code === region && r.indicator_code === indicator && r.basis === basis && r.peer_group_id === group && r.year === year);

  beforeAll(async () => {
    const dir = copyFixture("hangzhou-five-districts");
    writeFileSync(path.join(dir, "history", "330100-杭州市-专利.csv"), PATENTS);
    const config = loadConfig(path.join(dir, "weici.config.json"));
    await runPipeline(config, { logger: memoryLogger(), now });
    rows = await queryWarehouse<Row>(
      config.warehouse,
      "select region_code, year, month, kind, text, indicator_code, peer_group_id, basis, rank from analyst.statements order by all",
    );
  });

  it("says 并列 and 末位 for a tie at the bottom, with the rank gained (上城区 440家, 4th of 5 with 萧山区, was 5th)", () => {
    expect(find("330102", "hte_count", "value", "city:330100")).toEqual([
      expect.objectContaining({ kind: "shortfall", rank: 4, text: "2025年末高新技术企业数440家，同比增长10.0%，并列全市第四（末位），较上年前进1位" }),
    ]);
    expect(find("330102", "hte_count", "value", "province:330000")[0]?.text).toBe("2025年末高新技术企业数440家，同比增长10.0%，并列全省第四（末位），较上年前进1位");
  });

  it("writes a three-way tie in growth as 增速并列全市第一", () => {
    expect(find("330102", "hte_count", "yoy", "city:330100")).toEqual([
      expect.objectContaining({ kind: "highlight", rank: 1, text: "2025年末高新技术企业数同比增长10.0%，增速并列全市第一" }),
    ]);
  });

  it("groups thousands in counts and names custom groups by name", () => {
    expect(find("330108", "hte_count", "value", "city:330100")[0]?.text).toBe("2025年末高新技术企业数达1,100家，同比增长10.0%，居全市第一");
    // A类地区 has three members: first of three is also in the bottom three, so no 亮点; last of three is 末位.
    expect(find("330108", "hte_count", "value", "custom:A类地区")).toEqual([]);
    expect(find("330102", "hte_count", "value", "custom:A类地区")[0]?.text).toBe("2025年末高新技术企业数440家，同比增长10.0%，居A类地区第三（末位）");
  });

  it("publishes no rank of a ratio only two districts report (a first of two is no news)", () => {
    // 上城区 3.08 % (+0.36) and 西湖区 3.40 % (−0.10): test/leader-numbers.test.ts words ratios ranked among six.
    expect(find("330102", "rd_intensity", "pp_change", "city:330100")).toEqual([]);
    expect(find("330106", "rd_intensity", "value", "city:330100")).toEqual([]);
  });

  it("says how many places a district gained or lost against last year", () => {
    expect(find("330102", "invention_grants", "value", "city:330100")).toEqual([
      expect.objectContaining({ kind: "highlight", rank: 1, text: "2025年发明专利授权量达600件，同比增长500.0%，居全市第一，较上年前进4位" }),
    ]);
    expect(find("330108", "invention_grants", "value", "city:330100")).toEqual([
      expect.objectContaining({ kind: "shortfall", rank: 4, text: "2025年发明专利授权量310件，同比下降38.0%，居全市第四（倒数第二），较上年后退3位" }),
    ]);
  });

  it("says nothing about a middle place without a big change", () => {
    expect(find("330106", "invention_grants", "value", "city:330100")).toEqual([]);
  });

  it("drafts target sentences: met, missed, behind and ahead of 时序进度, growth and ratio targets", () => {
    const target = (region: string, indicator: string, year: number) => find(region, indicator, "target", null, year).map((r) => [r.kind, r.text]);
    // A stock target is the planned increase over last year end: 400 → 440 of 430 wanted is 40 of 30.
    expect(target("330102", "hte_count", 2025)).toEqual([["highlight", "2025年末高新技术企业数达440家，比上年末净增40家，完成年度目标（430家）净增任务的133.3%"]]);
    expect(target("330109", "hte_count", 2025)).toEqual([
      ["shortfall", "2025年末高新技术企业数440家，比上年末净增0家，完成年度目标（450家）净增任务的0.0%，未完成年度目标"],
    ]);
    expect(target("330105", "hte_count", 2025)).toEqual([["shortfall", "2025年末高新技术企业数同比增长4.0%，未达到年度目标（增长5.0%），低于目标1.0个百分点"]]);
    expect(target("330102", "rd_intensity", 2025)).toEqual([["highlight", "2025年R&D经费投入强度3.08%，高于年度目标（3.00%）0.08个百分点"]]);
    expect(target("330102", "tech_contract_value", 2026)).toEqual([
      ["highlight", "2026年1-6月技术合同成交额达12.00亿元，完成年度目标（20.00亿元）的60.0%，超时序进度10.0个百分点"],
    ]);
    // Behind 时序进度 is a 短板: no 达.
    expect(target("330106", "tech_contract_value", 2026)).toEqual([
      ["shortfall", "2026年1-6月技术合同成交额12.50亿元，完成年度目标（30.00亿元）的41.7%，落后时序进度8.3个百分点"],
    ]);
  });
});

describe("merging a figure's statements across peer groups", () => {
  const base: StatementRow = {
    region_code: "330110", year: 2026, month: 10, kind: "highlight", text: "", indicator_code: "hte_count", peer_group_id: "city:330100",
    basis: "value", rank: 1, lead: "高新技术企业数达1,567家，同比增长17.7%", basis_word: "", tied: false, rank_core: "全市第一", rank_note: null, change_text: null,
  };

  it("writes one sentence 居全市第一、全省第二 and states the change reference once", () => {
    const merged = mergeStatements([
      { ...base, text: "高新技术企业数达1,567家，同比增长17.7%，居全市第一" },
      { ...base, peer_group_id: "province:330000", rank: 2, rank_core: "全省第二", change_text: "较去年同期后退1位" },
      { ...base, peer_group_id: "custom:A类地区", rank: 2, rank_core: "A类地区第二", change_text: "较去年同期后退1位" },
    ]);
    expect(merged.map((m) => m.text)).toEqual(["高新技术企业数达1,567家，同比增长17.7%，居全市第一、全省第二（较去年同期后退1位）、A类地区第二（后退1位）"]);
    expect(merged[0]!.rows.map((r) => r.peer_group_id)).toEqual(["city:330100", "province:330000", "custom:A类地区"]);
  });

  it("keeps a single group's sentence word for word and never merges highlights with shortfalls", () => {
    const one = { ...base, text: "原句" };
    const merged = mergeStatements([one, { ...base, kind: "shortfall", peer_group_id: "province:330000", text: "另一句" }]);
    expect(merged.map((m) => m.text)).toEqual(["原句", "另一句"]);
  });

  it("starts with 并列 instead of 居 when the first group is a tie", () => {
    const merged = mergeStatements([
      { ...base, basis: "yoy", basis_word: "增速", lead: "高新技术企业数同比增长10.0%", tied: true, rank_core: "并列全市第一" },
      { ...base, basis: "yoy", basis_word: "增速", lead: "高新技术企业数同比增长10.0%", peer_group_id: "province:330000", tied: true, rank_core: "并列全省第一" },
    ]);
    expect(merged[0]!.text).toBe("高新技术企业数同比增长10.0%，增速并列全市第一、并列全省第一");
  });
});
