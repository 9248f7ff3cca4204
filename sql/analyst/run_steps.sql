-- How long each step of each run took, what it did and the error that stopped it (times in UTC).
select run_id, step, started_at, round(ms) as ms, detail, error from meta.run_steps
