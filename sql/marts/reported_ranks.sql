-- The ranks bureau tables publish (位次, 全市排名, 全省位次) beside the rank weici computes for the same
-- region, indicator, period, peer group (全市 = the region's city, 全省 = its province) and basis (a 位次
-- under the value ranks the value; 增速位次 ranks the 同比). `agrees` is null when weici has no rank for
-- it (the peer group or the period is not ranked, or our figure is missing).
with reported as (
  select s.load_id, s.sheet, s.row_number, s.column_letter, s.region_code, s.indicator_code, s.year, s.month,
    coalesce(s.rank_basis, 'value') as basis, x.scope, x.reported_rank
  from staging.stg_submissions s,
    unnest([{'scope': 'city', 'reported_rank': s.reported_rank_city}, {'scope': 'province', 'reported_rank': s.reported_rank_province}]) u(x)
  where s.reason is null and s.superseded_at is null and x.reported_rank is not null
)
select r.region_code, g.name as region_name, r.indicator_code, r.year, r.month, r.scope,
  case r.scope when 'city' then 'city:' || g.city_code else 'province:' || g.province_code end as peer_group_id,
  r.basis, r.reported_rank, k.rank as our_rank, k.peer_count, k.value as our_value,
  case when k.rank is not null then r.reported_rank = k.rank end as agrees,
  l.source_id, l.file, r.sheet, r.row_number, r.column_letter
from reported r
join ref.regions g on g.region_code = r.region_code::varchar
join meta.loads l using (load_id)
left join marts.rankings k
  on k.region_code = r.region_code and k.indicator_code = r.indicator_code and k.year = r.year and k.month = r.month
 and k.basis::varchar = r.basis
 and k.peer_group_id::varchar = case r.scope when 'city' then 'city:' || g.city_code else 'province:' || g.province_code end
