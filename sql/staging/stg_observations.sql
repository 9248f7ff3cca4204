-- Usable submission rows and their standing: a repeat of a key inside one file is a duplicate (kept
-- first row wins, the others are quarantined); across files the newest load wins (a revision or
-- correction). Hash aggregates instead of window sorts: keys are nearly always unique.
-- Superseded versions (superseded_at set) are never current; marts.observations_history reads them.
with good as (
  select s.*, l.loaded_at
  from staging.stg_submissions s
  join meta.loads l using (load_id)
  where s.reason is null
),
firsts as (
  select load_id, region_code, indicator_code, year, month, min(row_number) as first_row
  from good group by all
),
latest as (
  select region_code, indicator_code, year, month, max(load_id) filter (where superseded_at is null) as latest_load
  from good group by all
)
select g.*, f.first_row,
  g.row_number <> f.first_row as is_duplicate,
  g.superseded_at is null and g.row_number = f.first_row and g.load_id = l.latest_load as is_current
from good g
join firsts f on f.load_id = g.load_id and f.region_code = g.region_code and f.indicator_code = g.indicator_code
  and f.year = g.year and f.month = g.month
join latest l on l.region_code = g.region_code and l.indicator_code = g.indicator_code and l.year = g.year and l.month = g.month
