-- incremental: region_code, indicator_code
-- Each target against every month of its year that has data (domain.md "Targets"). met/missed are final
-- only at month 12; before that a target is on_track or behind (`reached`: a level or ratio target
-- already reached early). Every comparison is made at the precision the figures are shown at, so a
-- status and its sentence agree (never "增长3.0%" behind a target of "增长3.0%").
--   level, flow:  completion = actual ÷ target, against 时序进度: linear (month ÷ 12) or, for indicators
--                 certified in batches (catalog progress = last_year), last year's share of its total
--                 reached by the same month (按去年同期进度).
--   level, stock: a count to reach by year end is judged on the net increase since last year end
--                 against the planned increase (target − last year end), against 时序进度 likewise.
--   growth:       the official 同比 against the target rate, gap in 百分点; completion_pct is the level
--                 equivalent, actual ÷ (last year × (1 + target)), never 同比 ÷ target.
--   ratio:        the value against the target, gap in 百分点 (or the ratio's unit).
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
    i.higher_is_better, i.unit, coalesce(i.progress, 'linear') as progress_method, i.yoy_decimals, i.value_decimals,
    case when t.target_kind = 'growth' then g.yoy_pct else g.value end as actual,
    g.value, g.prev_value,
    ly.value as last_year_same_month, lye.value as last_year_end
  from t
  join ref.indicators i using (indicator_code)
  join marts.growth g on g.region_code = t.region_code and g.indicator_code = t.indicator_code and g.year = t.year
  left join marts.growth ly on ly.region_code = t.region_code and ly.indicator_code = t.indicator_code and ly.year = t.year - 1
    and ly.month = g.month
  left join marts.growth lye on lye.region_code = t.region_code and lye.indicator_code = t.indicator_code and lye.year = t.year - 1
    and lye.month = 12
),
measured as (
  select *,
    case
      when target_kind = 'level' and indicator_kind = 'stock' and last_year_end is not null and target_value > last_year_end
        then 'net_increase'
      when target_kind = 'growth' then 'level_equivalent'
      -- A ratio's 完成率 is its value over the target too; its gap in 百分点 is gap_pp.
      when target_kind in ('level', 'ratio') then 'level'
    end as completion_basis,
    -- Figures as shown: the 同比 at its published decimals, levels and ratios at their display precision.
    case when target_kind = 'growth' then round(actual, coalesce(yoy_decimals, 1))
         else published(actual, unit, value_decimals) end as actual_shown,
    case when target_kind = 'growth' then round(target_value, coalesce(yoy_decimals, 1))
         else published(target_value, unit, value_decimals) end as target_shown
  from joined
),
scored as (
  select *,
    case completion_basis
      when 'net_increase' then 100 * (value - last_year_end) / (target_value - last_year_end)
      when 'level_equivalent' then case when prev_value > 0 and target_value > -100 then 100 * value / (prev_value * (1 + target_value / 100)) end
      when 'level' then case when target_value <> 0 then 100 * actual / target_value end
    end as completion_pct,
    case when target_kind = 'level' and (indicator_kind = 'flow' or completion_basis = 'net_increase') then
      case when progress_method = 'last_year' and indicator_kind = 'flow' and last_year_end > 0 and last_year_same_month is not null
             then least(100, 100 * last_year_same_month / last_year_end)
           when progress_method = 'last_year' and completion_basis = 'net_increase' and last_year_same_month is not null
             and lye_base.before_last_year_end is not null and last_year_end > lye_base.before_last_year_end
             then greatest(0, least(100, 100 * (last_year_same_month - lye_base.before_last_year_end) / (last_year_end - lye_base.before_last_year_end)))
           else 100.0 * month / 12 end
    end as time_progress_pct,
    case when target_kind in ('ratio', 'growth') then actual - target_value end as gap_pp,
    case when higher_is_better then actual_shown >= target_shown else actual_shown <= target_shown end as reached_shown
  from measured
  -- A stock's planned increase under 按去年同期进度 needs the year end before last year too.
  left join (select region_code, indicator_code, year + 2 as year, value as before_last_year_end from marts.growth where month = 12) lye_base
    using (region_code, indicator_code, year)
)
select region_code, indicator_code, year, month, target_kind, target_value, origin, actual, completion_pct, time_progress_pct, gap_pp,
  -- A 同比 so far is not a growth reached: only the year's figure can reach a growth target.
  coalesce(reached_shown and (target_kind <> 'growth' or month = 12), false) as reached,
  case
    when month = 12 then case when reached_shown then 'met' else 'missed' end
    when target_kind = 'growth' then case when reached_shown then 'on_track' else 'behind' end
    when time_progress_pct is not null then
      case when reached_shown or round(completion_pct, 1) >= round(time_progress_pct, 1) then 'on_track' else 'behind' end
    else case when reached_shown then 'on_track' else 'behind' end
  end as status,
  completion_basis, progress_method, case when completion_basis = 'net_increase' then last_year_end end as base_value
from scored
