-- Figures extracted from published reports, with the period each refers to (a stated 1-9月, 上半年 or
-- 全年 wins over the sidecar's month), the catalog unit factor, and for ranks the peer group their
-- scope names: a custom group by name, 全省/省内 the province, 全市/县市区/各区县 or the city's own name the city.
-- A figure whose sentence names another region as its subject ("上城区…居全市第一" in 余杭区's report)
-- belongs to that region, found by name within the report's own city; report_region_code keeps the sidecar's.
with named as (
  select r.* replace (coalesce(n.region_code, r.region_code) as region_code), r.region_code as report_region_code
  from raw.report_figures r
  left join ref.regions o on o.region_code = r.region_code
  left join ref.regions n on r.region_name is not null and n.name = r.region_name and n.city_code = o.city_code
),
f as (
  select r.*,
    coalesce(try_cast(regexp_extract(r.period, '(\d{4})\s*年', 1) as integer), r.year) as year_r,
    coalesce(
      try_cast(regexp_extract(r.period, '\d{1,2}\s*[-—~至]\s*(\d{1,2})\s*月', 1) as integer),
      case
        when r.period similar to '.*(前三季度|1-3季度).*' then 9
        when r.period similar to '.*(上半年|二季度|前两季度).*' then 6
        when r.period similar to '.*(一季度|第一季度).*' then 3
        when r.period similar to '.*(全年|年度|\d{4}\s*年).*' then 12
      end,
      r.month
    ) as month_r
  from named r
),
scoped as (
  select f.*, g.city_code, g.province_code, g.city_name,
    case
      when f.kind <> 'rank' or f.scope is null then null
      when exists (select 1 from staging.stg_peer_group_members m where m.peer_group_id = 'custom:' || f.scope) then 'custom:' || f.scope
      when f.scope like '%省%' then 'province:' || g.province_code
      when g.city_code is not null and (f.scope like '%市%' or f.scope similar to '.*(县|区).*'
        or (g.city_name is not null and f.scope like replace(g.city_name, '市', '') || '%')) then 'city:' || g.city_code
    end as peer_group_id
  from f
  left join ref.regions g on g.region_code = f.region_code
)
select s.*, i.kind as indicator_kind, i.unit as canonical_unit,
  case when wf.family = cf.family then wf.factor / cf.factor end as factor
from scoped s
left join ref.indicators i on i.indicator_code = s.indicator_code
left join ref.unit_spellings wu on wu.written = s.unit
left join ref.units wf on wf.unit = wu.unit
left join ref.units cf on cf.unit = i.unit
