-- The totals bureau tables report (全市, 合计) in the catalog unit, with where they stand in the file.
select source_id, file, sheet, row_number, column_letter, label, indicator_code, year, month, value, reported_yoy
from staging.stg_reported_totals
