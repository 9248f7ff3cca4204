import { describe, expect, it } from "vitest";
import { type ClaimRow, explainClaim, renderClaimsPage } from "../reports/pages/claims-page.ts";

const base: ClaimRow = {
  region_code: "330102", year: 2025, month: 12, indicator_code: "hte_count", indicator: "高新技术企业总量", scope: "全市",
  peer_group_id: "city:330100", basis: "value", claimed_rank: 3, offset: 122, text: "三", file: "r.txt", publisher: "上城区科学技术局",
  verdict: "contradicted", reason_code: "rank_differs", our_rank: 4, our_value: 440, peer_count: 5,
};

describe("claims page", () => {
  it("explains a contradicted claim with our rank, peer count and value", () => {
    expect(explainClaim(base, "家")).toBe("我们的位次为第四（共5个地区），总量为440家");
    expect(explainClaim({ ...base, basis: "yoy", our_value: 10.04 }, "家")).toBe("我们的位次为第四（共5个地区），增速为10.0%");
  });
  it("says why a claim cannot be verified", () => {
    expect(explainClaim({ ...base, verdict: "unverifiable", reason_code: "peer_group_unknown", scope: "长三角" }, "家")).toBe("排名范围“长三角”不是已知的比较组");
    expect(explainClaim({ ...base, verdict: "unverifiable", reason_code: "period_not_loaded" }, "家")).toBe("2025年12月的该项排名尚无数据");
  });
  it("counts verdicts and groups claims under each district's anchor", () => {
    const html = renderClaimsPage({
      claims: [base, { ...base, offset: 64, verdict: "confirmed", reason_code: null, our_rank: 3 }],
      regionNames: new Map([["330102", "上城区"]]),
      indicatorNames: new Map([["hte_count", { name: "高新技术企业数", unit: "家" }]]),
      generatedAt: new Date("2026-07-15T02:00:00Z"),
    });
    expect(html).toContain("共2条：证实1条，不符1条，无法核验0条");
    expect(html).toContain('<section id="r330102">');
    expect(html.match(/<tr class="verdict-/g)).toHaveLength(2);
  });
  it("escapes report text and publisher names", () => {
    const html = renderClaimsPage({
      claims: [{ ...base, publisher: "<script>alert(1)</script>", indicator_code: null, indicator: "a&b\"" }],
      regionNames: new Map(), indicatorNames: new Map(), generatedAt: new Date(0),
    });
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("a&amp;b&quot;");
  });
});
