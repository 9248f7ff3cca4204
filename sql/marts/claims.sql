-- Rank claims from published reports ("居全市第一", "增速居杭州第3位"), one per rank and basis: the
-- basis comes from each figure the rank covers (level → value, growth → yoy, 百分点 → pp_change), so
-- "总量和增速均居全市第一" is two claims. A rank covering nothing takes its basis from its own words.
with ranks as (
  select * from staging.stg_report_figures where kind = 'rank'
),
covered as (
  select distinct r.load_id, r."offset" as rank_offset,
    case c.kind when 'growth' then 'yoy' when 'pp_change' then 'pp_change' when 'level' then 'value' end as basis,
    first(c.indicator_code order by c.indicator_code nulls last) over (partition by r.load_id, r."offset") as covered_indicator
  from ranks r, unnest(string_split(coalesce(r.covers, ''), ',')) as u(o)
  join staging.stg_report_figures c on c.load_id = r.load_id and c."offset" = try_cast(u.o as integer)
  where c.kind in ('growth', 'pp_change', 'level')
)
select r.region_code, r.year_r as year, r.month_r as month,
  coalesce(r.indicator_code, s.covered_indicator) as indicator_code,
  r.indicator, r.scope, r.peer_group_id,
  coalesce(s.basis, case when r.indicator similar to '.*(增速|增幅|增长率).*' then 'yoy' else 'value' end) as basis,
  r.value::integer as claimed_rank, r.source_id, r.file, r.load_id, r."offset", r.text, r.publisher
from ranks r
left join covered s on s.load_id = r.load_id and s.rank_offset = r."offset"
