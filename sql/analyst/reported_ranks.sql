-- Ranks the bureau tables publish next to ours: agrees = true, false (a disagreement to look into) or null (we rank no such group or period).
select region_code, region_name, indicator_code, year, month, scope, peer_group_id, basis, reported_rank, our_rank, peer_count, our_value, agrees,
  source_id, file, sheet, row_number, column_letter
from marts.reported_ranks
