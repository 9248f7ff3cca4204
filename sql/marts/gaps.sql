-- 追赶分析: what it takes to move up. Per peer group, indicator, period (each indicator's latest and its
-- two latest year ends) and district (ranked by value):
-- the figure of the rank just above (the nearest better rank; tied districts share it) and of first
-- place, and how far this district is behind each, in the indicator's unit and direction (always >= 0).
-- For a year-to-date flow with a level target, before December: what is still needed to reach the
-- target and that amount spread over the remaining months. Null where a gap does not apply (first
-- place, a target already reached, no level target).
-- A table, not a view: the site and the office files read it once per period and province, and as a
-- view each read ran these windows over every ranking again (national: 4.5 s a read, most of the
-- pages' time).
with periods as (
  -- The periods a 月报 or 工作总结 speaks about, as in marts.statements: each indicator's latest period
  -- and its two latest year ends (every ranked period was 6.9 M rows and 16 s at national scale).
  select indicator_code, year, month
  from (
    select indicator_code, year, month,
      row_number() over (partition by indicator_code order by year desc, month desc) as nth,
      row_number() over (partition by indicator_code, month = 12 order by year desc) as nth_end
    from (select distinct indicator_code, year, month from marts.rankings where basis = 'value')
  )
  where nth = 1 or (month = 12 and nth_end <= 2)
),
ranked as (
  select peer_group_id, peer_group_name, indicator_code, year, month, region_code, value, rank, peer_count
  from marts.rankings
  semi join periods using (indicator_code, year, month)
  where basis = 'value' and rank is not null and value is not null
),
levels as (
  -- One figure per rank: tied districts compare equal at ranking precision.
  select peer_group_id, indicator_code, year, month, rank, min(value) as lo, max(value) as hi
  from ranked
  group by all
),
stepped as (
  select *,
    lag(rank) over w as above_rank,
    lag(lo) over w as above_lo,
    lag(hi) over w as above_hi,
    first_value(lo) over w as first_lo,
    first_value(hi) over w as first_hi
  from levels
  window w as (partition by peer_group_id, indicator_code, year, month order by rank)
),
indicators as (
  -- Which indicators a level target's remaining amount is spread over months for: monthly flows that
  -- grow towards their target.
  select indicator_code, higher_is_better, kind = 'flow' and frequency = 'monthly' and higher_is_better as accrues
  from ref.indicators
),
level_targets as (
  select region_code::varchar as region_code, indicator_code::varchar as indicator_code, year, month, target_value
  from marts.target_progress
  where target_kind = 'level'
)
select r.peer_group_id, r.peer_group_name, r.indicator_code, r.year, r.month, r.region_code, r.value, r.rank, r.peer_count,
  s.above_rank,
  case when i.higher_is_better then s.above_lo else s.above_hi end as above_value,
  case when s.above_rank is not null then
    greatest(case when i.higher_is_better then s.above_lo - r.value else r.value - s.above_hi end, 0) end as gap_to_above,
  case when r.rank > 1 then case when i.higher_is_better then s.first_lo else s.first_hi end end as first_value,
  case when r.rank > 1 then
    greatest(case when i.higher_is_better then s.first_lo - r.value else r.value - s.first_hi end, 0) end as gap_to_first,
  t.target_value,
  case when t.target_value is not null then greatest(t.target_value - r.value, 0) end as target_remaining,
  case when t.target_value is not null then 12 - r.month end as months_left,
  case when t.target_value is not null and t.target_value > r.value then (t.target_value - r.value) / (12 - r.month) end as monthly_needed
from ranked r
join stepped s using (peer_group_id, indicator_code, year, month, rank)
join indicators i on i.indicator_code = r.indicator_code::varchar
-- Equalities only: a condition on the row's own indicator or month inside the join made DuckDB compare
-- every ranking with every target (a nested loop: minutes at national scale). A row that takes no
-- target has no month to match.
left join level_targets t
  on t.region_code = r.region_code::varchar and t.indicator_code = r.indicator_code::varchar and t.year = r.year
  and t.month = case when i.accrues and r.month < 12 then r.month end
