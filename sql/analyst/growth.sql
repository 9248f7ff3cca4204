-- 同比 growth, increment and 百分点 change against the same window last year. yoy_pct is the official
-- 同比 (the source's own where it reports one, see marts.growth), yoy_calc weici's recomputation; the
-- same for a ratio's 百分点 change: pp_change official, pp_calc ours.
select region_code, indicator_code, year, month, value, prev_value, yoy_pct, increment, pp_change, reported_yoy, yoy_calc, yoy_origin,
  reported_pp, pp_calc
from marts.growth
