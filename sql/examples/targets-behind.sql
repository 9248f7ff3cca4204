-- targets behind time progress (时序进度) this year
select region_code, indicator_code, month, round(completion_pct, 1) as 完成率, time_progress_pct as 时序进度
from analyst.targets where status = 'behind' and year = 2026
