-- incremental: region_code, indicator_code
-- Each target against every month of its year that has data. Levels and ratios compare the value,
-- growth targets the 同比. 时序进度 applies to year-to-date flows (month/12); stocks and ratios are
-- judged against the target directly. met/missed are final only at month 12; before that a target is
-- on_track or behind (`reached` tells a target already reached early).
-- Targets from target files win over targets stated in published reports.
with all_targets as (
  select region_code, indicator_code, year, target_kind, target_value, 1 as priority, load_id, row_number as pos, 'file' as origin
  from staging.stg_targets where reason is null
  union all
  select region_code, indicator_code, year, target_kind, target_value, 2, load_id, "offset", 'report'
  from staging.stg_report_targets
),
t as (
  -- Codes as growth has them (ENUMs): the join compares integers. A region outside ref.regions has no growth anyway.
  select * replace (try_cast(region_code as weici_region) as region_code, try_cast(indicator_code as weici_indicator) as indicator_code)
  from all_targets
  qualify row_number() over (partition by region_code, indicator_code, year, target_kind order by priority, load_id desc, pos desc) = 1
),
joined as (
  select t.region_code, t.indicator_code, t.year, g.month, t.target_kind, t.target_value, t.origin, i.kind as indicator_kind,
    i.higher_is_better,
    case when t.target_kind = 'growth' then g.yoy_pct else g.value end as actual
  from t
  join ref.indicators i using (indicator_code)
  join marts.growth g on g.region_code = t.region_code and g.indicator_code = t.indicator_code and g.year = t.year
),
scored as (
  select *,
    case when target_value <> 0 then 100 * actual / target_value end as completion_pct,
    case when target_kind = 'level' and indicator_kind = 'flow' then 100.0 * month / 12 end as time_progress_pct,
    case when target_kind in ('ratio', 'growth') then actual - target_value end as gap_pp,
    case when higher_is_better then actual >= target_value else actual <= target_value end as reached
  from joined
)
select region_code, indicator_code, year, month, target_kind, target_value, origin, actual, completion_pct, time_progress_pct, gap_pp,
  coalesce(reached, false) as reached,
  case
    when month = 12 then case when reached then 'met' else 'missed' end
    when time_progress_pct is not null then case when reached or completion_pct >= time_progress_pct then 'on_track' else 'behind' end
    else case when reached then 'on_track' else 'behind' end
  end as status
from scored
