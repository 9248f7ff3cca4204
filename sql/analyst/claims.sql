-- Rank claims from published reports and whether our own rankings confirm them.
select region_code, year, month, indicator_code, scope, peer_group_id, basis, claimed_rank, source_id, "offset", text,
  verdict, reason, reason_code, our_rank, our_value, peer_count, file, indicator, publisher
from marts.claim_verdicts
