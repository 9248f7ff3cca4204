-- incremental: region_code, indicator_code
-- 同比 against the same year-to-date window of the previous year: % growth and increment for stocks and
-- flows, the change in 百分点 for ratios (never a % growth of a ratio). Null when the base is 0 or missing.
select o.region_code, o.indicator_code, o.year, o.month, o.value, o.unit, i.kind,
  p.value as prev_value,
  -- Rounded at 10 decimals so analysts see 0.36, not 0.3599999999999999.
  case when i.kind <> 'ratio' and p.value > 0 then round(100 * (o.value / p.value - 1), 10) end as yoy_pct,
  case when i.kind <> 'ratio' then round(o.value - p.value, 10) end as increment,
  case when i.kind = 'ratio' then round(o.value - p.value, 10) end as pp_change,
  o.reported_yoy
from marts.observations o
join (select indicator_code::weici_indicator as indicator_code, kind from ref.indicators) i using (indicator_code)
-- Last year's value moved onto this year: a plain equality join on four columns.
left join (select region_code, indicator_code, year + 1 as year, month, value from marts.observations) p
  using (region_code, indicator_code, year, month)
