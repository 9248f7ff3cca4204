-- Ranks within each peer group by value, by 同比 (stocks and flows), by increment (stocks and flows)
-- and by 百分点 change (ratios). Competition ranking: ties share a rank and the next is skipped
-- (1, 2, 2, 4); values are compared at 6 decimals so float noise never breaks a tie. Direction comes
-- from the catalog. rank_change = last year's rank − this rank for the same month (进位 positive).
with basis_values as (
  select region_code, indicator_code, year, month, 'value' as basis, value as v from marts.growth
  union all
  select region_code, indicator_code, year, month, 'yoy', yoy_pct from marts.growth where yoy_pct is not null
  union all
  select region_code, indicator_code, year, month, 'increment', increment from marts.growth where kind <> 'ratio' and increment is not null
  union all
  select region_code, indicator_code, year, month, 'pp_change', pp_change from marts.growth where kind = 'ratio' and pp_change is not null
),
members as (
  select distinct peer_group_id, peer_group_name, region_code from staging.stg_peer_group_members where reason is null
),
ranked as (
  select m.peer_group_id, m.peer_group_name, b.indicator_code, b.year, b.month, b.basis, b.region_code, b.v as value,
    rank() over w as rank,
    count(*) over (partition by m.peer_group_id, b.indicator_code, b.year, b.month, b.basis) as peer_count
  from basis_values b
  join members m using (region_code)
  join ref.indicators i using (indicator_code)
  window w as (
    partition by m.peer_group_id, b.indicator_code, b.year, b.month, b.basis
    order by round(b.v, 6) * (case when i.higher_is_better then -1 else 1 end)
  )
)
select r.*, p.rank as prev_rank, p.rank - r.rank as rank_change
from ranked r
left join ranked p
  on p.peer_group_id = r.peer_group_id and p.indicator_code = r.indicator_code and p.basis = r.basis
 and p.region_code = r.region_code and p.year = r.year - 1 and p.month = r.month
