-- Ranks within peer groups by value, 同比, increment or 百分点 change, with last year's rank. Figures
-- are ranked as published (at their shown precision); comparable is false where a rank is no news (fewer
-- than three ranked members, or every member shows the same figure) and is not published as a ranking.
select peer_group_id, peer_group_name, indicator_code, year, month, basis, region_code, value, rank, peer_count, prev_rank, rank_change,
  comparable
from marts.rankings
