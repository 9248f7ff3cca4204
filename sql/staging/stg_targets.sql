-- Target rows typed and resolved; target_kind maps the bureau's words (总量/增速/比重) to level/growth/ratio.
with src as (
  select r.*,
    nullif(trim(r.region_code), '') as code_t,
    nullif(trim(r.region_name), '') as name_t,
    try_cast(clean_number(r.year) as integer) as year_i,
    try_cast(clean_number(r.target_value) as double) as value_num,
    case trim(lower(r.target_kind))
      when '总量' then 'level' when '数量' then 'level' when 'level' then 'level'
      when '增速' then 'growth' when '增长' then 'growth' when 'growth' then 'growth'
      when '比重' then 'ratio' when '强度' then 'ratio' when 'ratio' then 'ratio'
    end as kind_r
  from raw.target_rows r
),
resolved as (
  select s.*,
    coalesce(gc.region_code, (select min(g.region_code) from ref.regions g where g.name = s.name_t
      and (s.region_scope is null or s.region_scope in (g.province_code, g.city_code)) having count(*) = 1)) as region_code_r,
    i.indicator_code, i.unit as canonical_unit, i.kind as indicator_kind, cf.family,
    case when s.kind_r = 'growth' then case when coalesce(trim(s.unit), '%') in ('%', '％') then 1.0 end
         else case when wf.family = cf.family then wf.factor / cf.factor end end as factor
  from src s
  left join ref.regions gc on gc.region_code = s.code_t
  left join ref.indicator_names n on n.name_key = norm_name(s.indicator_name)
  left join ref.indicators i on i.indicator_code = n.indicator_code
  left join ref.unit_spellings wu on wu.written = coalesce(nullif(trim(s.unit), ''), i.unit)
  left join ref.units wf on wf.unit = wu.unit
  left join ref.units cf on cf.unit = i.unit
),
checked as (
select load_id, source_id, file, sheet, row_number, region_code_r as region_code, indicator_code, year_i as year,
  kind_r as target_kind, value_num * factor as target_value, raw,
  case
    when region_code_r is null then 'region_code'
    when indicator_code is null then 'indicator'
    when year_i is null then 'year'
    when kind_r is null then 'target_kind'
    when factor is null then 'unit'
    when value_num is null then 'target_value'
    when kind_r = 'ratio' and indicator_kind <> 'ratio' then 'target_kind'
    -- A level or ratio target obeys the rules of the figure it is compared with (a growth target may fall).
    when kind_r <> 'growth' and value_problem(value_num * factor, family, indicator_code, clean_number(target_value)) is not null then 'target_value'
  end as field,
  case
    when region_code_r is null then 'unknown region "' || coalesce(code_t, name_t, '') || '"'
    when indicator_code is null then 'unknown indicator "' || coalesce(indicator_name, '') || '"; add it or an alias to config/indicators.json'
    when year_i is null then 'year "' || coalesce(year, '') || '" is not a year'
    when kind_r is null then 'target type "' || coalesce(target_kind, '') || '" is not one of 总量, 增速, 比重'
    when factor is null then 'unit "' || coalesce(unit, '') || '" does not fit a ' || kind_r || ' target of ' || indicator_code
    when value_num is null then 'target value "' || coalesce(target_value, '') || '" is not a number'
    when kind_r = 'ratio' and indicator_kind <> 'ratio' then 'a 比重 target needs a ratio indicator; ' || indicator_code || ' is a ' || indicator_kind
    when kind_r <> 'growth' then 'target: ' || value_problem(value_num * factor, family, indicator_code, clean_number(target_value))
  end as reason
from resolved
),
-- A second target for the same region, indicator, year and type in one file: the first row is kept.
firsts as (
  select *, min(row_number) filter (where field is null) over (partition by load_id, region_code, indicator_code, year, target_kind) as first_row
  from checked
),
-- The same target from two files (or sources) with different values: as for submissions, the newest
-- load's is kept (marts.target_progress uses it) and the other is quarantined naming the file kept.
across as (
  select *,
    max_by({'load_id': load_id, 'file': file, 'row': row_number, 'value': target_value}, load_id)
      filter (where field is null and row_number = first_row) over (partition by region_code, indicator_code, year, target_kind) as kept
  from firsts
)
select load_id, source_id, file, sheet, row_number, region_code, indicator_code, year, target_kind, target_value, raw,
  case
    when field is null and row_number > first_row then 'row'
    when field is null and kept.load_id <> load_id and kept.value <> target_value then 'target_value'
    else field end as field,
  case
    when field is null and row_number > first_row
      then 'duplicate of row ' || first_row || ' (same region, indicator, year and target type in this file); the first row was kept'
    when field is null and kept.load_id <> load_id and kept.value <> target_value
      then 'conflicts with ' || kept.file || ' row ' || kept.row || ': ' || regexp_replace(target_value::varchar, '\.0$', '') || ' here, '
        || regexp_replace(kept.value::varchar, '\.0$', '') || ' there (same region, indicator, year and target type); kept '
        || kept.file || ' because it was loaded later; correct or remove the wrong file'
    else reason end as reason
from across
