-- The run log: one row per run.
select run_id, started_at, finished_at, outcome, rows_loaded, rows_quarantined, models_built, checks_passed, pages_written, message
from meta.runs
