-- One current value per region × indicator × period (year, month), in the catalog unit, with lineage.
-- A district's submission wins; a figure from a published report fills a gap (origin = 'report',
-- its lineage is the text offset in the report).
with submitted as (
  select o.region_code, o.indicator_code, o.year, o.month, o.value, o.unit, o.reported_yoy,
    o.source_id, o.file, o.sheet, o.row_number, o.load_id, o.loaded_at, 'submission' as origin, null::integer as text_offset
  from staging.stg_observations o
  where o.is_current
)
select * from submitted
union all
select r.region_code, r.indicator_code, r.year, r.month, r.value, r.unit, null, r.source_id, r.file, null, null, r.load_id,
  l.loaded_at, 'report', r."offset"
from staging.stg_report_observations r
join meta.loads l using (load_id)
anti join submitted s using (region_code, indicator_code, year, month)
