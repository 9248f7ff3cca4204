-- Every version of every submitted figure with when it was current: as-of queries use
-- `valid_from <= D and (valid_to is null or valid_to > D)` (times in UTC).
select region_code, indicator_code, year, month, value, unit, source_id, load_id, file, row_number, valid_from, valid_to, sheet
from marts.observations_history
