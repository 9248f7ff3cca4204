// Chooses what a district page leads with. The warehouse drafts every statement that qualifies (a
// strong district easily has 60), but a bureau's report names a handful of 亮点 and 短板: first
// places and 末位 before third places, 全省 before 全市, missed targets before small rank moves, the
// main indicators before the rest. The rest stays one click away.
import type { MergedStatement } from "./statement-merge.ts";
import type { StatementRow } from "./model.ts";

const GROUP_WEIGHT: Record<string, number> = { province: 1, city: 0.95, custom: 0.85 };
const PLACE_SCORE = [100, 85, 75];
const BOTTOM_SCORE: Record<string, number> = { 末位: 100, 倒数第二: 85, 倒数第三: 75 };

function rowScore(r: StatementRow): number {
  const event = r.event ?? "";
  if (r.basis === "target") {
    if (event === "target_met" || event === "target_missed") return 90;
    // Reached before December (已提前完成) is the news a bureau leads with.
    if (event === "target_on_track" && r.text.includes("提前")) return 88;
    return 70;
  }
  const weight = GROUP_WEIGHT[r.peer_group_id?.split(":")[0] ?? ""] ?? 0.85;
  const moved = Math.min(Math.abs(r.rank_change ?? 0), 8);
  let base = 40;
  if (event === "top") base = PLACE_SCORE[(r.rank ?? 4) - 1] ?? 60;
  else if (event === "bottom") base = BOTTOM_SCORE[r.rank_note ?? ""] ?? 60;
  else if (event === "gain" || event === "loss") base = 45 + 3 * moved;
  return base * weight;
}

/** How much a statement deserves a place among the first few: its best group, then breadth and topic. */
export function statementScore(s: MergedStatement, mainIndicators: ReadonlySet<string>): number {
  const best = Math.max(...s.rows.map(rowScore));
  const breadth = 2 * (new Set(s.rows.map((r) => r.peer_group_id)).size - 1);
  return best + breadth + (mainIndicators.has(s.indicatorCode) ? 12 : 0) + (s.basis === "value" ? 4 : 0);
}

/** Whether the level statement's lead already carries the growth phrase (同比增长12.3% / 提高0.36个百分点) and the growth ranks among the first or last. */
function sharedGrowth(level: MergedStatement, growth: MergedStatement): boolean {
  const levelLead = level.rows[0]?.lead;
  const growthLead = growth.rows[0]?.lead;
  if (!levelLead || !growthLead) return false;
  // A growth rank that is news only as a move (前进34位 to 第31位) would bury the level's first place.
  if (!growth.rows.some((r) => r.event === "top" || r.event === "bottom")) return false;
  if (growth.basis === "pp_change") return levelLead === growthLead;
  const at = growthLead.indexOf("同比");
  return at > 0 && levelLead.endsWith(growthLead.slice(at));
}

/**
 * Joins a figure's level and growth statements of the same kind into the sentence bureaus write:
 * "高新技术企业数达1,096家，同比增长12.3%，总量居全市第一，增速居全省第三". Both must rank (not
 * targets) and share the growth phrase, so no number is dropped or repeated; the growth must be a
 * top or bottom place, not only a rank move.
 */
export function combineLevelAndGrowth(statements: MergedStatement[]): MergedStatement[] {
  const growthOf = new Map<string, MergedStatement>();
  for (const s of statements) if (s.basis === "yoy" || s.basis === "pp_change") growthOf.set(`${s.kind}|${s.indicatorCode}`, s);
  const absorbed = new Set<MergedStatement>();
  const out: MergedStatement[] = [];
  for (const s of statements) {
    const growth = s.basis === "value" ? growthOf.get(`${s.kind}|${s.indicatorCode}`) : undefined;
    if (!growth || !sharedGrowth(s, growth)) {
      out.push(s);
      continue;
    }
    const levelRest = s.text.slice(s.rows[0]!.lead!.length + 1);
    const growthRest = growth.text.slice(growth.rows[0]!.lead!.length + 1);
    const total = growth.basis === "yoy" ? "总量" : "";
    out.push({ ...s, text: `${s.rows[0]!.lead}，${total}${levelRest}，${growthRest}`, rows: [...s.rows, ...growth.rows] });
    absorbed.add(growth);
  }
  return out.filter((s) => !absorbed.has(s));
}

/** The `limit` most important statements first (best first; ties keep the given order), then the rest in the given order. */
export function prioritise(
  statements: MergedStatement[],
  mainIndicators: ReadonlySet<string>,
  limit: number,
): { lead: MergedStatement[]; rest: MergedStatement[] } {
  const scored = statements.map((s, i) => ({ s, i, score: statementScore(s, mainIndicators) }));
  const chosen = [...scored].sort((a, b) => b.score - a.score || a.i - b.i).slice(0, limit);
  const picked = new Set(chosen.map((c) => c.s));
  return { lead: chosen.map((c) => c.s), rest: statements.filter((s) => !picked.has(s)) };
}
