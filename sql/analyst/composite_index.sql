-- 区域科技创新指数 per peer group, district and year by method (eis / monitor): score, coverage,
-- score relative to the group mean, tier (leader/strong/moderate/emerging), rank and rank change.
select method, peer_group_id, peer_group_name, region_code, year, score, coverage, relative_pct, tier, rank, peer_count, prev_rank, rank_change
from marts.composite_index
