-- Targets stated in published reports (力争/确保/目标…) for the sidecar's target year: % on a ratio
-- indicator is a ratio target, % on another indicator a growth target, anything else a level in the catalog unit.
select region_code, indicator_code, target_year as year,
  case when unit = '%' and indicator_kind = 'ratio' then 'ratio' when unit = '%' then 'growth' else 'level' end as target_kind,
  case when unit = '%' then value else round(value * factor, 10) end as target_value,
  source_id, file, load_id, "offset"
from staging.stg_report_figures
where kind = 'target' and indicator_code is not null and value is not null and (unit = '%' or factor is not null)
