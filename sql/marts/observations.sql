-- One current value per region × indicator × period (year, month), in the catalog unit, with lineage.
select o.region_code, o.indicator_code, o.year, o.month, o.value, o.unit, o.reported_yoy,
  o.source_id, o.file, o.sheet, o.row_number, o.load_id, o.loaded_at
from staging.stg_observations o
where o.is_current
