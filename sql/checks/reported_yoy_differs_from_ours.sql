-- A 同比 (or a ratio's 增减百分点) the source reports that differs from weici's recomputation from the two
-- levels by more than the tolerance (weici.config.json checks.yoy_tolerance_pp, default 0.5 个百分点).
-- Official rates are computed on a comparable basis (可比口径) and may differ; a large gap is worth a
-- look at the file.
-- severity: warn
select g.region_code, g.indicator_code, g.year, g.month, g.value, g.prev_value,
  case when g.kind = 'ratio' then '增减百分点' else '同比' end as measure,
  case when g.kind = 'ratio' then g.reported_pp else g.reported_yoy end as reported,
  round(case when g.kind = 'ratio' then g.pp_calc else g.yoy_calc end, 2) as ours,
  round(case when g.kind = 'ratio' then g.reported_pp - g.pp_calc else g.reported_yoy - g.yoy_calc end, 2) as diff_pp,
  o.file, o.sheet, o.row_number
from marts.growth g
join marts.observations o using (region_code, indicator_code, year, month)
where abs(case when g.kind = 'ratio' then g.reported_pp - g.pp_calc else g.reported_yoy - g.yoy_calc end)
  > (select coalesce(any_value(yoy_tolerance_pp), 0.5) from ref.run_context)
