-- the last ten runs: outcome, rows loaded and how long each took
select run_id, started_at, outcome, build, rows_loaded, rows_quarantined, duration_s
from analyst.runs order by run_id desc limit 10
