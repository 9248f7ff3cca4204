-- The run log: one row per run (times in UTC). build = 'built' or 'unchanged' (no input changed, so
-- models, checks and pages were skipped); outcome = ok, partial, failed, interrupted or running.
select run_id, started_at, finished_at, outcome, rows_loaded, rows_quarantined, models_built, checks_passed, pages_written, message,
  files_loaded, files_unchanged, files_failed, build,
  round(datediff('millisecond', started_at, finished_at) / 1000.0, 1) as duration_s
from meta.runs
