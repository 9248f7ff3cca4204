-- Per indicator scores of the composite index (区域科技创新指数), per peer group, district and year,
-- from year-end (month 12) values of the indicators in ref.composite_index_indicators:
--   eis_score     European Innovation Scoreboard style: square-root for skewed indicators, then
--                 min-max to 0..1 within the peer group over all years, so years stay comparable;
--                 reversed for lower-is-better indicators; null when the group has no spread.
--   monitor_score 科技进步统计监测 style: min(100, 100 × value ÷ standard value) (standard ÷ value
--                 when lower is better), never below 0.
-- A missing year takes the district's previous reported year, else its next one (`imputation` says
-- which), so a late annual figure does not drop a district from the index.
with cfg as (
  select c.indicator_code, c.weight, c.standard_value, c.transform, i.higher_is_better
  from ref.composite_index_indicators c
  join ref.indicators i using (indicator_code)
),
obs as (
  select o.region_code, o.indicator_code, o.year, o.value
  from marts.observations o
  join cfg using (indicator_code)
  where o.month = 12 and o.value is not null
),
years as (select distinct year from obs),
regions as (select distinct region_code from obs),
grid as (
  select r.region_code, c.indicator_code, y.year
  from regions r cross join cfg c cross join years y
),
filled as (
  select g.region_code, g.indicator_code, g.year, o.value as raw_value,
    last_value(o.value ignore nulls) over (partition by g.region_code, g.indicator_code order by g.year
      rows between unbounded preceding and current row) as prev_value,
    first_value(o.value ignore nulls) over (partition by g.region_code, g.indicator_code order by g.year
      rows between current row and unbounded following) as next_value
  from grid g
  left join obs o using (region_code, indicator_code, year)
),
imputed as (
  select region_code, indicator_code, year, raw_value,
    coalesce(raw_value, prev_value, next_value) as value,
    case when raw_value is not null then 'reported' when prev_value is not null then 'previous_year'
         when next_value is not null then 'next_year' end as imputation
  from filled
),
members as (
  select distinct m.peer_group_id, m.region_code
  from staging.stg_peer_group_members m
  join regions using (region_code)
  where m.reason is null
),
transformed as (
  select m.peer_group_id, i.region_code, i.indicator_code, i.year, i.raw_value, i.value, i.imputation,
    c.weight, c.standard_value, c.transform, c.higher_is_better,
    -- greatest() skips nulls in DuckDB, so a missing value must be kept null explicitly.
    case when i.value is null then null when c.transform = 'sqrt' then sqrt(greatest(i.value, 0)) else i.value end as t
  from members m
  join imputed i using (region_code)
  join cfg c using (indicator_code)
),
bounds as (
  select *,
    min(t) over (partition by peer_group_id, indicator_code) as t_min,
    max(t) over (partition by peer_group_id, indicator_code) as t_max
  from transformed
)
select peer_group_id, region_code, indicator_code, year, weight, raw_value, value, imputation, transform,
  case when t is null or t_max <= t_min then null
       when higher_is_better then (t - t_min) / (t_max - t_min)
       else (t_max - t) / (t_max - t_min) end as eis_score,
  case when value is null then null
       when higher_is_better then greatest(0, least(100, 100 * value / standard_value))
       when value <= 0 then 100
       else greatest(0, least(100, 100 * standard_value / value)) end as monitor_score
from bounds
