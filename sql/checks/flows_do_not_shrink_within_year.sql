-- Year-to-date flows never fall from one month to the next within a year (a sign of a monthly, not cumulative, figure).
-- severity: warn
with f as (
  select o.*, lag(o.value) over (partition by o.region_code, o.indicator_code, o.year order by o.month) as prev_month_value
  from marts.observations o join ref.indicators i using (indicator_code)
  where i.kind = 'flow' and i.frequency = 'monthly'
)
select region_code, indicator_code, year, month, prev_month_value, value, file, row_number
from f where value < prev_month_value - 1e-9
