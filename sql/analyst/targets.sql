-- Targets with completion, time progress (时序进度) and status.
select region_code, indicator_code, year, month, target_kind, target_value, actual, completion_pct, time_progress_pct, status, gap_pp, reached, origin
from marts.target_progress
