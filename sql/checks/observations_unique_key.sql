-- One current value per region, indicator and period.
select region_code, indicator_code, year, month, count(*) as n
from marts.observations group by all having count(*) > 1
