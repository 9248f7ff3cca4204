-- Every file load: when, how many rows, and whether it loaded or failed (data freshness per source).
select load_id, run_id, source_id, file, loaded_at, rows, status, error from meta.loads
