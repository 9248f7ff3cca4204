-- Ranks within peer groups by value, 同比, increment or 百分点 change, with last year's rank.
select peer_group_id, peer_group_name, indicator_code, year, month, basis, region_code, value, rank, peer_count, prev_rank, rank_change
from marts.rankings
