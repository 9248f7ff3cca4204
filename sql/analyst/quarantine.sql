-- Rows that could not be used and why.
select source_id, file, row_number, field, reason, raw, sheet, load_id, column_letter from marts.quarantine
