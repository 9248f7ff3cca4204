// Completion statements: a percentage that says how much of a goal was achieved. Bureaus write it many
// ways: 完成年度目标的103.9%, 完成年度目标任务215%, 完成省定目标135%, 完成市对县目标考核任务260%,
// 提前超额完成“十四五”目标任务134%, 完成率 99%, 任务完成率达100%. 超额完成17% states the excess over the
// goal; its value is kept as written (17), and `excess` tells the caller so.

// A goal noun after 完成, possibly qualified (年度, 省定, 市对县, “十四五”, 规划, 考核): the percentage that follows is of it.
const GOAL_AFTER_DONE = /完成[^,;。:]{0,20}?(?:目标|任务|计划|指标)(?:任务|考核任务|值)?(?:的)?$/;
const OF_SOMETHING = /完成[^,;。:]{0,20}的$/;
const RATE = /完成(?:率|比例|进度)(?:为|达到?|是|达)?$/;
// "引进高层次人才34人,完成113.3%": 完成 directly before a percentage.
const BARE_DONE = /(?:^|[^未])完成(?:了)?$/;
const EXCESS = /超额完成(?:[^,;。:]{0,20}?(?:目标|任务|计划|指标)(?:任务)?)?$/;

export interface CompletionCue {
  /** "超额完成17%": the figure is the excess over the goal, not the share of it. */
  excess: boolean;
}

/** Whether the clause text right before a percentage makes it a completion rate. */
export function completionCue(gap: string): CompletionCue | undefined {
  const g = gap.replace(/\s+$/, "");
  // The excess reading wins only when 超额 immediately governs the number; "提前超额完成…目标任务134%" states
  // a completion rate (the goal noun comes after 完成), which is how bureaus write it with a goal named.
  if (/超额完成$/.test(g)) return { excess: true };
  if (GOAL_AFTER_DONE.test(g) || OF_SOMETHING.test(g) || RATE.test(g)) return { excess: false };
  if (EXCESS.test(g)) return { excess: true };
  if (BARE_DONE.test(g)) return { excess: false };
  return undefined;
}
