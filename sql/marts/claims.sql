-- Rank claims from published reports ("居全市第一", "增速居杭州第3位"), one per rank figure, with the
-- basis taken from what the rank covers: growth → yoy, 百分点 → pp_change, else value.
with ranks as (
  select * from staging.stg_report_figures where kind = 'rank'
),
covered as (
  select r.load_id, r."offset" as rank_offset, c.kind, c.indicator_code
  from ranks r, unnest(string_split(coalesce(r.covers, ''), ',')) as u(o)
  join staging.stg_report_figures c on c.load_id = r.load_id and c."offset" = try_cast(u.o as integer)
),
summary as (
  select load_id, rank_offset,
    bool_or(kind = 'growth') as covers_growth,
    bool_or(kind = 'pp_change') as covers_pp,
    first(indicator_code order by indicator_code nulls last) as covered_indicator
  from covered group by all
)
select r.region_code, r.year_r as year, r.month_r as month,
  coalesce(r.indicator_code, s.covered_indicator) as indicator_code,
  r.indicator, r.scope, r.peer_group_id,
  case
    when s.covers_pp then 'pp_change'
    when s.covers_growth then 'yoy'
    when s.rank_offset is null and r.indicator similar to '.*(增速|增幅|增长率).*' then 'yoy'
    else 'value'
  end as basis,
  r.value::integer as claimed_rank, r.source_id, r.file, r.load_id, r."offset", r.text, r.publisher
from ranks r
left join summary s on s.load_id = r.load_id and s.rank_offset = r."offset"
