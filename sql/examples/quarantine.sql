-- why rows were rejected
select file, row_number, field, reason from analyst.quarantine order by file, row_number
