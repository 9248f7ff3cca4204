-- The indicator catalog.
select indicator_code, name_zh, unit, kind, higher_is_better, frequency from ref.indicators
