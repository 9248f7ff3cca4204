-- Targets with completion, time progress (时序进度) and status. Growth targets: gap_pp is the gap in 百分点
-- and completion_pct the level equivalent; stock targets: completion of the planned increase over
-- base_value (last year end). completion_basis and progress_method say how each was computed.
select region_code, indicator_code, year, month, target_kind, target_value, actual, completion_pct, time_progress_pct, status, gap_pp, reached, origin,
  completion_basis, progress_method, base_value
from marts.target_progress
