-- incremental: load_id
-- Every landed submission row, typed and resolved against the catalog and regions. `reason` is null
-- for a usable row, else the first problem found, worded for the person who fixes the file.
-- Superseded versions of revised files come along (superseded_at set) for observations_history.
-- Lineage (source, file) is in meta.loads by load_id, the catalog unit in ref.indicators, and the
-- line as written (raw) in raw.submission_rows: only rows with a reason carry it here. At national
-- scale (9 M rows) writing those texts again was a third of this model's time.
with texts as (
  -- Names, units and period texts repeat millions of times at national scale: resolve each distinct text once.
  select indicator_name, unit, norm_name(indicator_name) as name_key,
    coalesce(
      -- A unit written in parentheses, （亿元）, is the unit 亿元.
      nullif(trim(regexp_replace(trim(unit), '^[（(](.*)[）)]$', '\1')), ''),
      nullif(regexp_extract(translate(indicator_name, '（）', '()'), '[(]([^()]+)[)]\s*$', 1), '')
    ) as unit_written
  -- Filtered as src is: estimated alike, the planner builds its hash join on these few hundred texts.
  -- Unfiltered, they looked five times as many as src's rows and the join was built on the 9 M rows
  -- instead (23 s of this model's 45 s at national scale, spilling under the 1 GB memory limit).
  from (select distinct indicator_name, unit from raw.submission_rows where row_role is distinct from 'total')
),
names as (
  -- ... against the catalog and the units, too: one join per row instead of five.
  select t.*, i.indicator_code, i.kind, i.frequency, i.unit as canonical_unit, wu.unit as unit_r,
    case when wf.family = cf.family then wf.factor / cf.factor end as factor, cf.family as family
  from texts t
  left join ref.indicator_names n on n.name_key = t.name_key
  left join ref.indicators i on i.indicator_code = n.indicator_code
  left join ref.unit_spellings wu on wu.written = t.unit_written
  left join ref.units wf on wf.unit = wu.unit
  left join ref.units cf on cf.unit = i.unit
),
-- Not materialized: by_name reads only the rows without a code, so each reader computes what it needs
-- (materializing all 9 M typed rows once cost more than computing them twice).
src as not materialized (
  select
    r.*,
    nullif(trim(translate(r.region_code, '０１２３４５６７８９', '0123456789')), '') as code_t,
    nullif(trim(r.region_name), '') as name_t,
    n.* exclude (indicator_name, unit),
    -- Whole numbers only (a cast would round "6.5" to 7); also 2025年, 6月 and the year-to-date 1-6月.
    coalesce(case when not contains(r.year, '.') then try_cast(r.year as integer) end,
      try_cast(regexp_extract(clean_number(r.year), '^(\d{4})(?:\.0+)?(?:年度?)?$', 1) as integer)) as year_i,
    coalesce(case when not contains(r.month, '.') then try_cast(r.month as integer) end,
      try_cast(regexp_extract(clean_number(r.month), '^(?:1[-~—–至])?(\d{1,2})(?:\.0+)?(?:月份?)?$', 1) as integer)) as month_i,
    -- Most values are plain numbers; only the rest go through the cleaning (full-width digits, 1,234).
    case when try_cast(r.value as double) is not null then trim(r.value) else clean_number(r.value) end as value_t
  from raw.submission_rows r
  left join names n on n.indicator_name is not distinct from r.indicator_name and n.unit is not distinct from r.unit
  -- A bureau table's own total row (全市, 合计) is no region: staging.stg_reported_totals keeps it.
  where r.row_role is distinct from 'total'
),
by_name as (
  -- Distinct regions: a wide table's row gives its one name to each of its indicators.
  select s.load_id, s.sheet, s.row_number, s.name_t, count(distinct g.region_code) as n, min(g.region_code) as region_code
  from src s
  join ref.regions g
    on g.name = s.name_t
   and (s.region_scope is null or s.region_scope in (g.province_code, g.city_code))
  where s.code_t is null and s.name_t is not null
  group by all
),
-- Rows a failing source data check left out in this build (pipelines/checks.ts): quarantined with its reason.
left_out as (
  select load_id, sheet, row_number, column_letter, string_agg(reason, '; ' order by check_name) as check_reason
  from meta.check_quarantine group by all
),
resolved as (
  select
    s.*, cq.check_reason,
    -- A code and a name that name two different regions (330503 with 上城区): which one is meant is unclear.
    -- Names nearly always match their code, so the list of official names is searched only when they differ.
    case when s.name_t <> gc.name and list_contains((select list(distinct name) from ref.regions), s.name_t) then gc.name end
      as conflicting_code_name,
    coalesce(gc.region_code, case when bn.n = 1 then bn.region_code end) as region_code_r,
    bn.n as name_matches,
    coalesce(s.month_i, case when s.frequency = 'annual' then 12 end) as month_r,
    -- "3.08%" in a percent column is 3.08.
    coalesce(try_cast(s.value_t as double),
      case when s.family = 'percent' and ends_with(s.value_t, '%') then try_cast(left(s.value_t, -1) as double) end) as value_num
  from src s
  left join ref.regions gc on gc.region_code = s.code_t
  -- By name too: a transposed table's row names a district in each column.
  left join by_name bn on bn.load_id = s.load_id and bn.sheet is not distinct from s.sheet and bn.row_number = s.row_number and bn.name_t = s.name_t
  left join left_out cq on cq.load_id = s.load_id and cq.sheet is not distinct from s.sheet and cq.row_number = s.row_number
    and (cq.column_letter is null or cq.column_letter is not distinct from s.column_letter)
),
checked as (
select
  load_id, sheet, row_number,
  -- Codes as the ENUM types of pipelines/model-types.ts: every table downstream stores them as integers.
  region_code_r::weici_region as region_code,
  indicator_code::weici_indicator as indicator_code,
  year_i as year,
  month_r as month,
  round(value_num * factor, 10) as value,
  -- 同比 in % either way: "5.2" or "5.2%" (typed, or a percent-formatted cell).
  try_cast(regexp_replace(clean_number(reported_yoy), '%$', '') as double) as reported_yoy,
  -- What a bureau table reports beside the value (sources/table): last year's figure in the catalog
  -- unit, the 百分点 change, and its ranks among the city's and the province's units.
  round(try_cast(clean_number(reported_prev) as double) * factor, 10) as reported_prev,
  try_cast(regexp_replace(clean_number(reported_pp), '%$', '') as double) as reported_pp,
  try_cast(regexp_extract(clean_number(reported_rank_city), '^第?(\d+)', 1) as integer) as reported_rank_city,
  try_cast(regexp_extract(clean_number(reported_rank_province), '^第?(\d+)', 1) as integer) as reported_rank_province,
  rank_basis,
  column_letter,
  raw,
  superseded_at,
  case
    when check_reason is not null then 'check'
    when code_t is not null and region_code_r is null then 'region_code'
    when code_t is null and name_t is null then 'region_code'
    when region_code_r is null then 'region_name'
    when conflicting_code_name is not null then 'region_name'
    when indicator_code is null then 'indicator'
    when year_i is null or month_r is null then 'period'
    when month_r not between 1 and 12 then 'month'
    when frequency = 'annual' and month_r <> 12 then 'month'
    when (year_i, month_r) > ((select run_year from ref.run_context), (select run_month from ref.run_context)) or year_i < 1990 then 'period'
    when unit_written is null then 'unit'
    when unit_r is null or factor is null then 'unit'
    when value_t is null then 'value'
    when value_num is null and is_masked(value) then 'value'
    when value_num is null then 'value'
    when not isfinite(value_num) then 'value'
    when value_problem(value_num * factor, family, indicator_code, value_t) is not null then 'value'
  end as field,
  case
    when check_reason is not null then check_reason
    when code_t is not null and region_code_r is null then 'unknown region code "' || shown(code_t) || '"; use a 6-digit GB/T 2260 code'
    when code_t is null and name_t is null then 'no region code or name'
    when region_code_r is null and coalesce(name_matches, 0) > 1 then 'region name "' || name_t || '" exists in several cities; give the region code'
    when region_code_r is null then 'unknown region name "' || shown(name_t) || '"' || coalesce(' in ' || region_scope, '') || '; use the official name or the code'
    when conflicting_code_name is not null then 'region code ' || code_t || ' is ' || conflicting_code_name || ' but the name says "' || name_t
      || '"; correct whichever is wrong'
    when indicator_code is null then 'unknown indicator "' || shown(coalesce(indicator_name, '')) || '"; add it or an alias to config/indicators.json'
    when year_i is null then 'year "' || shown(coalesce(year, '')) || '" is not a year'
    when month_r is null then 'month "' || shown(coalesce(month, '')) || '" is not a month'
    when month_r not between 1 and 12 then 'month ' || month_r || ' is out of range 1-12'
    when frequency = 'annual' and month_r <> 12 then 'indicator ' || indicator_code || ' is annual; report it for month 12, not month ' || month_r
    when year_i < 1990 then 'year ' || year_i || ' is out of range'
    when (year_i, month_r) > ((select run_year from ref.run_context), (select run_month from ref.run_context))
      then 'period ' || year_i || '-' || month_r || ' is in the future'
    when unit_written is null then 'unit missing; ' || indicator_code || ' is reported in ' || canonical_unit
    when unit_r is null then 'unknown unit "' || shown(unit_written) || '"; ' || indicator_code || ' is reported in ' || canonical_unit
    when factor is null then 'unit "' || unit_written || '" cannot be converted to ' || canonical_unit || ' for ' || indicator_code
    when value_t is null then 'value missing (an empty cell, or a formula or error cell without a number)'
    when value_num is null and is_masked(value) then 'value is masked ("' || trim(value) || '"); submit the actual figure'
    when value_num is null and family <> 'percent' and ends_with(value_t, '%') and try_cast(left(value_t, -1) as double) is not null then 'value "' || shown(trim(value)) || '" is a percentage (typed with %, or a cell formatted as %) but '
      || indicator_code || ' is reported in ' || canonical_unit || '; give the figure in ' || canonical_unit
    when value_num is null then 'value "' || shown(value) || '" is not a number'
    when not isfinite(value_num) then 'value "' || trim(value) || '" is not a finite number'
    else value_problem(value_num * factor, family, indicator_code, value_t)
  end as reason
from resolved
)
select * exclude (raw), case when reason is not null then raw end as raw
from checked
