-- incremental: region_code, indicator_code
-- 同比 against the same year-to-date window of the previous year: % growth and increment for stocks and
-- flows, the change in 百分点 for ratios (never a % growth of a ratio). Null when the base is 0 or missing.
-- yoy_pct is the official 同比: the one the source reports (computed by the bureau on a comparable
-- basis, 可比口径) when it reports one and its source is configured official_yoy (the default), else
-- ours. yoy_calc is always ours, recomputed from the two levels; yoy_origin says which yoy_pct is.
-- A ratio's 增减(百分点) works the same way: pp_change is the table's own where it reports one, pp_calc ours.
with ours as (
  select o.region_code, o.indicator_code, o.year, o.month, o.value, o.unit, i.kind,
    p.value as prev_value,
    -- Rounded at 10 decimals so analysts see 0.36, not 0.3599999999999999.
    case when i.kind <> 'ratio' and p.value > 0 then round(100 * (o.value / p.value - 1), 10) end as yoy_calc,
    case when i.kind <> 'ratio' then round(o.value - p.value, 10) end as increment,
    case when i.kind = 'ratio' then round(o.value - p.value, 10) end as pp_calc,
    o.reported_pp,
    i.kind = 'ratio' and o.reported_pp is not null and coalesce(s.official_yoy, true) as use_reported_pp,
    -- A ratio's reported "同比" would be a 百分点 change, not a % growth: it is kept but never used as one.
    o.reported_yoy,
    i.kind <> 'ratio' and o.reported_yoy is not null and coalesce(s.official_yoy, true) as use_reported
  from marts.observations o
  join (select indicator_code::weici_indicator as indicator_code, kind from ref.indicators) i using (indicator_code)
  left join ref.sources s on s.source_id = o.source_id
  -- Last year's value moved onto this year: a plain equality join on four columns.
  left join (select region_code, indicator_code, year + 1 as year, month, value from marts.observations) p
    using (region_code, indicator_code, year, month)
)
select region_code, indicator_code, year, month, value, unit, kind, prev_value,
  case when use_reported then reported_yoy else yoy_calc end as yoy_pct,
  increment, case when use_reported_pp then reported_pp else pp_calc end as pp_change, reported_yoy, yoy_calc,
  case when use_reported then 'reported' when yoy_calc is not null then 'computed' end as yoy_origin,
  reported_pp, pp_calc
from ours
