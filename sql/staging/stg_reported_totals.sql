-- The total rows bureau tables report themselves (全市, 合计, 全省, 总计), typed like submissions: the
-- indicator resolved against the catalog, the value in the catalog unit. They are no region's figure,
-- so they never reach the observations; the check reported_totals_match_districts compares each with
-- the sum of the districts of the same table.
with totals as (
  select r.*, norm_name(r.indicator_name) as name_key,
    coalesce(nullif(trim(regexp_replace(trim(r.unit), '^[（(](.*)[）)]$', '\1')), ''),
      nullif(regexp_extract(translate(r.indicator_name, '（）', '()'), '[(]([^()]+)[)]\s*$', 1), '')) as unit_written
  from raw.submission_rows r
  where r.row_role = 'total' and r.superseded_at is null
)
select t.load_id, l.source_id, l.file, t.sheet, t.row_number, t.column_letter, t.region_name as label, t.region_scope,
  i.indicator_code, i.kind, cf.family,
  try_cast(t.year as integer) as year, try_cast(t.month as integer) as month,
  round(try_cast(clean_number(t.value) as double) * (wf.factor / cf.factor), 10) as value,
  try_cast(regexp_replace(clean_number(t.reported_yoy), '%$', '') as double) as reported_yoy
from totals t
join meta.loads l using (load_id)
left join ref.indicator_names n on n.name_key = t.name_key
left join ref.indicators i on i.indicator_code = n.indicator_code
left join ref.unit_spellings wu on wu.written = t.unit_written
left join ref.units wf on wf.unit = wu.unit and wf.family = (select family from ref.units where unit = i.unit)
left join ref.units cf on cf.unit = i.unit
