// The CSV download of a ranking page: exactly the table on the page (same columns, same rows, same
// cell text), so what an analyst pastes into a report matches what a leader saw.
import { toCsv } from "../csv.ts";
import type { RankingTable } from "../ranking-table.ts";
import { rankingTableCells } from "./ranking-page.ts";

export function renderRankingCsv(input: { table: RankingTable }): string {
  const { head, rows } = rankingTableCells(input.table);
  return toCsv(head, rows);
}
