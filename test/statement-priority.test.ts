// What a district page leads with: the few statements a bureau would put first, and a figure's level
// and growth ranks joined into one sentence.
import { describe, expect, it } from "vitest";
import type { StatementRow } from "../reports/model.ts";
import { mergeStatements } from "../reports/statement-merge.ts";
import { combineLevelAndGrowth, prioritise } from "../reports/statement-priority.ts";

const row = (s: Partial<StatementRow>): StatementRow => ({
  region_code: "330110", year: 2026, month: 10, kind: "highlight", text: "", indicator_code: "x", peer_group_id: "city:330100",
  basis: "value", rank: 1, lead: "甲指标达10家，同比增长5.0%", basis_word: "", tied: false, rank_core: "全市第一", rank_note: null,
  change_text: null, event: "top", rank_change: 0, peer_count: 13, ...s,
});
/** A single-group sentence written the way marts.statements writes it. */
const sentence = (s: Partial<StatementRow>): StatementRow => {
  const r = row(s);
  const rank = `${r.basis_word ?? ""}${r.tied ? "" : "居"}${r.rank_core}${r.rank_note ? `（${r.rank_note}）` : ""}`;
  return { ...r, text: [r.lead, rank, r.change_text].filter(Boolean).join("，") };
};
const texts = (rows: StatementRow[], main: string[] = [], limit = 3) => {
  const { lead, rest } = prioritise(mergeStatements(rows), new Set(main), limit);
  return { lead: lead.map((s) => s.text), rest: rest.map((s) => s.text) };
};

describe("choosing the statements a district page leads with", () => {
  it("puts first places before third places and small rank gains, keeping the rest in the given order", () => {
    const rows = [
      sentence({ indicator_code: "a", lead: "甲达10家", event: "gain", rank: 5, rank_core: "全市第五", rank_change: 3, change_text: "较去年同期前进3位" }),
      sentence({ indicator_code: "b", lead: "乙达20家", rank: 3, rank_core: "全市第三" }),
      sentence({ indicator_code: "c", lead: "丙达30家", rank: 1, rank_core: "全市第一" }),
      sentence({ indicator_code: "d", lead: "丁达40家", rank: 2, rank_core: "全市第二" }),
    ];
    expect(texts(rows, [], 2)).toEqual({
      lead: ["丙达30家，居全市第一", "丁达40家，居全市第二"],
      rest: ["甲达10家，居全市第五，较去年同期前进3位", "乙达20家，居全市第三"],
    });
  });

  it("ranks a place in the province above the same place in the city, and main indicators above others", () => {
    const rows = [
      sentence({ indicator_code: "a", lead: "甲达10家", rank_core: "全市第一" }),
      sentence({ indicator_code: "b", lead: "乙达20家", peer_group_id: "province:330000", rank_core: "全省第一" }),
      sentence({ indicator_code: "c", lead: "丙达30家", rank: 2, rank_core: "全市第二" }),
    ];
    expect(texts(rows, [], 3).lead).toEqual(["乙达20家，居全省第一", "甲达10家，居全市第一", "丙达30家，居全市第二"]);
    const seconds = [
      sentence({ indicator_code: "a", lead: "甲达10家", rank: 2, rank_core: "全市第二" }),
      sentence({ indicator_code: "c", lead: "丙达30家", rank: 2, rank_core: "全市第二" }),
    ];
    expect(texts(seconds, ["c"], 1).lead).toEqual(["丙达30家，居全市第二"]);
    // A first place still comes before a main indicator's second place.
    expect(texts(rows, ["c"], 2).lead).toEqual(["乙达20家，居全省第一", "甲达10家，居全市第一"]);
  });

  it("leads shortfalls with 末位 and missed targets before a lost place or two", () => {
    const rows = [
      sentence({ kind: "shortfall", indicator_code: "a", lead: "甲达10家", event: "loss", rank: 6, rank_core: "全市第六", rank_change: -3, change_text: "较去年同期后退3位" }),
      sentence({ kind: "shortfall", indicator_code: "b", lead: "乙达20家", event: "bottom", rank: 13, rank_core: "全市第13位", rank_note: "末位" }),
      { ...row({ kind: "shortfall", indicator_code: "c", basis: "target", peer_group_id: null, rank: null, lead: null, rank_core: null, event: "target_missed" }), text: "丙未完成年度目标" },
    ];
    expect(texts(rows, [], 2).lead).toEqual(["乙达20家，居全市第13位（末位）", "丙未完成年度目标"]);
  });
});

describe("joining a figure's level and growth statements", () => {
  it("writes 总量 and 增速 in one sentence when both rank", () => {
    const level = [
      sentence({ lead: "高新技术企业数达1,096家，同比增长12.3%", rank_core: "全市第一" }),
      sentence({ lead: "高新技术企业数达1,096家，同比增长12.3%", peer_group_id: "province:330000", rank: 2, rank_core: "全省第二", change_text: "较去年同期前进1位", rank_change: 1 }),
    ];
    const growth = sentence({ basis: "yoy", lead: "高新技术企业数同比增长12.3%", basis_word: "增速", rank: 3, rank_core: "全市第三" });
    const [joined, ...others] = combineLevelAndGrowth(mergeStatements([...level, growth]));
    expect(others).toEqual([]);
    expect(joined!.text).toBe("高新技术企业数达1,096家，同比增长12.3%，总量居全市第一、全省第二（较去年同期前进1位），增速居全市第三");
    expect(joined!.rows).toHaveLength(3);
  });

  it("keeps 并列 on a tied level and joins a ratio's 提高幅度 without 总量", () => {
    const lead = "R&D经费投入强度3.08%，提高0.36个百分点";
    const rows = [
      sentence({ indicator_code: "rd", lead, tied: true, rank: 2, rank_core: "并列全市第二" }),
      sentence({ indicator_code: "rd", basis: "pp_change", lead, basis_word: "提高幅度", rank_core: "全市第一" }),
    ];
    expect(combineLevelAndGrowth(mergeStatements(rows)).map((s) => s.text)).toEqual([
      "R&D经费投入强度3.08%，提高0.36个百分点，并列全市第二，提高幅度居全市第一",
    ]);
  });

  it("leaves a growth rank apart when it is news only as a rank gain", () => {
    const rows = [
      sentence({ lead: "甲达10家，同比增长5.0%" }),
      sentence({ basis: "yoy", lead: "甲同比增长5.0%", basis_word: "增速", event: "gain", rank: 31, rank_core: "全省第31位", peer_group_id: "province:330000", rank_change: 34, change_text: "较去年同期前进34位" }),
    ];
    expect(combineLevelAndGrowth(mergeStatements(rows)).map((s) => s.text)).toEqual([
      "甲达10家，同比增长5.0%，居全市第一",
      "甲同比增长5.0%，增速居全省第31位，较去年同期前进34位",
    ]);
  });

  it("leaves a highlight level and a shortfall growth apart, and never joins when the growth figures differ", () => {
    const rows = [
      sentence({ indicator_code: "a", lead: "甲达10家，同比增长5.0%" }),
      sentence({ indicator_code: "a", kind: "shortfall", basis: "yoy", lead: "甲同比增长5.0%", basis_word: "增速", event: "bottom", rank: 13, rank_core: "全市第13位", rank_note: "末位" }),
      sentence({ indicator_code: "b", lead: "乙达10家，同比增长5.0%" }),
      sentence({ indicator_code: "b", basis: "yoy", lead: "乙同比增长6.0%", basis_word: "增速" }),
    ];
    expect(combineLevelAndGrowth(mergeStatements(rows)).map((s) => s.text)).toEqual([
      "甲达10家，同比增长5.0%，居全市第一",
      "甲同比增长5.0%，增速居全市第13位（末位）",
      "乙达10家，同比增长5.0%，居全市第一",
      "乙同比增长6.0%，增速居全市第一",
    ]);
  });
});
