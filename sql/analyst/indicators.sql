-- The indicator catalog, with 时序进度 method (progress) and published decimals per basis (null = display rule).
select indicator_code, name_zh, unit, kind, higher_is_better, frequency, progress, point_in_time, value_decimals, yoy_decimals,
  increment_decimals, pp_decimals
from ref.indicators
