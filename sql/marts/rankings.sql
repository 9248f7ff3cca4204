-- incremental: indicator_code
-- Ranks within each peer group by value, by 同比 (stocks and flows), by increment (stocks and flows)
-- and by 百分点 change (ratios). Competition ranking: ties share a rank and the next is skipped
-- (1, 2, 2, 4). Figures are ranked as published (domain.md "Ranks"): each basis at the precision it is
-- shown at (config/indicators.json precision, else the display rule of macro display_decimals for levels
-- and increments, 1 decimal for 同比, 2 for 百分点), so two 同比 that both read 7.6% are 并列 and the
-- rank and the shown figure never disagree. 同比 is the official one (marts.growth.yoy_pct). Direction
-- comes from the catalog. rank_change = last year's rank − this rank for the same month (进位 positive).
-- comparable is false for a group with fewer than three ranked members or where every member shows the
-- same figure (often all 0 early in the year): such a rank is not news and is not published as one.
--
-- Periods ranked: every month of the run's year and the two years before (this year's 1-N月 figures,
-- and the same months of two earlier years that ranking pages show), and the year end (全年, month 12)
-- of every year. Earlier months are not ranked: at national scale (2,850 units, 40 indicators, ten
-- years) they were two thirds of 48 M rows that nobody reads. The year before the first ranked one is
-- ranked too, but only to give the first year its rank_change.
--
-- Every key the windows partition and sort by is an integer: peer groups are numbered here, the codes
-- are ENUMs (pipelines/model-types.ts). Sorting 20 M rows by text keys was five times slower.
with first_year as (
  select run_year - 2 as y from ref.run_context
),
indicators as (
  select indicator_code::weici_indicator as indicator_code, higher_is_better, unit, value_decimals, yoy_decimals, increment_decimals,
    pp_decimals
  from ref.indicators
),
groups as (
  select peer_group_id::weici_peer_group as peer_group_id, any_value(peer_group_name)::weici_peer_group_name as peer_group_name,
    (row_number() over (order by peer_group_id))::integer as grp
  from staging.stg_peer_group_members
  where reason is null
  group by peer_group_id
),
members as (
  select distinct g.grp, m.region_code::weici_region as region_code
  from staging.stg_peer_group_members m
  join groups g on g.peer_group_id = m.peer_group_id
  where m.reason is null
),
basis_values as (
  select region_code, indicator_code, year, month, 'value' as basis, value as v from marts.growth
  union all
  select region_code, indicator_code, year, month, 'yoy', yoy_pct from marts.growth where yoy_pct is not null
  union all
  select region_code, indicator_code, year, month, 'increment', increment from marts.growth where kind <> 'ratio' and increment is not null
  union all
  select region_code, indicator_code, year, month, 'pp_change', pp_change from marts.growth where kind = 'ratio' and pp_change is not null
),
scoped as (
  select x.region_code, x.indicator_code, x.year::smallint as year, x.month::tinyint as month, x.basis::weici_basis as basis, x.v,
    case x.basis
      when 'value' then published(x.v, i.unit, i.value_decimals)
      when 'yoy' then round(x.v, coalesce(i.yoy_decimals, 1))
      when 'increment' then published(x.v, i.unit, i.increment_decimals)
      else round(x.v, coalesce(i.pp_decimals, 2))
    end * (case when i.higher_is_better then -1 else 1 end) as sort_v
  from basis_values x
  join indicators i using (indicator_code)
  where x.month = 12 or x.year >= (select y from first_year) - 1
),
ranked as (
  select m.grp, s.indicator_code, s.year, s.month, s.basis, s.region_code, s.v,
    rank() over w as rank,
    count(*) over (w rows between unbounded preceding and unbounded following) as peer_count,
    count(*) over (w rows between unbounded preceding and unbounded following) >= 3
      and min(s.sort_v) over (w rows between unbounded preceding and unbounded following)
        < max(s.sort_v) over (w rows between unbounded preceding and unbounded following) as comparable
  from scoped s
  join members m using (region_code)
  window w as (partition by m.grp, s.indicator_code, s.year, s.month, s.basis order by s.sort_v)
),
with_prev as (
  -- Last year's rank only where last year's ranking was published (comparable): a place in a group
  -- where everyone tied is no rank to gain or lose from.
  select *, case when lag(year) over p = year - 1 and lag(comparable) over p then lag(rank) over p end as prev_rank
  from ranked
  window p as (partition by grp, indicator_code, basis, region_code, month order by year)
)
select g.peer_group_id, g.peer_group_name, k.indicator_code, k.year::integer as year, k.month::integer as month, k.basis,
  k.region_code, k.v as value, k.rank, k.peer_count, k.prev_rank, k.prev_rank - k.rank as rank_change,
  k.comparable
from with_prev k
join groups g using (grp)
where k.month = 12 or k.year >= (select y from first_year)
