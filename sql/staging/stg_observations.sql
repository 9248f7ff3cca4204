-- Usable submission rows with their place among rows of the same key: a repeat of a key inside one
-- file is a duplicate (quarantined); across files the newest load wins (a revision or correction).
with good as (
  select s.*, l.loaded_at,
    row_number() over (partition by s.load_id, s.region_code, s.indicator_code, s.year, s.month order by s.sheet, s.row_number) as n_in_file,
    first_value(s.row_number) over (partition by s.load_id, s.region_code, s.indicator_code, s.year, s.month order by s.sheet, s.row_number) as first_row
  from staging.stg_submissions s
  join meta.loads l using (load_id)
  where s.reason is null
)
select *,
  n_in_file = 1 and row_number() over (
    partition by region_code, indicator_code, year, month
    order by (n_in_file = 1) desc, load_id desc, file desc
  ) = 1 as is_current
from good
