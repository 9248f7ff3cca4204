-- incremental: region_code, indicator_code
-- One current value per region × indicator × period (year, month), in the catalog unit, with lineage.
-- A district's submission wins; a figure from a published report fills a gap (origin = 'report',
-- its lineage is the text offset in the report). Codes are the ENUM types of staging.stg_submissions;
-- a report figure of a region outside ref.regions has no code to take and is left out.
with indicators as (
  select indicator_code::weici_indicator as indicator_code, unit from ref.indicators
),
reported as (
  select r.*, try_cast(r.region_code as weici_region) as region, r.indicator_code::weici_indicator as indicator
  from staging.stg_report_observations r
),
report_pairs as (
  select distinct region as region_code, indicator as indicator_code from reported where region is not null
),
-- Keys a report could fill that have a submission: a current value exactly when a usable row is not superseded.
submitted_keys as (
  select s.region_code, s.indicator_code, s.year, s.month
  from staging.stg_submissions s
  semi join report_pairs using (region_code, indicator_code)
  where s.reason is null and s.superseded_at is null
)
select o.region_code, o.indicator_code, o.year, o.month, o.value, i.unit, o.reported_yoy,
  o.source_id, o.file, o.sheet, o.row_number, o.load_id, o.loaded_at, 'submission' as origin, null::integer as text_offset, o.column_letter, o.reported_pp
from staging.stg_observations o
join indicators i using (indicator_code)
where o.is_current
union all
select r.region, r.indicator, r.year, r.month, r.value, r.unit, null, r.source_id, r.file, null, null, r.load_id,
  l.loaded_at, 'report', r."offset", null, null
from reported r
join meta.loads l using (load_id)
anti join submitted_keys s on s.region_code = r.region and s.indicator_code = r.indicator and s.year = r.year and s.month = r.month
where r.region is not null
