-- Members of every peer group: each unit's prefecture city (全市) and province (全省), and the custom
-- groups from peer-group files. Custom rows that name no known region carry a reason.
with custom as (
  select r.load_id, r.source_id, r.file, r.sheet, r.row_number, r.raw, trim(r.group_name) as group_name,
    coalesce(gc.region_code, (select min(g.region_code) from ref.regions g where g.name = trim(r.region_name)
      and (r.region_scope is null or r.region_scope in (g.province_code, g.city_code)) having count(*) = 1)) as region_code,
    coalesce(nullif(trim(r.region_code), ''), trim(r.region_name)) as region_written,
    (select count(*) from ref.regions g where g.name = trim(r.region_name)
      and (r.region_scope is null or r.region_scope in (g.province_code, g.city_code))) as name_matches,
    nullif(trim(r.region_code), '') is null as no_code
  from raw.peer_group_rows r
  left join ref.regions gc on gc.region_code = trim(r.region_code)
)
select 'city:' || city_code as peer_group_id, city_name as peer_group_name, 'city' as kind, region_code,
  null::bigint as load_id, null as source_id, null as file, null as sheet, null::integer as row_number, null as raw, null as field, null as reason
from ref.regions where city_code is not null
union all
select 'province:' || province_code, province_name, 'province', region_code, null, null, null, null, null, null, null, null
from ref.regions
union all
select 'custom:' || group_name, group_name, 'custom', region_code, load_id, source_id, file, sheet, row_number, raw,
  case when group_name is null or group_name = '' then 'group_name' when region_code is null then 'region_code' end,
  case when group_name is null or group_name = '' then 'group name missing'
       when region_code is null and no_code and name_matches > 1
         then 'region name "' || region_written || '" exists in several cities; give the region code (peer group ' || group_name || ')'
       when region_code is null then 'unknown region "' || coalesce(region_written, '') || '" in peer group ' || group_name end
from custom
