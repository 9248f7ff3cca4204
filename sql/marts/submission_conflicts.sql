-- Figures that two files give differently: the same region, indicator and period in two current files
-- (of one source or two) with different values, after unit conversion (1.25 亿元 and 12500 万元 agree).
-- The value kept is staging.stg_observations' current one: the newest load wins, that is the file
-- loaded in the later run, and within one run the later one in load order (sources in the order of
-- weici.config.json, files by name within a source); in a file, its first row for the key. Each row
-- that lost is listed with the row that was kept; marts.quarantine shows it with the reason below and
-- the data check submissions_conflict_across_files warns about it. The same value twice is no conflict.
--
-- Read from staging.stg_submissions, not stg_observations (a view whose windows each reader would
-- compute again): per region × indicator and load only the span of periods is counted, and only keys
-- of pairs whose loads overlap in time are compared row by row. The rule is stg_observations' own (newest load, first row);
-- the tests check that the kept row is the one analyst.observations shows.
with usable as (
  select load_id, sheet, row_number, region_code, indicator_code, year, month, value
  from staging.stg_submissions
  where reason is null and superseded_at is null
),
pair_loads as (
  select region_code, indicator_code, load_id, min(year * 100 + month) as lo, max(year * 100 + month) as hi
  from usable group by all
),
-- Region × indicator pairs where the periods of two loads overlap (a history file and monthly reports
-- of later months do not): only their keys can be given twice.
overlapping as (
  select distinct region_code, indicator_code
  from (
    select *, max(hi) over (partition by region_code, indicator_code order by lo, load_id rows between unbounded preceding and 1 preceding) as prev_hi
    from pair_loads
  )
  where lo <= prev_hi
),
contested as (
  select region_code, indicator_code, year, month
  from usable semi join overlapping using (region_code, indicator_code)
  group by all
  having min(load_id) <> max(load_id) and min(value) <> max(value)
),
ranked as (
  select u.*,
    min({'sheet': coalesce(u.sheet, ''), 'row': u.row_number}) over (partition by u.load_id, u.region_code, u.indicator_code, u.year, u.month) as first_at,
    max(u.load_id) over (partition by u.region_code, u.indicator_code, u.year, u.month) as kept_load
  from usable u semi join contested using (region_code, indicator_code, year, month)
),
pairs as (
  select d.region_code, d.indicator_code, d.year, d.month,
    dl.source_id, dl.file, d.sheet, d.row_number, d.value, d.load_id,
    kl.source_id as kept_source_id, kl.file as kept_file, k.sheet as kept_sheet, k.row_number as kept_row, k.value as kept_value,
    k.load_id as kept_load_id, i.unit,
    case
      when kl.run_id > dl.run_id then 'it was loaded in a later run'
      when kl.source_id <> dl.source_id then 'its source ' || kl.source_id || ' loads after ' || dl.source_id
      else 'it comes later in name order'
    end as why_kept
  from ranked d
  join ranked k on k.region_code = d.region_code and k.indicator_code = d.indicator_code and k.year = d.year and k.month = d.month
    and k.load_id = k.kept_load and (coalesce(k.sheet, ''), k.row_number) = (k.first_at.sheet, k.first_at.row)
  join meta.loads dl on dl.load_id = d.load_id
  join meta.loads kl on kl.load_id = k.load_id
  join ref.indicators i on i.indicator_code = d.indicator_code
  where d.load_id <> d.kept_load and (coalesce(d.sheet, ''), d.row_number) = (d.first_at.sheet, d.first_at.row) and d.value <> k.value
)
select p.region_code, p.indicator_code, p.year, p.month,
  p.source_id, p.file, p.sheet, p.row_number, p.value, p.load_id,
  p.kept_source_id, p.kept_file, p.kept_sheet, p.kept_row, p.kept_value, p.kept_load_id,
  'conflicts with ' || p.kept_file || ' row ' || p.kept_row
    || case when p.kept_source_id <> p.source_id then ' (source ' || p.kept_source_id || ')' else '' end
    || ': ' || regexp_replace(p.value::varchar, '\.0$', '') || p.unit || ' here, '
    || regexp_replace(p.kept_value::varchar, '\.0$', '') || p.unit || ' there (same region, indicator and period); kept '
    || p.kept_file || ' because ' || p.why_kept || '; correct or remove the wrong file' as reason,
  r.raw
from pairs p
left join raw.submission_rows r on r.load_id = p.load_id and r.row_number = p.row_number and r.sheet is not distinct from p.sheet
