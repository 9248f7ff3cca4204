-- 同比 growth, increment and 百分点 change against the same window last year.
select region_code, indicator_code, year, month, value, prev_value, yoy_pct, increment, pp_change, reported_yoy
from marts.growth
