-- County-level units with their prefecture city and province (GB/T 2260).
select region_code, name, level, city_code, province_code, city_name, province_name from ref.regions
