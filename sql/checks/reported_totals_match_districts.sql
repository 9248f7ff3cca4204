-- A table's own total (全市, 合计) equals the sum of its districts, for flows and counts (a ratio's total
-- is no sum). A difference means a district row is missing, misread or quarantined, or the total covers
-- units the table does not list (市本级, 开发区): look at the file's rows with `weici inspect`.
-- severity: warn
with districts as (
  select load_id, sheet, indicator_code::varchar as indicator_code, year, month, sum(value) as district_sum, count(*) as districts
  from staging.stg_submissions
  -- Only the loads that report a total: summing every figure of the national data to compare none took 1.2 s.
  where reason is null and superseded_at is null and load_id in (select load_id from staging.stg_reported_totals)
  group by all
)
select t.file, t.sheet, t.row_number, t.column_letter, t.label, t.indicator_code, t.year, t.month,
  t.value as reported_total, round(d.district_sum, 4) as district_sum, d.districts
from staging.stg_reported_totals t
join districts d on d.load_id = t.load_id and d.sheet is not distinct from t.sheet and d.indicator_code = t.indicator_code
  and d.year = t.year and d.month = t.month
where (t.kind = 'flow' or t.family = 'count') and t.value is not null
  -- Each district's figure is rounded as published: allow half a unit of the last digit per district.
  and abs(t.value - d.district_sum) > greatest(0.001 * abs(t.value), 0.005 * d.districts)
