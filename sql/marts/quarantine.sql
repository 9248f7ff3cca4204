-- Every row that could not be used, with the file, row, field and a reason saying how to fix it.
select source_id, file, sheet, row_number, field, reason, raw, load_id from raw.source_quarantine
union all
select source_id, file, sheet, row_number, field, reason, raw, load_id from staging.stg_submissions where reason is not null and superseded_at is null
union all
select source_id, file, sheet, row_number, 'row',
  'duplicate of row ' || first_row || ' (same region, indicator and period in this file); the first row was kept', raw, load_id
from staging.stg_observations where is_duplicate and superseded_at is null
union all
select source_id, file, sheet, row_number, field, reason, raw, load_id from staging.stg_targets where reason is not null
union all
select source_id, file, sheet, row_number, field, reason, raw, load_id from staging.stg_peer_group_members where reason is not null
union all
-- A figure two files give differently: the row that lost, naming the row that was kept.
select source_id, file, sheet, row_number, 'value', reason, raw, load_id from marts.submission_conflicts
