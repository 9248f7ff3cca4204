-- One current value per region, indicator and period.
-- guards: source
-- The models keep one row per key (newest load, then first sheet and row); a source that still gets a
-- key in twice has every row but that one quarantined with this check's name, and the rest publishes.
with repeated as (
  -- Keys first (one hash aggregate): numbering every one of 9 M rows to find none took 4.6 s nightly.
  select region_code, indicator_code, year, month from marts.observations group by all having count(*) > 1
)
select region_code, indicator_code, year, month, value, source_id, file, sheet, row_number, column_letter, load_id
from (
  select *,
    row_number() over (partition by region_code, indicator_code, year, month order by load_id desc, sheet nulls first, row_number, column_letter nulls first) as k
  from marts.observations
  semi join repeated using (region_code, indicator_code, year, month)
)
where k > 1
