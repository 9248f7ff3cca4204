-- 追赶分析 per peer group, indicator, period and district, for each indicator's latest period and its
-- two latest year ends: the gap to the rank above and to first place, and what a level target still
-- needs per remaining month (computed in marts.gaps).
select peer_group_id, peer_group_name, indicator_code, year, month, region_code, value, rank, peer_count,
  above_rank, above_value, gap_to_above, first_value, gap_to_first, target_value, target_remaining, months_left, monthly_needed
from marts.gaps
