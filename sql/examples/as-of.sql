-- 技术合同成交额 of 杭州 districts for 2026-06 as we knew it on the morning of 2026-07-12 (Beijing time)
select region_code, value, file, valid_from, valid_to
from analyst.observations_history
where indicator_code = 'tech_contract_value' and year = 2026 and month = 6
  and valid_from <= timestamp '2026-07-12 00:00:00' - interval 8 hour
  and (valid_to is null or valid_to > timestamp '2026-07-12 00:00:00' - interval 8 hour)
