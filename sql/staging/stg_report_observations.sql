-- Level figures of published reports that map into the catalog, converted to the catalog unit. They
-- fill gaps only: a district's own submission for the same period always wins (see marts.observations).
-- They pass the value rules submissions pass (value_problem): a figure failing them is quarantined
-- (marts.quarantine), not published.
select region_code, indicator_code, year_r as year, month_r as month, round(value * factor, 10) as value, canonical_unit as unit,
  source_id, file, load_id, "offset", text
from staging.stg_report_figures f
where kind = 'level' and indicator_code is not null and value is not null and factor is not null and month_r between 1 and 12
  and value_problem(value * factor, (select family from ref.units u where u.unit = f.canonical_unit), indicator_code, value::varchar || coalesce(unit, '')) is null
qualify row_number() over (partition by region_code, indicator_code, year_r, month_r order by load_id desc, "offset") = 1
