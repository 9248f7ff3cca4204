-- 区域科技创新指数 per peer group, district and year, by two methods (rows of `method`):
--   eis      100 × weighted mean of the min-max scores (European Innovation Scoreboard style)
--   monitor  weighted mean of the 0..100 standard-value scores (科技进步统计监测 style)
-- Weights are renormalised over the indicators a district has; below the configured minimum coverage
-- (share of the total weight) the score is null and the district is not ranked. relative_pct = 100 ×
-- score ÷ the group's mean score that year; tiers as in the EIS: leader ≥ 125, strong 100–125,
-- moderate 70–100, emerging < 70. Ranks are competition ranks (ties share a rank) within the group and
-- year; rank_change = last year's rank − this rank (进位 positive).
with total as (
  select sum(weight) as total_weight from ref.composite_index_indicators
),
settings as (
  select any_value(min_coverage) as min_coverage from ref.composite_index_settings
),
long as (
  select peer_group_id, region_code, year, 'eis' as method, weight, 100 * eis_score as s from marts.composite_index_scores
  union all
  select peer_group_id, region_code, year, 'monitor', weight, monitor_score from marts.composite_index_scores
),
agg as (
  select method, peer_group_id, region_code, year,
    sum(weight) filter (where s is not null) / any_value(t.total_weight) as coverage,
    sum(weight * s) filter (where s is not null) / sum(weight) filter (where s is not null) as weighted
  from long cross join total t
  group by all
),
scored as (
  select a.method, a.peer_group_id, a.region_code, a.year, a.coverage,
    case when a.coverage >= st.min_coverage - 1e-9 then a.weighted end as score
  from agg a cross join settings st
),
relative as (
  select *,
    100 * score / nullif(avg(score) over (partition by method, peer_group_id, year), 0) as relative_pct
  from scored
),
ranked as (
  select *,
    case when score is not null then rank() over (partition by method, peer_group_id, year, score is null order by round(score, 6) desc) end as rank,
    count(score) over (partition by method, peer_group_id, year) as peer_count
  from relative
)
select r.method, r.peer_group_id, g.peer_group_name, r.region_code, r.year, r.score, r.coverage, r.relative_pct,
  case when r.relative_pct is null then null
       when r.relative_pct >= 125 then 'leader'
       when r.relative_pct >= 100 then 'strong'
       when r.relative_pct >= 70 then 'moderate'
       else 'emerging' end as tier,
  r.rank, r.peer_count, p.rank as prev_rank, p.rank - r.rank as rank_change
from ranked r
left join ranked p on p.method = r.method and p.peer_group_id = r.peer_group_id and p.region_code = r.region_code and p.year = r.year - 1
left join marts.peer_groups g on g.peer_group_id = r.peer_group_id
