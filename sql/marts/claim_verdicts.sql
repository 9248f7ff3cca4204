-- Each claim checked against our own rankings: confirmed, contradicted (with our rank and value), or
-- unverifiable with the reason (unknown region, indicator not in the catalog, peer group unknown,
-- period not ranked, no figure for the region). Only the rankings of claimed groups and periods are
-- read: a few hundred claims against millions of ranks.
with claimed as (
  select k.*
  from marts.rankings k
  semi join marts.claims c using (peer_group_id, indicator_code, year, month, basis)
),
period_loaded as (
  select distinct peer_group_id, indicator_code, year, month, basis from claimed
)
select c.*,
  k.rank as our_rank, k.value as our_value, k.peer_count,
  case
    when g.region_code is null or c.indicator_code is null or c.peer_group_id is null or p.peer_group_id is null
      or k.rank is null or c.claimed_rank is null then 'unverifiable'
    when k.rank = c.claimed_rank then 'confirmed'
    else 'contradicted'
  end as verdict,
  case
    when g.region_code is null then 'unknown region ' || coalesce(c.region_code, '')
    when c.indicator_code is null then 'indicator not in the catalog: ' || coalesce(c.indicator, '')
    when c.peer_group_id is null then 'peer group unknown: ' || coalesce(c.scope, '(none stated)')
    when p.peer_group_id is null then 'period not loaded: no ' || c.basis || ' ranking of ' || c.indicator_code || ' for ' || c.year || '-' || c.month
    when k.rank is null then 'no figure for the region in that period'
    when c.claimed_rank is null then 'the claimed rank is masked'
    when k.rank <> c.claimed_rank then 'our rank is ' || k.rank || ' of ' || k.peer_count
  end as reason,
  case
    when g.region_code is null then 'unknown_region'
    when c.indicator_code is null then 'indicator_not_in_catalog'
    when c.peer_group_id is null then 'peer_group_unknown'
    when p.peer_group_id is null then 'period_not_loaded'
    when k.rank is null then 'no_figure'
    when c.claimed_rank is null then 'masked_rank'
    when k.rank <> c.claimed_rank then 'rank_differs'
  end as reason_code
from marts.claims c
left join ref.regions g on g.region_code = c.region_code
left join period_loaded p on p.peer_group_id = c.peer_group_id and p.indicator_code = c.indicator_code and p.year = c.year
  and p.month = c.month and p.basis = c.basis
left join claimed k on k.peer_group_id = c.peer_group_id and k.indicator_code = c.indicator_code and k.year = c.year
  and k.month = c.month and k.basis = c.basis and k.region_code = c.region_code
