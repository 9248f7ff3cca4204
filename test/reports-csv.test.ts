// The CSV download of a ranking page: what Excel needs (BOM, CRLF, quoting), no formula injection, and
// exactly the rows and cells of the HTML table.
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { neutraliseCell, toCsv } from "../reports/csv.ts";
import type { GrowthRow } from "../reports/model.ts";
import { renderRankingCsv } from "../reports/pages/ranking-csv.ts";
import { renderRankingPage } from "../reports/pages/ranking-page.ts";
import { buildRankingTable, membersOf } from "../reports/ranking-table.ts";
import * as fx from "./fixtures/reports-hangzhou/rows.ts";
import { parseCsv } from "./helpers/csv.ts";

function hangzhouTable(regionName?: string) {
  const regions = fx.regions.map((r) => (r.region_code === "330102" && regionName ? { ...r, name: regionName } : r));
  const period = { year: 2026, month: 10, annual: false };
  const inPeriod = (r: { indicator_code: string; year: number; month: number }) => r.indicator_code === "hte_count" && r.year === 2026 && r.month === 10;
  const peerGroup = fx.peerGroups.find((g) => g.peer_group_id === "city:330100")!;
  return buildRankingTable({
    indicator: fx.indicators[0]!,
    peerGroup,
    period,
    rankings: fx.rankings.filter((r) => r.peer_group_id === "city:330100" && inPeriod(r)),
    growth: new Map<string, GrowthRow>(fx.growth.filter(inPeriod).map((g) => [g.region_code, g])),
    regions: new Map(regions.map((r) => [r.region_code, r])),
    members: membersOf(peerGroup, regions),
  });
}

describe("CSV download", () => {
  it("starts with a UTF-8 byte order mark and ends lines with CRLF so Excel reads Chinese", () => {
    const csv = toCsv(["地区", "数值"], [["上城区", "820"]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe("地区,数值\r\n上城区,820\r\n");
  });

  it("quotes cells with commas, quotes and line breaks", () => {
    expect(toCsv(["a"], [["1,096"], ['说"明'], ["两\n行"]]).slice(1)).toBe('a\r\n"1,096"\r\n"说""明"\r\n"两\n行"\r\n');
  });

  it("neutralises cells Excel would run as formulas", () => {
    expect(neutraliseCell("=HYPERLINK(\"http://x\",\"点击\")")).toBe("'=HYPERLINK(\"http://x\",\"点击\")");
    expect(neutraliseCell("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(neutraliseCell("-2+3")).toBe("'-2+3");
    expect(neutraliseCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutraliseCell("\t=1")).toBe("'\t=1");
  });

  it("keeps plain signed figures as numbers", () => {
    expect(["-3", "+12", "-1,096", "+0.36", "-4.5%"].map(neutraliseCell)).toEqual(["-3", "+12", "-1,096", "+0.36", "-4.5%"]);
  });

  it("holds the table of the page (same header, rows and cell texts), then the figures at full precision", () => {
    const table = hangzhouTable();
    const doc = parseHTML(renderRankingPage({ table })).document;
    const html = [
      [...doc.querySelectorAll("table.ranking thead th")].map((th) => th.textContent ?? ""),
      ...[...doc.querySelectorAll("table.ranking tbody tr")].map((tr) => [...tr.children].map((c) => c.textContent ?? "")),
    ];
    const csv = parseCsv(renderRankingCsv({ table }).slice(1));
    const width = html[0]!.length;
    expect(csv.map((row) => row.slice(0, width))).toEqual(html);
    expect(html.length).toBe(7);
    expect(csv[0]!.slice(width)).toEqual(["数值（全精度）", "同比（全精度，%）", "重算同比（全精度，%）", "增量（全精度）"]);
    // Each row's unrounded figures are the ones behind its shown cells.
    for (const [i, row] of table.rows.filter((r) => r.value != null).entries()) {
      expect(Number(csv[i + 1]![width])).toBe(row.value);
      expect(csv[i + 1]![width + 1]).toBe(row.yoyPct == null ? "" : String(row.yoyPct));
    }
  });

  it("neutralises a region name that is a formula in the table's CSV", () => {
    const csv = renderRankingCsv({ table: hangzhouTable("=1+1") });
    expect(parseCsv(csv.slice(1)).some((row) => row[1] === "'=1+1")).toBe(true);
    expect(csv).not.toMatch(/(^|,)=1\+1/m);
  });
});
