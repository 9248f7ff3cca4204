-- growth of 技术合同成交额 (year-to-date) for one district
select year, month, value, prev_value, round(yoy_pct, 1) as yoy
from analyst.growth where region_code = '330106' and indicator_code = 'tech_contract_value' order by year, month
