-- Ratio indicators change in 百分点, never in % growth.
select * from marts.growth where kind = 'ratio' and (yoy_pct is not null or increment is not null)
