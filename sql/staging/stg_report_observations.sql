-- Level figures of published reports that map into the catalog, converted to the catalog unit. They
-- fill gaps only: a district's own submission for the same period always wins (see marts.observations).
select region_code, indicator_code, year_r as year, month_r as month, round(value * factor, 10) as value, canonical_unit as unit,
  source_id, file, load_id, "offset", text
from staging.stg_report_figures
where kind = 'level' and indicator_code is not null and value is not null and value >= 0 and factor is not null and month_r between 1 and 12
qualify row_number() over (partition by region_code, indicator_code, year_r, month_r order by load_id desc, "offset") = 1
