-- One current value per region, indicator and period.
-- guards: source
-- The models keep one row per key (newest load, then first sheet and row); a source that still gets a
-- key in twice has every row but that one quarantined with this check's name, and the rest publishes.
select region_code, indicator_code, year, month, value, source_id, file, sheet, row_number, column_letter, load_id
from (
  select *,
    count(*) over (partition by region_code, indicator_code, year, month) as n,
    row_number() over (partition by region_code, indicator_code, year, month order by load_id desc, sheet nulls first, row_number, column_letter nulls first) as k
  from marts.observations
)
where n > 1 and k > 1
