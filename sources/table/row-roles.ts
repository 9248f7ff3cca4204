// What a row of a table is, from its first cell (the region column) and its shape: a district, the
// table's total (全市, 合计, 全省, 总计), a 其中 sub-row or a group's 小计, a note (注：), a sign-off (填报人/审核人), a
// caption or group heading, a blank line, or the header printed again for a second page. Only districts
// and totals load.

export type RowRole = "district" | "total" | "sub" | "note" | "signoff" | "caption" | "blank" | "header";

const TOTAL = /^(全市|全省|合计|总计|全区|全县|市合计|全市合计|全省合计|总计数|汇总)$/;
const NOTE = /^(注|备注|说明|附注|资料来源|数据来源)\s*\d*\s*[:：.、]?|^\*/;
const SIGNOFF = /填报人|审核人|负责人|制表人|填报日期|报出日期|联系电话|统计负责人|单位负责人/;

const clean = (s: string) => s.normalize("NFKC").replace(/[\s\u3000]+/g, "");

/** The role a region cell gives its row (other cells are looked at only for blank and repeated headers). */
export function rowRole(regionCell: string | null, cells: readonly (string | null)[], headerTexts: ReadonlySet<string>): RowRole {
  // A CSV gives "" where a workbook gives no cell: both are empty.
  const filled = cells.filter((c): c is string => c !== null && c.trim() !== "");
  if (filled.length === 0) return "blank";
  const first = filled[0]!;
  if (NOTE.test(clean(first))) return "note";
  if (filled.some((c) => SIGNOFF.test(c))) return "signoff";
  const key = filled.map(clean).join("|");
  if (headerTexts.has(key)) return "header";
  if (regionCell === null) return new Set(filled).size === 1 ? "caption" : "blank";
  const r = clean(regionCell);
  if (/^其中/.test(r)) return "sub";
  if (TOTAL.test(r.replace(/[(（].*[)）]$/, ""))) return "total";
  // A group's subtotal (城区小计, 县（市）合计): a sum over some districts, neither a district nor the table's total.
  if (/^小计|(小计|合计)$/.test(r)) return "sub";
  if (new Set(filled).size === 1 && filled.length > 2) return "caption";
  // Only its first cell filled and no region named there: the title printed again above a second page
  // (a CSV keeps no merge to show it is one), or a group heading such as 城区 / 县（市）/ A类地区.
  if (filled.length === 1 && !looksLikeRegion(regionCell)) return "caption";
  return "district";
}

/** A text that names a district, county or county-level city (or gives its 6-digit code). */
export function looksLikeRegion(s: string | null): boolean {
  if (!s) return false;
  const t = clean(s);
  if (/^\d{6}$/.test(t)) return true;
  return /^[\u4e00-\u9fa5]{1,8}(区|县|市|旗|新区|开发区)$/.test(t) && !/^(全市|全省|全区|全县|地区|县市区|各区县市|县\(市、区\)|城区|主城区|市区|郊区|山区|县市)$/.test(t);
}

export const isTotal = (s: string | null) => s !== null && TOTAL.test(clean(s).replace(/[(（].*[)）]$/, ""));
export const rowKey = (cells: readonly (string | null)[]) => cells.filter((c): c is string => c !== null && c.trim() !== "").map(clean).join("|");
