// Behaviour of the report-text extractor on sentences written for these tests in the style of
// 科技局 work reports (none is copied from a real report).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { SourceError } from "../pipelines/errors.ts";
import { extractCommand } from "../pipelines/commands/extract.ts";
import { compareFigures, loadEvalDocs, mergeComparisons } from "../pipelines/eval-extract.ts";
import { loadCatalog } from "../sources/catalog.ts";
import { decodeReport } from "../sources/report-text/decode.ts";
import { extractFigures, type Figure } from "../sources/report-text/extract.ts";
import { parseChineseNumeral } from "../sources/report-text/numbers.ts";

const catalog = loadCatalog();
const FIXTURES = path.join(import.meta.dirname, "fixtures", "report-text");

/** Offset of the bracketed part of `marked` inside `text`: at(t, "居全市第[一]") → index of 一. */
function at(text: string, marked: string): number {
  const plain = marked.replace(/[[\]]/g, "");
  const pos = text.indexOf(plain);
  if (pos < 0) throw new Error(`fixture does not contain ${plain}`);
  return pos + marked.indexOf("[");
}

function figureAt(figures: Figure[], offset: number): Figure | undefined {
  return figures.find((f) => f.offset === offset);
}

function extract(text: string): Figure[] {
  return extractFigures(text, catalog);
}

describe("levels, growth and percentage points", () => {
  const text = "1-6月,全区规上工业企业研发费用支出15.32亿元,同比增长13.4%;研发费用占营业收入比重为2.41%,比上年同期提高0.27个百分点。";
  const figures = extract(text);

  it("reads an amount as a level in its unit, with the catalog code", () => {
    const f = figureAt(figures, at(text, "支出[15.32]亿元"));
    expect(f).toMatchObject({ text: "15.32", value: 15.32, unit: "亿元", kind: "level", indicator_code: "ind_rd_expense" });
  });

  it("reads 同比增长 N% as growth of the figure before it", () => {
    const f = figureAt(figures, at(text, "同比增长[13.4]%"));
    expect(f).toMatchObject({ value: 13.4, unit: "%", kind: "growth", indicator_code: "ind_rd_expense" });
  });

  it("reads a share as a level and 个百分点 as a pp_change", () => {
    expect(figureAt(figures, at(text, "比重为[2.41]%"))).toMatchObject({ kind: "level", indicator_code: "ind_rd_ratio" });
    expect(figureAt(figures, at(text, "提高[0.27]个百分点"))).toMatchObject({ kind: "pp_change", value: 0.27, unit: "个百分点" });
  });

  it("carries the period stated at the start of the sentence across a semicolon", () => {
    expect(figureAt(figures, at(text, "提高[0.27]个百分点"))?.period).toBe("1-6月");
  });

  it("gives a stated decrease a negative value", () => {
    const t = "评价入库科技型中小企业168家,同比下降6.5%,占比较去年回落0.8个百分点。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "下降[6.5]%"))).toMatchObject({ kind: "growth", value: -6.5 });
    expect(figureAt(fs, at(t, "回落[0.8]个"))).toMatchObject({ kind: "pp_change", value: -0.8 });
  });

  it("treats 倍 as growth and a rise 从 A 提高到 B as two levels", () => {
    const t = "技术合同成交额为2021年的2.6倍;规上企业研发机构设置率从38%提高到52%。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "的[2.6]倍"))).toMatchObject({ kind: "growth", unit: "倍" });
    expect(figureAt(fs, at(t, "从[38]%"))?.kind).toBe("level");
    expect(figureAt(fs, at(t, "提高到[52]%"))?.kind).toBe("level");
  });

  it("gives later members of 分别增长 A%、B% the same growth kind", () => {
    const t = "技术合同登记项数和成交额分别增长18.2%、27.5%。";
    expect(extract(t).map((f) => f.kind)).toEqual(["growth", "growth"]);
  });

  it("reads thousands separators, full-width digits and a space before the unit", () => {
    const t = "有效高新技术企业达到1,208家,新增众创空间１２家,入库企业 356 家。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "达到[1,208]家"))?.value).toBe(1208);
    expect(figureAt(fs, at(t, "众创空间[１２]家"))).toMatchObject({ text: "１２", value: 12 });
    expect(figureAt(fs, at(t, "入库企业 [356]"))?.value).toBe(356);
  });
});

describe("completion and targets", () => {
  it("reads 完成…任务的 N% as completion", () => {
    const t = "新增产学研合作项目64项,完成年度考核任务的106.7%,超时序进度3.2个百分点。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "任务的[106.7]%"))).toMatchObject({ kind: "completion", value: 106.7 });
    expect(figureAt(fs, at(t, "超时序进度[3.2]个"))?.kind).toBe("pp_change");
  });

  it("marks figures after 力争 as targets even in a results section", () => {
    const t = "一、工作成效\n全年新认定高新技术企业52家。力争明年新认定高新技术企业60家以上。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "企业[52]家"))?.kind).toBe("level");
    expect(figureAt(fs, at(t, "企业[60]家以上"))?.kind).toBe("target");
  });

  it("marks every figure under a plan heading as a target, except the current state", () => {
    const t = "三、2025年工作计划\n新增省级企业研究院4家,技术合同成交额增长20%。目前全区已有省级企业研究院31家。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "研究院[4]家"))?.kind).toBe("target");
    expect(figureAt(fs, at(t, "增长[20]%"))?.kind).toBe("target");
    expect(figureAt(fs, at(t, "研究院[31]家"))?.kind).toBe("level");
  });

  it("switches back to results under a heading that reports progress", () => {
    const t = "二、下一步工作打算\n培育高企20家。\n三、上半年工作完成情况\n培育高企11家。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "培育高企[20]家"))?.kind).toBe("target");
    expect(figureAt(fs, at(t, "培育高企[11]家"))?.kind).toBe("level");
  });

  it("reads 争取 in a results section as money obtained, not a goal", () => {
    const t = "一、工作成效\n全年争取上级科技项目资金4860万元。\n二、下步工作打算\n争取上级科技项目资金5000万元。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "资金[4860]万元"))?.kind).toBe("level");
    expect(figureAt(fs, at(t, "资金[5000]万元"))?.kind).toBe("target");
  });

  it("treats a year-led 工作重点 heading as a plan only when it is later than the results", () => {
    const t = "一、2024年工作完成情况\n新增高企20家。\n二、2024年重点工作\n新增高企21家。\n三、2025年工作重点\n新增高企30家。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "高企[21]家"))?.kind).toBe("level");
    expect(figureAt(fs, at(t, "高企[30]家"))?.kind).toBe("target");
  });

  it("reads 目标任务为 as a goal and 实际完成 as the result", () => {
    const t = "全年目标任务为新增众创空间6家,实际完成7家。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "空间[6]家"))?.kind).toBe("target");
    expect(figureAt(fs, at(t, "完成[7]家"))?.kind).toBe("level");
  });

  it("keeps last year's results in a plan document as levels", () => {
    const t = "XX县科技局2025年工作要点\n2024年,全县新增科技型中小企业96家。全县获市科学技术奖两项。\n一、主要目标\n新增科技型中小企业110家。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "中小企业[96]家"))?.kind).toBe("level");
    expect(figureAt(fs, at(t, "科学技术奖[两]项"))?.kind).toBe("level");
    expect(figureAt(fs, at(t, "中小企业[110]家"))?.kind).toBe("target");
  });
});

describe("ranks", () => {
  it("points a Chinese-numeral rank at the numeral", () => {
    const t = "研发投入强度达到2.87%,居全市第三。";
    const f = figureAt(extract(t), at(t, "居全市第[三]"));
    expect(f).toMatchObject({ text: "三", value: 3, unit: "位", kind: "rank", scope: "全市" });
  });

  it("points 榜首 at 榜 and 首位 at 首", () => {
    const t = "获市科学技术奖9项,总量位居各区县市榜首;新增国家级孵化器2家,数量居全市首位。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "[榜]首"))).toMatchObject({ text: "榜首", value: 1, scope: "各区县市" });
    expect(figureAt(fs, at(t, "全市[首]位"))).toMatchObject({ text: "首位", value: 1, scope: "全市" });
  });

  it("reads the peer group of each rank phrase", () => {
    const t =
      "增速位列全省第12位;占比排B类地区第二名;研发强度县市区排名第五;在全市9个区县中排名第4;增量跻身“全国百强区”第31位;新增孵化面积全市第二。";
    const fs = extract(t).filter((f) => f.kind === "rank");
    expect(fs.map((f) => [f.value, f.scope])).toEqual([
      [12, "全省"],
      [2, "B类地区"],
      [5, "县市区"],
      [4, "全市9个区县"],
      [31, "全国百强区"],
      [2, "全市"],
    ]);
  });

  it("links a rank with 均 to every figure before it in the sentence", () => {
    const t = "全年推荐申报高新技术企业412家,新增省级科技型中小企业538家,入库国家科技型中小企业906家,均居全市第一。";
    const fs = extract(t);
    const rank = figureAt(fs, at(t, "全市第[一]"));
    expect(rank?.covers).toEqual([at(t, "企业[412]家"), at(t, "企业[538]家"), at(t, "企业[906]家")]);
  });

  it("links a growth-rank to the growth rate, not the amount", () => {
    const t = "高新技术产业投资完成36.2亿元,同比增长24.8%,增速居全市第2位。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "第[2]位"))?.covers).toEqual([at(t, "增长[24.8]%")]);
  });

  it("lets a later rank without a group inherit the group of the earlier one", () => {
    const t = "研发投入强度2.4%,县市区排名第三;提高幅度为0.2个百分点,排名第一。";
    const ranks = extract(t).filter((f) => f.kind === "rank");
    expect(ranks.map((r) => r.scope)).toEqual(["县市区", "县市区"]);
  });

  it("does not read ordinals or rank bands as ranks or counts, and reads a rank move as a move", () => {
    const t = "入选全省第一批创新型县,第二届创新大赛圆满落幕,人才是第一资源,跻身全省前10位,较上年前移3位。";
    expect(extract(t).map((f) => [f.kind, f.value, f.unit])).toEqual([["rank_change", 3, "位"]]);
  });
});

describe("numbers that need reading", () => {
  it("reports a masked value with a null value", () => {
    const t = "1-9月,高新技术产业增加值XX亿元,授信额度达X亿元,区级资金XX.X万元。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "增加值[XX]亿元"))).toMatchObject({ text: "XX", value: null, unit: "亿元" });
    expect(figureAt(fs, at(t, "达[X]亿元"))?.value).toBeNull();
    expect(figureAt(fs, at(t, "资金[XX.X]万元"))?.text).toBe("XX.X");
  });

  it("reads 个亿 as 亿元 and ignores XX standing for a place name", () => {
    const t = "设立XX个亿的科创基金,XX区新增众创空间3家。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "设立[XX]个亿"))?.unit).toBe("亿元");
    expect(fs.map((f) => f.text)).toEqual(["XX", "3"]);
  });

  it("reads Chinese numerals before and after the noun", () => {
    const t = "新培育科技领军企业十二家,获省科技进步奖两项,星辰科技、远航智能、启明材料三家企业入选名单。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "领军企业[十二]家"))?.value).toBe(12);
    expect(figureAt(fs, at(t, "进步奖[两]项"))?.value).toBe(2);
    expect(figureAt(fs, at(t, "启明材料[三]家"))?.value).toBe(3);
  });

  it("reads 一家 after its noun as a count but not as an article", () => {
    const t = "新增国家级孵化器一家。以一家龙头企业带动一条产业链,提升五个要素,建好两支队伍。";
    const fs = extract(t);
    expect(fs.map((f) => [f.text, f.value])).toEqual([["一", 1]]);
  });

  it("reads 百分之百 as 100%", () => {
    const t = "确保政策兑现率达到百分之百。";
    expect(extract(t)).toMatchObject([{ text: "百分之百", value: 100, unit: "%" }]);
  });

  it("represents a range by its lower bound and keeps the range text", () => {
    const t = "培育建设技术转移机构2-3家,新增研发中心5至8家。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "机构[2-3]家"))).toMatchObject({ text: "2-3", value: 2, unit: "家" });
    expect(figureAt(fs, at(t, "研发中心[5至8]家"))).toMatchObject({ value: 5 });
  });

  it("keeps approximate counts with 余, 多 and 近", () => {
    const t = "服务企业420余家次,培训人员1500多人,组织近80家高新技术企业参加路演。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "[420]余家次"))).toMatchObject({ value: 420, unit: "家次" });
    expect(figureAt(fs, at(t, "[1500]多人"))).toMatchObject({ value: 1500, unit: "人" });
    expect(figureAt(fs, at(t, "近[80]家"))).toMatchObject({ value: 80, unit: "家" });
  });

  it("supplies the unit a bare number implies", () => {
    const t = "今年推荐申报高新技术企业386家,预计总数接近900,组织近60科技型企业参加培训。";
    const fs = extract(t);
    expect(figureAt(fs, at(t, "接近[900]"))).toMatchObject({ value: 900, unit: "家", kind: "level" });
    expect(figureAt(fs, at(t, "近[60]科技型"))).toMatchObject({ value: 60, unit: "家" });
  });

  it("parses Chinese numerals positionally", () => {
    expect([parseChineseNumeral("十二"), parseChineseNumeral("二十"), parseChineseNumeral("一百零五"), parseChineseNumeral("两千")]).toEqual([
      12, 20, 105, 2000,
    ]);
    expect(parseChineseNumeral("二〇二四")).toBeNaN();
  });
});

describe("not figures", () => {
  it("skips calendar years, months and dates", () => {
    const t = "2024年3月15日,局党组召开会议。今年9月,20XX年度工作会议召开,1-10月情况通报。";
    expect(extract(t)).toEqual([]);
  });

  it("skips list numbering", () => {
    const t = "一是强化服务。(三)优化平台。1.推进孵化。(2)落实政策。3、完善机制。";
    expect(extract(t)).toEqual([]);
  });

  it("skips batch and session numbers", () => {
    const t = "入选第二批国家创新型县,举办第十三届学术年会,发布第50期工作简报。";
    expect(extract(t)).toEqual([]);
  });

  it("skips names that contain digits", () => {
    const t =
      "深化“315”科技创新体系建设,编制“十四五”规划,实施863计划,出台人才新政18条和科技体制改革30条,落实“优60条”,构建“2+5”人才体系,建设G60科创走廊和5G基站,对接中科院700所合作。";
    expect(extract(t)).toEqual([]);
  });

  it("skips page numbers, page-view counters and document titles", () => {
    const t = "科技局工作总结范文(精选6篇)\n发布时间:2024-02-01 浏览次数:2,316 点击量:88次\n- 4 -\n第5页 共9页";
    expect(extract(t)).toEqual([]);
  });

  it("skips thresholds that qualify a noun and counts glued to another number", () => {
    const t = "推动五亿元以上工业企业研发机构全覆盖,实现3个80%的目标,研发投入亿元以上企业达到14家。";
    const fs = extract(t);
    expect(fs.map((f) => f.text)).toEqual(["14"]);
  });

  it("skips Chinese numerals that count kinds of work rather than things", () => {
    const t = "深化三项制度改革,打好三场硬仗,推进二次创业,构建三位一体格局,办好十件实事。两位院士进站。";
    expect(extract(t).map((f) => f.text)).toEqual(["两"]);
  });

  it("skips a bare 万 with no unit", () => {
    const t = "兄弟县对新认定高企奖励10万。";
    expect(extract(t)).toEqual([]);
  });
});

describe("text as read", () => {
  it("counts offsets after the BOM", () => {
    const t = "\ufeff新增众创空间4家。";
    const f = extract(t)[0]!;
    expect(f.offset).toBe("新增众创空间".length);
    expect(t.slice(1).slice(f.offset, f.offset + f.text.length)).toBe("4");
  });

  it("decodes GBK bytes that are not valid UTF-8", () => {
    const sentence = "全年新增省级科技型中小企业218家,居全市第二。";
    const text = decodeReport(iconv.encode(sentence, "gbk"));
    expect(text).toBe(sentence);
    expect(extract(text).map((f) => f.text)).toEqual(["218", "二"]);
  });

  it("strips a UTF-8 BOM when decoding", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("增长8.1%", "utf8")]);
    expect(decodeReport(bytes)).toBe("增长8.1%");
  });

  it("survives hostile text: long lines, control characters, HTML, unbalanced quotes", () => {
    const hostile = [
      "新增高企12家同比增长15%居全市第一".repeat(5000),
      "\u0000\u0007\u001b[31m增长\u00011.5%\r",
      '<div style="width:100%"><p>新增<b>12</b>家</p><script>var a="第1名";</script>',
      "“".repeat(20000) + "第".repeat(20000) + "X".repeat(20000) + "一".repeat(20000),
      "1,".repeat(50000),
    ].join("\n");
    const fs = extract(hostile);
    expect(fs.length).toBeGreaterThan(10000);
    expect(fs.every((f) => hostile.slice(f.offset, f.offset + f.text.length) === f.text)).toBe(true);
  });

  it("does work proportional to the text: a report repeated k times gives k times the figures", () => {
    // A throughput sanity check without timing: no figure is lost or duplicated as the text grows,
    // and offsets shift by exactly one copy's length.
    const report = readFileSync(path.join(FIXTURES, "own", "001_county-summary.txt"), "utf8");
    const once = extract(report);
    const k = 40;
    const many = extract(Array(k).fill(report).join("\n"));
    expect(many.length).toBe(once.length * k);
    const step = report.length + 1;
    expect(many.slice(once.length * (k - 1)).map((f) => f.offset - step * (k - 1))).toEqual(once.map((f) => f.offset));
  });
});

describe("fixture reports", () => {
  // Reports written in the genre, with hand annotations: a regression check on whole documents.
  const sets = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory());
  for (const scenario of sets.map((d) => d.name).filter((d) => loadEvalDocs(path.join(FIXTURES, d)).length > 0)) {
    it(`finds the annotated figures of the ${scenario} reports (P and R ≥ 0.95 per set and per whole report)`, () => {
      const parts = [];
      for (const doc of loadEvalDocs(path.join(FIXTURES, scenario))) {
        const c = compareFigures(doc.gold, extract(doc.text));
        parts.push(c);
        // A short text of 3 figures cannot reach 0.95 with one known miss; whole reports must.
        if (doc.gold.length < 20) continue;
        expect({ doc: doc.name, p: c.overall.precision >= 0.95, r: c.overall.recall >= 0.95 }).toEqual({ doc: doc.name, p: true, r: true });
      }
      const all = mergeComparisons(parts).overall;
      expect({ set: scenario, p: all.precision >= 0.95, r: all.recall >= 0.95 }).toEqual({ set: scenario, p: true, r: true });
    });
  }
});

describe("extract command", () => {
  const report = "全年新增省级科技型中小企业218家,同比增长12.4%,居全市第二。";

  it("prints one JSON object per figure with --json", async () => {
    let out = "";
    const code = await extractCommand("r.txt", { json: true }, { stdout: (s) => (out += s), readFile: async () => Buffer.from(report) });
    expect(code).toBe(0);
    expect(out.endsWith("\n")).toBe(true);
    expect(out.trimEnd().split("\n").map((l) => JSON.parse(l).kind)).toEqual(["level", "growth", "rank"]);
  });

  it("prints a table naming the file and the figure count without --json", async () => {
    const out: string[] = [];
    await extractCommand("r.txt", { json: false }, { stdout: (s) => out.push(s), readFile: async () => Buffer.from(report) });
    expect(out.join("")).toMatch(/^r\.txt: 3 figure\(s\)\noffset +kind/);
    expect(out.join("")).toContain("tsme_count");
  });

  it("throws a SourceError naming an unreadable file", async () => {
    const failing = extractCommand("missing/report.txt", { json: true }, {
      stdout: () => {},
      readFile: async () => {
        throw new Error("ENOENT: no such file or directory");
      },
    });
    await expect(failing).rejects.toBeInstanceOf(SourceError);
    await expect(failing).rejects.toThrow(/missing\/report\.txt/);
  });
});
