// Rank moves: 较上年前进5位, 排名上升16位, 提升三位, 比上年后退2位. A move is a figure in 位 whose sign says
// the direction (up is positive, as 进位 = rank_prev - rank_now); it is not a rank and not a head count
// (院士3位).
const UP = /(?:前进|上升|提升|提高|晋升|前移|进位|跃升|攀升|上移|上升了|前进了|提升了)$/;
const DOWN = /(?:后退|下降|下滑|回落|退位|后移|下移|后退了|下降了)$/;

/** +1 for a move up, -1 for a move down, undefined when the words before a 位/名 figure are no move. */
export function rankMove(gap: string): 1 | -1 | undefined {
  const g = gap.replace(/\s+$/, "");
  if (UP.test(g)) return 1;
  if (DOWN.test(g)) return -1;
  return undefined;
}
