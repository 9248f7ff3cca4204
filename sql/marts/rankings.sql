-- incremental: indicator_code
-- Ranks within each peer group by value, by 同比 (stocks and flows), by increment (stocks and flows)
-- and by 百分点 change (ratios). Competition ranking: ties share a rank and the next is skipped
-- (1, 2, 2, 4); values are compared at 6 decimals so float noise never breaks a tie. Direction comes
-- from the catalog. rank_change = last year's rank − this rank for the same month (进位 positive).
--
-- Periods ranked: every month of the run's year and the two years before (this year's 1-N月 figures,
-- and the same months of two earlier years that ranking pages show), and the year end (全年, month 12)
-- of every year. Earlier months are not ranked: at national scale (2,850 units, 40 indicators, ten
-- years) they were two thirds of 48 M rows that nobody reads. The year before the first ranked one is
-- ranked too, but only to give the first year its rank_change.
--
-- The windows run on integer codes (group, indicator, basis, region): sorting 20 M rows by text keys
-- was five times slower. Codes are numbered here and mapped back at the end.
with first_year as (
  select run_year - 2 as y from ref.run_context
),
indicators as (
  select indicator_code, higher_is_better, (row_number() over (order by indicator_code))::smallint as ind
  from ref.indicators
),
groups as (
  select peer_group_id, any_value(peer_group_name) as peer_group_name, (row_number() over (order by peer_group_id))::integer as grp
  from staging.stg_peer_group_members
  where reason is null
  group by peer_group_id
),
regions as (
  select region_code, (row_number() over (order by region_code))::integer as reg from ref.regions
),
members as (
  select distinct g.grp, r.reg
  from staging.stg_peer_group_members m
  join groups g using (peer_group_id)
  join regions r using (region_code)
  where m.reason is null
),
bases(basis, b) as (
  values ('value', 0), ('yoy', 1), ('increment', 2), ('pp_change', 3)
),
basis_values as (
  select region_code, indicator_code, year, month, 0 as b, value as v from marts.growth
  union all
  select region_code, indicator_code, year, month, 1, yoy_pct from marts.growth where yoy_pct is not null
  union all
  select region_code, indicator_code, year, month, 2, increment from marts.growth where kind <> 'ratio' and increment is not null
  union all
  select region_code, indicator_code, year, month, 3, pp_change from marts.growth where kind = 'ratio' and pp_change is not null
),
coded as (
  select r.reg, i.ind, x.year::smallint as year, x.month::tinyint as month, x.b::tinyint as b, x.v,
    round(x.v, 6) * (case when i.higher_is_better then -1 else 1 end) as sort_v
  from basis_values x
  join indicators i using (indicator_code)
  join regions r using (region_code)
  where x.month = 12 or x.year >= (select y from first_year) - 1
),
ranked as (
  select m.grp, c.ind, c.year, c.month, c.b, c.reg, c.v,
    rank() over w as rank,
    count(*) over (w rows between unbounded preceding and unbounded following) as peer_count
  from coded c
  join members m using (reg)
  window w as (partition by m.grp, c.ind, c.year, c.month, c.b order by c.sort_v)
),
with_prev as (
  select *, case when lag(year) over p = year - 1 then lag(rank) over p end as prev_rank
  from ranked
  window p as (partition by grp, ind, b, reg, month order by year)
)
select g.peer_group_id, g.peer_group_name, i.indicator_code, k.year::integer as year, k.month::integer as month, s.basis,
  r.region_code, k.v as value, k.rank, k.peer_count, k.prev_rank, k.prev_rank - k.rank as rank_change
from with_prev k
join groups g using (grp)
join indicators i using (ind)
join regions r using (reg)
join bases s using (b)
where k.month = 12 or k.year >= (select y from first_year)
