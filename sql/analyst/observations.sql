-- Current value per region × indicator × period, with where it came from.
select region_code, indicator_code, year, month, value, unit, source_id, load_id, file, sheet, row_number, column_letter, loaded_at, origin, text_offset
from marts.observations
