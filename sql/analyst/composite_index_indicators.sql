-- The composite index configuration in force (config/composite-index.json): indicators, weights,
-- 监测 standard values, the EIS transform, the index name and the minimum coverage.
select c.indicator_code, c.weight, c.standard_value, c.transform, s.name as index_name, s.min_coverage
from ref.composite_index_indicators c
cross join ref.composite_index_settings s
