-- The same region, indicator and period with different values from two files: the newest load's
-- figure is kept and the other row is in analyst.quarantine (see marts.submission_conflicts).
-- severity: warn
select region_code, indicator_code, year, month,
  kept_file, kept_sheet, kept_row, kept_value,
  file as other_file, sheet as other_sheet, row_number as other_row, value as other_value
from marts.submission_conflicts
