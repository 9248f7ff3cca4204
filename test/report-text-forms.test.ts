// The forms of figures the first extractor did not know, one block per class of issue 17 (and the sign
// and region classes of issue 13). Sentences are written for these tests; none is copied from a report.
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../sources/catalog.ts";
import { extractFigures, type Figure } from "../sources/report-text/extract.ts";
import { maxPeers } from "../sources/report-text/rank-plausibility.ts";

const catalog = loadCatalog();
const extract = (t: string): Figure[] => extractFigures(t, catalog);

/** The figure whose text starts at the bracketed part: at(t, "完成率 [99]%"). */
function figureAt(text: string, marked: string): Figure | undefined {
  const plain = marked.replace(/[[\]]/g, "");
  const pos = text.indexOf(plain);
  if (pos < 0) throw new Error(`test text does not contain ${plain}`);
  const offset = pos + marked.indexOf("[");
  return extract(text).find((f) => f.offset === offset);
}

describe("1. completion rates in the forms bureaus write them", () => {
  it.each([
    ["研发投入完成年度目标任务215%。", "任务[215]%", 215],
    ["技术合同成交额完成省定目标135%。", "目标[135]%", 135],
    ["全年完成市对县目标考核任务260%。", "任务[260]%", 260],
    ["新增研发机构提前超额完成“十四五”目标任务134%。", "任务[134]%", 134],
    ["高新技术产业投资完成率 99%。", "完成率 [99]%", 99],
    ["研发投入完成年度目标任务215%2023年度考核优秀。", "任务[215]%", 215],
  ])("reads %s as a completion rate", (text, marked, value) => {
    expect(figureAt(text, marked)).toMatchObject({ kind: "completion", value, unit: "%" });
  });

  it("reads 超额完成17% after a figure as a completion stating the excess, value as written", () => {
    const t = "发明专利授权356件,超额完成17%。";
    expect(figureAt(t, "超额完成[17]%")).toMatchObject({ kind: "completion", value: 17, excess: true });
    expect(figureAt(t, "授权[356]件")).toMatchObject({ kind: "level", value: 356 });
  });

  it("keeps a plain percentage after 完成 an amount as a level", () => {
    expect(figureAt("高新技术产业增加值完成46.3亿元,占比52.7%。", "占比[52.7]%")?.kind).toBe("level");
  });
});

describe("2. targets marked only by their table column or section", () => {
  it("reads the goal column as targets and the result column as achievements", () => {
    const t = "序号 工作任务 完成情况\n1 新认定高新技术企业25家以上 全年新认定高新技术企业29家,完成率116%\n2 新增科技型中小企业120家 入库科技型中小企业146家\n";
    expect(figureAt(t, "企业[25]家以上")?.kind).toBe("target");
    expect(figureAt(t, "全年新认定高新技术企业[29]家")?.kind).toBe("level");
    expect(figureAt(t, "完成率[116]%")?.kind).toBe("completion");
    expect(figureAt(t, "新增科技型中小企业[120]家")?.kind).toBe("target");
    expect(figureAt(t, "入库科技型中小企业[146]家")?.kind).toBe("level");
  });

  it("reads columns by header: goal, result (a rate when the row names a 增速), 完成率; bare cells take the row's unit", () => {
    const t = "目标任务 年度目标 1-9月完成 完成率\n高新技术产业投资增速 15% 21.3% 142%\n技术合同成交额(亿元) 8 9.4 117.5%\n";
    expect(figureAt(t, "增速 [15]%")?.kind).toBe("target");
    expect(figureAt(t, "15% [21.3]%")?.kind).toBe("growth");
    expect(figureAt(t, "21.3% [142]%")?.kind).toBe("completion");
    expect(figureAt(t, "(亿元) [8] 9.4")).toMatchObject({ kind: "target", value: 8, unit: "亿元" });
    expect(figureAt(t, "(亿元) 8 [9.4]")).toMatchObject({ kind: "level", value: 9.4, unit: "亿元" });
  });

  it("reads a performance table: units from the 计量单位 column, score and weight columns are not figures", () => {
    const t = "绩效指标\t计量单位\t年初指标值\t全年完成值\t指标得分\n科技项目立项数\t项\t30\t36\t10\n资金拨付及时率\t%\t100\t98\t5\n";
    const fs = extract(t);
    expect(fs.map((f) => [f.text, f.kind, f.unit])).toEqual([
      ["30", "target", "项"],
      ["36", "level", "项"],
      ["100", "target", "%"],
      ["98", "level", "%"],
    ]);
  });

  it("ends a table at the next table's header, and reads a year in the goal header", () => {
    const t = "指标 2025年目标 1-6月完成\n新增高企 40家 22家\n工作任务 完成情况\n建设孵化器2家 建成孵化器3家\n";
    expect(figureAt(t, "高企 [40]家")?.kind).toBe("target");
    expect(figureAt(t, "40家 [22]家")?.kind).toBe("level");
    expect(figureAt(t, "建设孵化器[2]家")?.kind).toBe("target");
    expect(figureAt(t, "建成孵化器[3]家")?.kind).toBe("level");
  });

  it("reads a table copied from a web page with one cell per line and | between cells", () => {
    const t = "序号\n|\n工作任务\n|\n二季度完成情况\n|\n1\n|\n全区高新技术企业总量达到150家。\n|\n组织申报高新技术企业58家,总量位居全市第三。\n|\n2\n|\n实施产学研合作项目40个。\n|\n实施产学研合作项目47项。\n|\n";
    expect(figureAt(t, "达到[150]家")?.kind).toBe("target");
    expect(figureAt(t, "企业[58]家")?.kind).toBe("level");
    expect(figureAt(t, "项目[40]个")?.kind).toBe("target");
    expect(figureAt(t, "项目[47]项")?.kind).toBe("level");
  });

  it("reads a markdown-style | table", () => {
    const t = "| 指标 | 年度目标 | 1-6月完成 |\n| 新增高企 | 40家 | 22家 |\n";
    expect(figureAt(t, "| [40]家")?.kind).toBe("target");
    expect(figureAt(t, "| [22]家")?.kind).toBe("level");
  });

  it("reads every figure of a task assignment table (责任单位, 完成期限, no result column) as a goal", () => {
    const t = "序号 重点工作任务 主要责任单位 完成期限\n12 新培育科技型中小企业60家以上、高新技术企业25家以上。 区科技局 2024年12月底\n区经信局\n13 推动研发费用突破8亿元,研发投入增长12%以上。 区科技局 2024年12月底\n";
    expect(extract(t).map((f) => [f.text, f.kind])).toEqual([
      ["60", "target"],
      ["25", "target"],
      ["8", "target"],
      ["12", "target"],
    ]);
  });

  it("takes any header naming a task or goal as the goal column (任务内容, 年度重点任务), results first (推进情况)", () => {
    const t = "序号 任务内容 牵头单位 完成时限\n7 新增省级研发机构10家。 区科技局 2024年底\n8 研发投入强度提高0.1个百分点以上。 区科技局 2024年底\n年度重点任务 1-9月推进情况\n新建孵化器2家 建成孵化器1家\n";
    expect(figureAt(t, "研发机构[10]家")?.kind).toBe("target");
    expect(figureAt(t, "提高[0.1]个")?.kind).toBe("target");
    expect(figureAt(t, "新建孵化器[2]家")?.kind).toBe("target");
    expect(figureAt(t, "建成孵化器[1]家")?.kind).toBe("level");
  });

  it("reads 实际支持 after a stated goal as the result, and 结合实际 as no marker", () => {
    const t = "年度绩效目标为支持科技项目25项,实际支持29项,完成率116%。";
    expect(figureAt(t, "项目[25]项")?.kind).toBe("target");
    expect(figureAt(t, "支持[29]项")?.kind).toBe("level");
    expect(figureAt("下一步,结合企业创新实际,每年评出10名科技首席官。", "评出[10]名")?.kind).toBe("target");
  });

  it("takes the first figure of a row as the goal when cells do not line up with the header", () => {
    const t = "工作任务 完成情况\n引育高层次人才30人 已引进 高层次人才34人 完成113.3%\n";
    expect(figureAt(t, "人才[30]人")?.kind).toBe("target");
    expect(figureAt(t, "人才[34]人")?.kind).toBe("level");
  });

  it("reads a 计划 section as goals and a 完成情况 section as results, and 目标: as a goal label", () => {
    const t = "计划\n举办产学研对接活动6场\n完成情况\n举办产学研对接活动9场\n目标:新增孵化面积2万平方米;现状:在孵企业318家。";
    expect(figureAt(t, "活动[6]场")?.kind).toBe("target");
    expect(figureAt(t, "活动[9]场")?.kind).toBe("level");
    expect(figureAt(t, "面积[2]万平方米")?.kind).toBe("target");
    expect(figureAt(t, "在孵企业[318]家")?.kind).toBe("level");
  });

  it("does not treat an ordinary two-column listing without a goal column as a task table", () => {
    const t = "指标 1-9月\n新增高企 35家\n";
    expect(figureAt(t, "高企 [35]家")?.kind).toBe("level");
  });
});

describe("3. a change against an average or a target in 百分点", () => {
  it("reads 超全市均值N个百分点 after a completion rate as a pp_change, not a target", () => {
    const t = "入库完成率165.5%,超全市均值23.6个百分点。";
    expect(figureAt(t, "完成率[165.5]%")?.kind).toBe("completion");
    expect(figureAt(t, "均值[23.6]个百分点")).toMatchObject({ kind: "pp_change", value: 23.6 });
  });

  it("gives a change below the average or the target a negative value", () => {
    const t = "研发强度2.86%,比全省平均低0.41个百分点;增速高于年度目标2.5个百分点,低于序时进度1.2个百分点,较一季度放缓0.3个百分点。";
    expect(figureAt(t, "低[0.41]个")).toMatchObject({ kind: "pp_change", value: -0.41 });
    expect(figureAt(t, "目标[2.5]个")).toMatchObject({ kind: "pp_change", value: 2.5 });
    expect(figureAt(t, "进度[1.2]个")).toMatchObject({ kind: "pp_change", value: -1.2 });
    expect(figureAt(t, "放缓[0.3]个")).toMatchObject({ kind: "pp_change", value: -0.3 });
  });
});

describe("4. a cue and its number separated by a space", () => {
  it("reads 较上年增长 16.2% as growth and 下降 4.6% as a fall", () => {
    const t = "技术交易额较上年增长 16.2%,科技贷款余额同比下降 4.6%,研发强度提高 0.22个百分点。";
    expect(figureAt(t, "增长 [16.2]%")).toMatchObject({ kind: "growth", value: 16.2 });
    expect(figureAt(t, "下降 [4.6]%")).toMatchObject({ kind: "growth", value: -4.6 });
    expect(figureAt(t, "提高 [0.22]个")).toMatchObject({ kind: "pp_change", value: 0.22 });
  });
});

describe("5. masks in lower case and other symbols", () => {
  it.each([
    ["技术合同成交额xx亿元。", "额[xx]亿元", "level"],
    ["研发费用同比增长XX%。", "增长[XX]%", "growth"],
    ["新增高新技术企业××家。", "企业[××]家", "level"],
    ["有效发明专利**件。", "专利[**]件", "level"],
    ["研发强度x.xx%。", "强度[x.xx]%", "level"],
    ["受益农户X,XXX户。", "农户[X,XXX]户", "level"],
  ])("reads %s as a masked figure", (text, marked, kind) => {
    expect(figureAt(text, marked)).toMatchObject({ kind, value: null });
  });

  it("reads a masked rank with a null value and keeps 3×4 and Linux out", () => {
    const t = "新增高企××家,居全市第×位。展台面积3×4米,基于Linux系统。";
    expect(figureAt(t, "第[×]位")).toMatchObject({ kind: "rank", value: null, scope: "全市" });
    expect(extract(t).filter((f) => f.offset > t.indexOf("展台"))).toEqual([]);
  });
});

describe("6. units the catalog lacked, and counts without a unit", () => {
  it.each([
    ["开展科技下乡服务598小时。", "服务[598]小时", "小时"],
    ["举办技术讲座150场次。", "讲座[150]场次", "场次"],
    ["举办路演9场。", "路演[9]场", "场"],
    ["培训农民2860人次。", "农民[2860]人次", "人次"],
    ["推广农机装备46台(套)。", "装备[46]台(套)", "台(套)"],
    ["推广农机具31台套。", "农机具[31]台套", "台(套)"],
    ["线上培训48课时。", "培训[48]课时", "课时"],
  ])("reads %s with its unit", (text, marked, unit) => {
    expect(figureAt(text, marked)).toMatchObject({ kind: "level", unit });
  });

  it("reads a count after the counted nouns as a figure without a unit", () => {
    const t = "引进示范新品种、新技术187,带动农户增收2300万元。";
    expect(figureAt(t, "新技术[187]")).toMatchObject({ kind: "level", value: 187, unit: "" });
  });

  it("keeps a 24-hour service promise and a year after a noun out", () => {
    expect(extract("提供24小时在线服务,推广新技术2023年起实施。")).toEqual([]);
  });
});

describe("7. rank moves are figures in 位", () => {
  it("reads moves up as positive and moves down as negative, next to the rank itself", () => {
    const t = "在全省排名第6位,比上年前进5位;研发强度排名后退2位,居全省第9位;创新指数较去年提升三位。";
    expect(figureAt(t, "前进[5]位")).toMatchObject({ kind: "rank_change", value: 5, unit: "位" });
    expect(figureAt(t, "后退[2]位")).toMatchObject({ kind: "rank_change", value: -2, unit: "位" });
    expect(figureAt(t, "提升[三]位")).toMatchObject({ kind: "rank_change", value: 3 });
    expect(figureAt(t, "第[6]位")).toMatchObject({ kind: "rank", value: 6, scope: "全省" });
  });

  it("keeps a head count in 位 a level", () => {
    expect(figureAt("引进院士3位。", "院士[3]位")?.kind).toBe("level");
  });
});

describe("8. garbled ranks beyond any plausible peer group", () => {
  it("does not emit 分别位于全市第212位 (2、1、2 run together) as a rank of 212", () => {
    const t = "三项指数分别位于全市第212位。区级财政科技支出3.42亿元,增速位列全市第5位。";
    const ranks = extract(t).filter((f) => f.kind === "rank");
    expect(ranks.map((r) => r.value)).toEqual([5]);
  });

  it("drops a 分别 list fused into one number even inside the group's size", () => {
    expect(extract("两项考核得分分别居全县第31位。")).toEqual([]);
  });

  it("keeps large ranks where the group is large enough", () => {
    const t = "科技创新综合得分居全省第45位;入选全国百强区,位列第38位;两项指标分别居全省第12位、第15位。";
    expect(extract(t).filter((f) => f.kind === "rank").map((r) => r.value)).toEqual([45, 38, 12, 15]);
  });

  it("bounds peer groups by their scope", () => {
    expect(maxPeers("全市")).toBeLessThan(212);
    expect(maxPeers("全省")).toBeGreaterThanOrEqual(183);
    expect(maxPeers("全国")).toBeGreaterThan(1000);
    expect(maxPeers(null)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("issue 13: negative amounts keep their sign", () => {
  it("reads -3亿元 and −0.8亿元 as negative levels, the sign part of the text", () => {
    const t = "一季度科技贷款净增额为-3亿元;知识产权质押融资净增−0.8亿元;研发费用增长-2.1%。";
    expect(figureAt(t, "为[-3]亿元")).toMatchObject({ text: "-3", value: -3, unit: "亿元", kind: "level" });
    expect(figureAt(t, "净增[−0.8]亿元")).toMatchObject({ text: "−0.8", value: -0.8 });
    expect(figureAt(t, "增长[-2.1]%")).toMatchObject({ kind: "growth", value: -2.1 });
  });

  it("reads a dash between numbers as a range or a date, not a sign", () => {
    const t = "1-9月新增高企35家,引进团队3-5个。";
    expect(figureAt(t, "引进团队[3-5]个")?.value).toBe(3);
    expect(extract(t).every((f) => (f.value ?? 0) >= 0)).toBe(true);
  });
});

describe("issue 13: the region a sentence names", () => {
  it("gives a figure the district its clause names, until the report's own voice (我区, 全区) returns", () => {
    const t = "余杭区科技局工作简报\n上城区技术合同成交额居全市第一,我区研发费用增长11.2%,居全市第三。拱墅区新增高企35家。全区专利授权1200件。";
    expect(figureAt(t, "第[一]")).toMatchObject({ kind: "rank", region: "上城区" });
    expect(figureAt(t, "增长[11.2]%")?.region).toBeUndefined();
    expect(figureAt(t, "第[三]")?.region).toBeUndefined();
    expect(figureAt(t, "高企[35]家")?.region).toBe("拱墅区");
    expect(figureAt(t, "授权[1200]件")?.region).toBeUndefined();
  });

  it("does not take a two-character word or a non-region as a subject", () => {
    const t = "城区新增孵化器2家,高新区新增众创空间3家。";
    expect(extract(t).map((f) => f.region)).toEqual([undefined, undefined]);
  });
});

describe("table reading on hostile text", () => {
  it("stays linear on long runs of | lines, serial numbers and repeated headers (finishes within the test timeout)", () => {
    const runs = ["1\n|\n".repeat(40000), "a\n|\n".repeat(40000), "工作任务 完成情况\n新增高企3家 新增高企4家\n".repeat(5000)];
    const counts = runs.map((t) => extract(t).length);
    expect(counts).toEqual([0, 0, 10000]);
  });
});
